// The cache-style design's kinds of event (10–29), each with its typed constructor and decoders (see
// ../../events.ts for why events are built this way).
import type { Dataset } from '../../dataset';
import type { Ev, Op } from '../../world';
import type { Simulation } from '../../engine';

export const CACHE_KIND = {
  REPL_DELIVER: 10,
  REPL_ACK: 11,
  REPLICA_TICK: 12,
  GETACK: 13,
  PSYNC_BATCH: 14,
  FULLSYNC_DONE: 15,
  FSYNC_DONE: 16,
  FSYNC_TICK: 17,
  LOAD_DONE: 18,
  HEALTH_TICK: 19,
  BACKUP_TICK: 20,
  RDB_TICK: 21,
  WAIT_TIMEOUT: 22,
} as const;

/** One write on the replication connection into a replica; travels in order on the replica's line. */
export const ReplDeliver = {
  send(sim: Simulation, replica: number, arriveT: number, index: number, leaveT: number, entry: number, conn: number): void {
    sim.atInOrder(replica, arriveT, CACHE_KIND.REPL_DELIVER, replica, index, leaveT, entry, conn);
  },
  replica: (e: Ev): number => e.a,
  /** Its position in the primary's lineage. */
  index: (e: Ev): number => e.b,
  /** When it left the primary (it waits in the primary's outbound buffer until then). */
  leaveT: (e: Ev): number => e.c,
  conn: (e: Ev): number => e.d,
  /** Its write index (writes.ts). */
  entry: (e: Ev): number => e.ref as number,
};

/** REPLCONF ACK: a replica tells its primary how far it has applied. */
export const ReplAck = {
  after(sim: Simulation, delayUs: number, primary: number, replica: number, offset: number, primaryInc: number): void {
    sim.after(delayUs, CACHE_KIND.REPL_ACK, primary, replica, offset, null, primaryInc);
  },
  primary: (e: Ev): number => e.a,
  replica: (e: Ev): number => e.b,
  offset: (e: Ev): number => e.c,
  /** The incarnation of the primary it is addressed to. */
  primaryInc: (e: Ev): number => e.d,
};

/** REPLCONF GETACK: WAIT makes the primary ask a replica for its offset. */
export const GetAck = {
  at(sim: Simulation, arriveT: number, replica: number, conn: number): void {
    sim.at(arriveT, CACHE_KIND.GETACK, replica, 0, 0, null, conn);
  },
  replica: (e: Ev): number => e.a,
  conn: (e: Ev): number => e.d,
};

/** A partial resync: the backlog from the replica's offset up to `upTo` arrives at once. */
export const PsyncBatch = {
  at(sim: Simulation, arriveT: number, replica: number, upTo: number, conn: number): void {
    sim.at(arriveT, CACHE_KIND.PSYNC_BATCH, replica, upTo, 0, null, conn);
  },
  replica: (e: Ev): number => e.a,
  upTo: (e: Ev): number => e.b,
  conn: (e: Ev): number => e.d,
};

/** The primary's data as of the fork of a full sync. */
export interface SyncSnapshot {
  data: Dataset;
  stream: number;
}

/** A full resync has transferred and loaded the primary's RDB. */
export const FullSyncDone = {
  at(sim: Simulation, t: number, replica: number, applied: number, offset: number, snapshot: SyncSnapshot, conn: number): void {
    sim.at(t, CACHE_KIND.FULLSYNC_DONE, replica, applied, offset, snapshot, conn);
  },
  replica: (e: Ev): number => e.a,
  applied: (e: Ev): number => e.b,
  offset: (e: Ev): number => e.c,
  conn: (e: Ev): number => e.d,
  snapshot: (e: Ev): SyncSnapshot => e.ref as SyncSnapshot,
};

/** An fsync of the AOF finished, covering entries up to `upTo`. */
export const FsyncDone = {
  at(sim: Simulation, t: number, node: number, upTo: number, inc: number): void {
    sim.at(t, CACHE_KIND.FSYNC_DONE, node, upTo, inc, null);
  },
  node: (e: Ev): number => e.a,
  upTo: (e: Ev): number => e.b,
  inc: (e: Ev): number => e.c,
};

/** Where a restarting node loads its data from. */
export interface LoadSource {
  kind: 'empty' | 'aof' | 'rdb' | 'backup';
  stream: number;
  applied: number;
  backupT: number;
}

/** A restarting node has loaded its AOF, RDB or backup (or started empty). */
export const LoadDone = {
  after(sim: Simulation, delayUs: number, node: number, inc: number, source: LoadSource): void {
    sim.after(delayUs, CACHE_KIND.LOAD_DONE, node, 0, inc, source);
  },
  node: (e: Ev): number => e.a,
  inc: (e: Ev): number => e.c,
  source: (e: Ev): LoadSource => e.ref as LoadSource,
};

/** A WAIT's timeout. */
export const WaitTimeout = {
  after(sim: Simulation, delayUs: number, primary: number, inc: number, op: Op): void {
    sim.after(delayUs, CACHE_KIND.WAIT_TIMEOUT, primary, inc, 0, op);
  },
  primary: (e: Ev): number => e.a,
  inc: (e: Ev): number => e.b,
  op: (e: Ev): Op => e.ref as Op,
};

/** A node's periodic work: replica ACKs (REPLICA_TICK), AOF flushes (FSYNC_TICK), RDB saves (RDB_TICK). */
export const NodeTick = {
  after(sim: Simulation, kind: typeof CACHE_KIND.REPLICA_TICK | typeof CACHE_KIND.FSYNC_TICK | typeof CACHE_KIND.RDB_TICK, delayUs: number, node: number): void {
    sim.after(delayUs, kind, node, 0, 0, null);
  },
  node: (e: Ev): number => e.a,
};

/** The control plane's periodic work: the health check (HEALTH_TICK) and backups (BACKUP_TICK). */
export const ControlTick = {
  after(sim: Simulation, kind: typeof CACHE_KIND.HEALTH_TICK | typeof CACHE_KIND.BACKUP_TICK, delayUs: number): void {
    sim.after(delayUs, kind, 0, 0, 0, null);
  },
  at(sim: Simulation, kind: typeof CACHE_KIND.BACKUP_TICK, t: number): void {
    sim.at(t, kind, 0, 0, 0, null);
  },
};
