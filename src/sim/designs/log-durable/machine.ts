// Lifecycle of a log-durable (MemoryDB) node, model.md §2.2: restoring → replica lagging → replica caught
// up (eligible) → campaigning → primary with lease → lease expired → down. Leadership lives in the log; the
// engine sends the events that the log decides (won, deposed, lease renewed or expired).
import { setup } from 'xstate';
import type { StateOf } from '../../machines/driver';

export type DurableNodeEvent =
  | { type: 'RESTORED' }
  | { type: 'CAUGHT_UP' }
  | { type: 'FELL_BEHIND' }
  | { type: 'CAMPAIGN' }
  | { type: 'WON' }
  | { type: 'LOST_ELECTION' }
  | { type: 'LEASE_EXPIRED' }
  | { type: 'LEASE_RENEWED' }
  | { type: 'DEPOSED' }
  | { type: 'CRASH' }
  | { type: 'RESTART' }
  | { type: 'HOST_LOST' }
  | { type: 'POWER_OFF' }
  | { type: 'POWER_ON' }
  | { type: 'REBOOT' };

export interface DurableNodeContext {
  rebootMs: number;
}

const failures = {
  CRASH: { target: '#durableNode.down' },
  HOST_LOST: { target: '#durableNode.down' },
  POWER_OFF: { target: '#durableNode.off' },
  REBOOT: { target: '#durableNode.rebooting' },
} as const;

export const durableNodeMachine = setup({
  types: {
    context: {} as DurableNodeContext,
    events: {} as DurableNodeEvent,
    input: {} as DurableNodeContext,
  },
  // Implementations are empty on purpose: the engine receives these actions from transition() and acts.
  actions: {
    entered: (_: unknown, _params: { state: string }) => {},
  },
  delays: { reboot: ({ context }) => context.rebootMs },
}).createMachine({
  id: 'durableNode',
  context: ({ input }) => input,
  initial: 'restoring',
  states: {
    /** Newest snapshot plus replay of the log after it; no live primary needed. */
    restoring: {
      entry: { type: 'entered', params: { state: 'restoring' } },
      on: { ...failures, RESTORED: 'lagging' },
    },
    lagging: {
      entry: { type: 'entered', params: { state: 'lagging' } },
      on: { ...failures, CAUGHT_UP: 'caughtUp' },
    },
    /** Has applied every committed entry it can see: eligible to campaign. */
    caughtUp: {
      entry: { type: 'entered', params: { state: 'caughtUp' } },
      on: { ...failures, FELL_BEHIND: 'lagging', CAMPAIGN: 'campaigning' },
    },
    /** Its conditional leadership append is on its way to the log. */
    campaigning: {
      entry: { type: 'entered', params: { state: 'campaigning' } },
      on: { ...failures, WON: 'primary', LOST_ELECTION: 'lagging' },
    },
    primary: {
      entry: { type: 'entered', params: { state: 'primary' } },
      on: { ...failures, LEASE_EXPIRED: 'leaseExpired', DEPOSED: 'restoring' },
    },
    /** Could not renew its lease in time: stops serving, acknowledges nothing. */
    leaseExpired: {
      entry: { type: 'entered', params: { state: 'leaseExpired' } },
      on: { ...failures, LEASE_RENEWED: 'primary', DEPOSED: 'restoring' },
    },
    down: {
      entry: { type: 'entered', params: { state: 'down' } },
      on: { RESTART: 'restoring', HOST_LOST: 'down', POWER_OFF: 'off' },
    },
    rebooting: {
      entry: { type: 'entered', params: { state: 'rebooting' } },
      after: { reboot: 'restoring' },
      on: { POWER_OFF: 'off', HOST_LOST: 'down' },
    },
    off: {
      entry: { type: 'entered', params: { state: 'off' } },
      on: { POWER_ON: 'restoring', RESTART: 'restoring' },
    },
  },
});

/** The node's lifecycle states, as the machine above declares them. */
export type DurableNodeState = StateOf<typeof durableNodeMachine>;
