// Lifecycle of a cache-style (Redis / ElastiCache) node process and host, model.md §2.1.
// The role (primary or replica) is data kept by the engine; this machine says whether the node can serve.
// Fixed-length waits are `after` transitions: the engine runs them on the simulated clock. Waits whose
// length depends on the data (loading a file, a full sync) end with an event the engine schedules.
import { setup } from 'xstate';
import type { StateOf } from '../../machines/driver';

export interface CacheNodeContext {
  autoRestartMs: number;
  rebootMs: number;
  replaceHostMs: number;
}

export type CacheNodeEvent =
  | { type: 'CRASH' }
  | { type: 'RESTART' }
  | { type: 'REBOOT' }
  | { type: 'HOST_LOST' }
  | { type: 'POWER_OFF' }
  | { type: 'POWER_ON' }
  | { type: 'LOADED' }
  | { type: 'SYNC_START' }
  | { type: 'SYNC_DONE' };

const hostOff = {
  POWER_OFF: { target: '#cacheNode.off' },
  HOST_LOST: { target: '#cacheNode.replacing' },
} as const;

export const cacheNodeMachine = setup({
  types: {
    context: {} as CacheNodeContext,
    events: {} as CacheNodeEvent,
    input: {} as CacheNodeContext,
  },
  // Implementations are empty on purpose: the engine receives these actions from transition() and acts.
  actions: {
    entered: (_: unknown, _params: { state: string }) => {},
  },
  delays: {
    autoRestart: ({ context }) => context.autoRestartMs,
    reboot: ({ context }) => context.rebootMs,
    replaceHost: ({ context }) => context.replaceHostMs,
  },
}).createMachine({
  id: 'cacheNode',
  context: ({ input }) => input,
  initial: 'serving',
  states: {
    serving: {
      entry: { type: 'entered', params: { state: 'serving' } },
      on: { ...hostOff, CRASH: 'down', REBOOT: 'rebooting', SYNC_START: 'syncing' },
    },
    /** A replica blocked while it receives and loads the primary's RDB (full resync). */
    syncing: {
      entry: { type: 'entered', params: { state: 'syncing' } },
      on: { ...hostOff, CRASH: 'down', REBOOT: 'rebooting', SYNC_DONE: 'serving', SYNC_START: 'syncing' },
    },
    /** Process dead, host and disk fine. The supervisor starts it again unless someone does first. */
    down: {
      entry: { type: 'entered', params: { state: 'down' } },
      after: { autoRestart: 'loading' },
      on: { ...hostOff, RESTART: 'loading' },
    },
    rebooting: {
      entry: { type: 'entered', params: { state: 'rebooting' } },
      after: { reboot: 'loading' },
      on: { ...hostOff },
    },
    /** Host without power or cut off by an AZ outage: memory gone, disk kept. */
    off: {
      entry: { type: 'entered', params: { state: 'off' } },
      on: { POWER_ON: 'loading', HOST_LOST: 'replacing' },
    },
    /** Host lost: a new one with an empty disk is being provisioned. */
    replacing: {
      entry: { type: 'entered', params: { state: 'replacing' } },
      after: { replaceHost: 'loading' },
    },
    /** Process starting: loading AOF or RDB from disk, or starting empty. Refuses commands with LOADING. */
    loading: {
      entry: { type: 'entered', params: { state: 'loading' } },
      on: { ...hostOff, CRASH: 'down', LOADED: 'serving' },
    },
  },
});

/** The node's lifecycle states, as the machine above declares them. */
export type CacheNodeState = StateOf<typeof cacheNodeMachine>;
