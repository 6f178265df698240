// The log-durable design's kinds of event (30–49), each with its typed constructor and decoders (see
// ../../events.ts for why events are built this way).
import type { Ev } from '../../world';
import type { Simulation } from '../../engine';

export const DURABLE_KIND = {
  LOG_COMMIT: 30,
  LEASE_TICK: 31,
  REPLICA_CHECK: 32,
  MONITOR_TICK: 33,
  RESTORE_DONE: 34,
  SNAPSHOT_TICK: 35,
  LOG_DRAIN: 36,
} as const;

/** A lease renewal or leadership claim reached its quorum of log copies (writes need no event). */
export const LogCommit = {
  at(sim: Simulation, t: number, index: number): void {
    sim.at(t, DURABLE_KIND.LOG_COMMIT, index, 0, 0, null);
  },
  index: (e: Ev): number => e.a,
};

/**
 * A leader's heartbeat (LEASE_TICK), a node's restore finishing (RESTORE_DONE) or the log's intake free
 * again for the writes a primary holds (LOG_DRAIN), for one incarnation.
 */
export const NodeTimer = {
  after(sim: Simulation, kind: typeof DURABLE_KIND.LEASE_TICK | typeof DURABLE_KIND.RESTORE_DONE | typeof DURABLE_KIND.LOG_DRAIN, delayUs: number, node: number, inc: number): void {
    sim.after(delayUs, kind, node, 0, inc, null);
  },
  node: (e: Ev): number => e.a,
  inc: (e: Ev): number => e.c,
};

/** A replica's periodic look at the log (REPLICA_CHECK). */
export const ReplicaCheck = {
  after(sim: Simulation, delayUs: number, node: number): void {
    sim.after(delayUs, DURABLE_KIND.REPLICA_CHECK, node, 0, 0, null);
  },
  node: (e: Ev): number => e.a,
};

/** The service's periodic work: the monitor (MONITOR_TICK) and snapshots (SNAPSHOT_TICK). */
export const ServiceTick = {
  after(sim: Simulation, kind: typeof DURABLE_KIND.MONITOR_TICK | typeof DURABLE_KIND.SNAPSHOT_TICK, delayUs: number): void {
    sim.after(delayUs, kind, 0, 0, 0, null);
  },
};
