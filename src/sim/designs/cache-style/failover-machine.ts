// The cache-style failover control plane (ElastiCache Multi-AZ, Redis Cluster or Sentinel, model.md §2.1):
// notice the primary is gone, wait out the detection time, promote the least-lagged reachable replica,
// then move the endpoint. The engine reports reachability and carries out the promotion.
import { setup, assign } from 'xstate';
import type { StateOf } from '../../machines/driver';

export interface FailoverContext {
  detectionMs: number;
  promotionMs: number;
}

export type FailoverEvent =
  | { type: 'PRIMARY_UNREACHABLE'; promotionMs: number }
  | { type: 'PRIMARY_OK' }
  | { type: 'NO_CANDIDATE' }
  | { type: 'DISABLE' };

export const failoverMachine = setup({
  types: {
    context: {} as FailoverContext,
    events: {} as FailoverEvent,
    input: {} as FailoverContext,
  },
  // Implementations are empty on purpose: the engine receives these actions from transition() and acts.
  actions: {
    entered: (_: unknown, _params: { state: string }) => {},
    promote: () => {},
    moveEndpoint: () => {},
  },
  delays: {
    detection: ({ context }) => context.detectionMs,
    promotion: ({ context }) => context.promotionMs,
  },
}).createMachine({
  id: 'failover',
  context: ({ input }) => input,
  initial: 'watching',
  states: {
    watching: {
      entry: { type: 'entered', params: { state: 'watching' } },
      on: {
        PRIMARY_UNREACHABLE: {
          target: 'suspect',
          actions: assign({ promotionMs: ({ event }) => event.promotionMs }),
        },
        DISABLE: 'disabled',
      },
    },
    suspect: {
      entry: { type: 'entered', params: { state: 'suspect' } },
      after: { detection: 'promoting' },
      on: { PRIMARY_OK: 'watching' },
    },
    /** The chosen replica has been told REPLICAOF NO ONE; the endpoint moves when this ends. */
    promoting: {
      entry: [
        { type: 'entered', params: { state: 'promoting' } },
        { type: 'promote', params: {} },
      ],
      after: { promotion: { target: 'watching', actions: { type: 'moveEndpoint', params: {} } } },
      on: { NO_CANDIDATE: 'waitingForReplica' },
    },
    waitingForReplica: {
      entry: { type: 'entered', params: { state: 'waitingForReplica' } },
      after: { 1000: 'promoting' },
      on: { PRIMARY_OK: 'watching' },
    },
    disabled: {},
  },
});

export type FailoverState = StateOf<typeof failoverMachine>;
