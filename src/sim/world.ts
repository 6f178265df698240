// The mutable state of one run, as plain data: a checkpoint is a structured clone of it. Constant inputs
// (the RunSpec and its parameters) live beside it in the Simulation, never inside.
import type { Digest } from './hash';
import type { Heap, QueuedEvent } from './heap';
import type { AckLog, HistoryLog } from './history';
import type { TxLog } from './txlog';
import type { Dataset } from './dataset';
import type { WriteLog } from './writes';
import type { MachineSlot } from './machines/driver';
import type { Rng } from './rng';
import type { TraceEvent } from './types';

/** Event kinds. Numbers, so dispatch is a switch and events stay one small monomorphic shape. */
export const K = {
  REQ_ARRIVE: 2,
  REPLY_ARRIVE: 3,
  CLIENT_TIMER: 4,
  MACHINE_TIMER: 5,
  FAULT: 6,
  // cache-style
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
  // log-durable
  LOG_COMMIT: 30,
  LEASE_TICK: 31,
  REPLICA_CHECK: 32,
  MONITOR_TICK: 33,
  RESTORE_DONE: 34,
  SNAPSHOT_TICK: 35,
} as const;

export interface Ev extends QueuedEvent {
  /** Small integer arguments; meaning depends on kind (node index, incarnation, index…). */
  a: number;
  b: number;
  c: number;
  d: number;
  /** Any other argument: an operation, a fault, a machine event, a write index (replication). */
  ref: unknown;
  /** The in-order line (World.lines) this event travels on, or −1. */
  line: number;
}

/**
 * Events that arrive in the order they were sent, such as the writes on one replication connection: only
 * the first is in the queue, the rest wait here with their times and sequence numbers already fixed, so
 * they are processed exactly when and in the order they would have been from the queue, which stays small.
 */
export interface Line {
  /** Events after the one in the queue, in order; those before `head` have gone to the queue. */
  waiting: Ev[];
  head: number;
  /** One of this line's events is in the queue. */
  queued: boolean;
  /** Time of the line's last event. */
  lastT: number;
}

/**
 * A replication history branch (cache-style). A node's data is a prefix of one stream's lineage: the
 * parent's first `base` entries, then this stream's own entries. Promotions and restarts fork new streams.
 */
export interface Stream {
  id: number;
  parent: number; // -1 for the root
  base: number; // lineage index where this stream's own entries start
  baseOffset: number;
  /** Write indexes (writes.ts) of this stream's own entries. */
  entries: number[];
  term: number;
  cause: 'initial' | 'promotion' | 'restart' | 'restore-backup';
  /** Plain words for the learner: why history forked here. */
  why: string;
  t: number;
  node: number;
}

export interface Op {
  id: number;
  cmd: 0 | 1 | 2; // SET, INCR, GET
  /** Key index (Simulation.keyName gives its name). */
  k: number;
  client: number;
  node: number;
  invokeT: number;
  deadline: number;
  done: boolean;
  /** Cache WAIT mode: 1 while the WAIT command is outstanding. */
  stage: number;
  /** Filled when the primary applied the write: what an ok event reports. */
  offset: number;
  seq: number;
  term: number;
  /** INCR: the new value; GET: what was read (null: absent, or a SET's value, see WriteLog.val). */
  value: number | null;
  /** Reads: the write whose value was returned (-1 = key absent), its seq, the server's lag, and where. */
  rw: number;
  rs: number;
  lagUs: number;
  fromReplica: boolean;
  /** Writes: the row of the write table (writes.ts) it made once a primary applied it, else −1. */
  entry: number;
}

export interface Client {
  az: number;
  /** Node it holds a connection to, or -1. */
  target: number;
  /** Operations in invocation order; those before `head` are settled. */
  pending: Op[];
  head: number;
  timerArmed: boolean;
}

export interface NodeRec {
  id: string;
  idx: number;
  az: number;
  slot: MachineSlot;
  /** Bumped on every process death; events addressed to an older incarnation are dropped. */
  inc: number;
  deathT: number;
  deathWasHost: boolean;
  role: 'primary' | 'replica';
  term: number;
  data: Dataset;
  busyUntil: number;

  // cache-style replication
  stream: number;
  applied: number;
  offset: number;
  upstream: number;
  conn: number;
  link: 'online' | 'down' | 'syncing';
  lastArrival: number;
  linkDelayUs: number;
  linkStalled: boolean;
  /** As primary: per node index, the offset and time of the last REPLCONF ACK. */
  ackOffset: number[];
  ackT: number[];
  /** Replicas counted as good for min-replicas-to-write at the last once-a-second recount. */
  goodReplicas: number;
  /** Time this node lost contact with the majority of the region, or -1. */
  cutOffSince: number;
  writesRefused: string;

  // cache-style persistence
  aofWritten: number;
  aofFsynced: number;
  fsyncBusy: boolean;
  fsyncStartT: number;
  fsyncStallUntil: number;
  fsyncWaiters: Array<{ op: Op; idx: number }>;
  connInc: number;
  rdb: { stream: number; applied: number; offset: number } | null;
  rdbChanges: number;
  diskLost: boolean;
  pageCacheLost: boolean;
  waitOps: Op[];

  // log-durable
  logApplied: number;
  leaseUntil: number;
  lastRenewSeen: number;
  /** Durable primaries: per key index, see DIRTY_NONE and DIRTY_HELD in dataset.ts. */
  dirty: Int32Array;
  held: Op[];
  /** Durable replicas: when this node became able to follow the log (restore end), for campaign backoff. */
  followSince: number;
  readWaiters: Op[];
}

export interface LogState {
  /** The appended rows, as columns (txlog.ts). Append-only: a checkpoint keeps its length. */
  rows: TxLog;
  /** Rows committed as of the last advanceCommitted (durable.ts). */
  committed: number;
  leaderTerm: number;
  leaderNode: number;
  lastCommitT: number;
  snapshotIndex: number;
}

export interface Backup {
  t: number;
  stream: number;
  applied: number;
  offset: number;
  term: number;
}

/** The acknowledged writes as columns (history.ts). */
export type Acks = AckLog;

export interface World {
  now: number;
  heap: Heap<Ev>;
  /** One in-order line per node: the replication connection into it (cache-style). */
  lines: Line[];
  /**
   * The workload's next arrival (−1: none), kept beside the queue rather than in it: there is always
   * exactly one, and it would cost a push and a pop per client operation. Its sequence number is taken
   * from the queue's, so it is processed exactly where a queued event would have been.
   */
  arrivalT: number;
  arrivalSeq: number;
  rng: { workload: Rng; network: Rng; faults: Rng; control: Rng };
  nodes: NodeRec[];
  clients: Client[];
  azDown: boolean[];
  azIsolated: boolean[];
  powerOff: boolean;
  /** What clients saw, recorded as columns (history.ts). Append-only: a checkpoint keeps its length. */
  historyLog: HistoryLog;
  /**
   * Acknowledged writes as parallel columns (operation id, time, serving node, offset), appended when the
   * client hears OK: the lost-write count reads these instead of scanning the whole history.
   */
  acks: Acks;
  trace: TraceEvent[];
  digest: Digest;
  nextOp: number;
  nextTerm: number;
  nextToken: number;
  nextConn: number;
  /** Node the service endpoint (DNS name / cluster redirect) points to, or -1. */
  endpoint: number;
  /** Node the control plane (cache) or the log (durable) considers primary. */
  primary: number;
  control: MachineSlot | null;
  /** Every write a primary applied (writes.ts). Append-only: a checkpoint keeps its length. */
  writes: WriteLog;
  streams: Stream[];
  backups: Backup[];
  log: LogState;
  events: number;
}
