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

export interface Ev extends QueuedEvent {
  /**
   * Small integer arguments; what each means depends on the kind. Read and written only through the
   * typed constructors and decoders of each kind (events.ts and designs/<design>/events.ts).
   */
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
  /**
   * 0: the command itself; 1: a follow-up command the design sent on the same request after the
   * command's OK (WAIT, cache-style). A follow-up that fails leaves the command's fate unknown.
   */
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
  /** When the serving node's CPU has executed it (cpu.ts): no reply leaves before. */
  execT: number;
  /** Closed-loop workload: the connection that sent it, which sends its next request once this settles; else −1. */
  conn: number;
  /** MOVED replies it followed (a shard of a cluster, clients.ts), and when it was last sent on. */
  moved: number;
  movedT: number;
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

/**
 * What every design's node record has: identity, its lifecycle machine, its process incarnation, its
 * memory and CPU. Each design extends it with its own fields (designs/<design>/node.ts); the engine and
 * the clients see only these.
 */
export interface NodeBase {
  id: string;
  idx: number;
  az: number;
  slot: MachineSlot;
  /** Bumped on every process death; events addressed to an older incarnation are dropped. */
  inc: number;
  deathT: number;
  deathWasHost: boolean;
  term: number;
  data: Dataset;
  busyUntil: number;
  /** Injected replication-link faults: extra one-way delay, or no traffic at all. */
  linkDelayUs: number;
  linkStalled: boolean;
  /** Why this primary refuses writes, or ''. */
  writesRefused: string;
}

export interface LogState {
  /** The appended rows, as columns (txlog.ts). Append-only: a checkpoint keeps its length. */
  rows: TxLog;
  /** Rows committed as of the last advanceCommitted (designs/log-durable/log.ts). */
  committed: number;
  leaderTerm: number;
  leaderNode: number;
  lastCommitT: number;
  /** The newest off-box snapshot holds the committed log up to this index, taken at snapshotT (µs). */
  snapshotIndex: number;
  snapshotT: number;
  /**
   * Until when the log's intake is busy with the writes already handed to it, µs (not rounded): with
   * durable.logMiBps set, a write waits in its primary's buffer until then.
   */
  intakeFreeT: number;
  /**
   * The newest batch of writes (group commit, durable.groupCommitUs): who appended it, in which term and
   * incarnation, when it goes to the copies, their delays (packed as TxLog.copies) and its commit time.
   * A write handed over before it goes joins it.
   */
  batch: { node: number; inc: number; term: number; sendT: number; copies: number; commitT: number };
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
  /** Each design's own node records (designs/<design>/node.ts). */
  nodes: NodeBase[];
  clients: Client[];
  azDown: boolean[];
  /** Bumped when an AZ goes down: its application servers, and their closed-loop connections, end. */
  azGen: number[];
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
  /** The failover control plane's machine (cache-style), or null. */
  control: MachineSlot | null;
  /** Every write a primary applied (writes.ts). Append-only: a checkpoint keeps its length. */
  writes: WriteLog;
  // Per-design parts of the world, kept here (not in the designs) because the time machine treats the
  // append-only ones specially: the replication streams and backups (cache-style) and the transaction
  // log (log-durable). A design that has no use for one leaves it empty.
  streams: Stream[];
  backups: Backup[];
  log: LogState;
  events: number;
}
