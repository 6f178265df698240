// Shared vocabulary of the simulation core. Everything here is plain data so that a run's state can be
// cloned for checkpoints and sent to a Web Worker. Times are integer simulated microseconds unless a
// field name says otherwise (…Ms, …S are the units users write in scenario files).
import type { HistoryLog } from './history';
import type { LostWrites } from './lost-writes';

export const AZS = ['a', 'b', 'c'] as const;
export type AZ = (typeof AZS)[number];

/** Which family a preset belongs to: replies first and replicates later, or replies after a multi-AZ log commit. */
export type Family = 'cache' | 'durable';

// ---------------------------------------------------------------------------------------------------
// Parameters (model.md §3). Every knob can be overridden per scenario; presets fill in the defaults.
// ---------------------------------------------------------------------------------------------------

export interface NetworkParams {
  /** Round trip between two hosts in one AZ. [L1, L2] */
  intraAzRttMs: number;
  /** Round trip between hosts in different AZs. [L1, L2] */
  crossAzRttMs: number;
  /** Spread of each one-way delay: sigma of a log-normal factor around 1 (0 = no jitter). [A] */
  jitterSigma: number;
  /** Probability that a cross-AZ message hits a rare spike. [L2] */
  spikeProbability: number;
  /** Round trip of such a spike. [L2] */
  spikeRttMs: number;
}

export interface ClientParams {
  /** A client gives up on a request after this long and records its outcome as unknown. [A] */
  timeoutMs: number;
}

export interface ServerParams {
  /**
   * CPU time per command, µs (fractions kept): a node executes one command at a time, so 1 / commandUs is
   * its ceiling. 3.3 µs ≈ 300K op/s, the paper's Redis figure per shard. [P §1, P §6.1.2]
   */
  commandUs: number;
  /** Time one fsync takes (EBS gp3). [A, R-LAT] */
  fsyncMs: number;
  /** Size of the dataset, for fork stalls and load times. [A] */
  datasetGB: number;
  /** Fork stall per GB of dataset. [P §6.2.1, R-LAT] */
  forkMsPerGB: number;
  /** Rate at which a restarting node loads an RDB or AOF file, GB/s. [A] */
  loadGBps: number;
  /** Time for a crashed process to be started again by its supervisor when no one restarts it by hand. [A] */
  autoRestartMs: number;
  /** Time to bring up a replacement host after host loss (empty disk). [A] */
  replaceHostMs: number;
  /** How long a reboot keeps the process down before it starts again. [A, EC-AF] */
  rebootMs: number;
}

export type AppendFsync = 'always' | 'everysec' | 'no';

export interface CacheParams {
  /** REPLCONF ACK period of replicas. [R-REPL] */
  replicaAckPeriodMs: number;
  /**
   * Time a write waits on the primary's side before it leaves for the replicas, beyond the network: the
   * replica output buffer of a loaded primary or a slow link. Whatever still waits when the primary dies is
   * lost. Load-dependent, so 0 by default; scenarios "under load" set it. [A]
   */
  replicationDelayMs: number;
  /** Replication backlog size: a reconnecting replica further behind than this needs a full sync. [R-CONF] */
  backlogBytes: number;
  /** After each write the client runs `WAIT n timeout` (0 = off). [R-WAIT] */
  waitReplicas: number;
  waitTimeoutMs: number;
  /** min-replicas-to-write (0 = off) and min-replicas-max-lag. [R-REPL, R-CONF] */
  minReplicasToWrite: number;
  minReplicasMaxLagS: number;
  aof: {
    enabled: boolean;
    fsync: AppendFsync;
    /** OS page-cache flush period when fsync is `no`. [R-PERS] */
    osFlushMs: number;
    /**
     * aof-use-rdb-preamble (Redis ≥ 4 default yes): the AOF starts with an RDB image and loads at RDB speed;
     * without it the AOF is a command log, replayed one command at a time. [R-PERS]
     */
    rdbPreamble: boolean;
  };
  /** RDB save point: save when at least `changes` writes happened within `seconds` (0 = RDB off). [R-PERS] */
  rdb: { everyS: number; minChanges: number };
  /** Backups to the regional snapshot store; `firstAtS` lets a scenario place one inside the run. [EC-BK] */
  backup: { enabled: boolean; intervalS: number; firstAtS: number };
  failover: CacheFailoverParams;
}

export type CacheFailoverMode = 'elasticache' | 'cluster' | 'sentinel' | 'none';

export interface CacheFailoverParams {
  mode: CacheFailoverMode;
  /** Time without answers from the primary before it is declared failed. [A: EC 10 s; R-CSPEC 15 s; R-SENT 30 s] */
  detectionMs: number;
  /** Promotion plus endpoint move once a failure is declared. [EC-AF, R-CSPEC] */
  promotionMs: number;
  /**
   * A primary cut off from the majority stops accepting writes after this long (Redis Cluster's node
   * timeout). null = never (Sentinel without min-replicas). [R-CSPEC, J13]
   */
  isolatedPrimaryStopsAfterMs: number | null;
  /** After total loss of the data (all nodes empty), restore the latest backup from the snapshot store. [EC-BK] */
  restoreBackupOnTotalLoss: boolean;
  /**
   * Sentinel mode: how many of the three sentinels (one per AZ [A]) must find the primary down before a
   * failover; the failover itself also needs a majority of them (2 of 3) to elect a leader. [R-SENT]
   */
  sentinelQuorum: number;
}

export interface DurableParams {
  /** Median extra time for 2 of 3 AZ log copies to persist an append. [A, derived from P §6.1.2] */
  logCommitMs: number;
  /** Copies needed to commit. [P §3.2] */
  logQuorum: number;
  /** Leadership lease. [A, P §4.1] */
  leaseMs: number;
  /** A replica campaigns only after backoffFactor × lease without a renewal. [A, P §4.1] */
  backoffFactor: number;
  /** The primary renews every leaseMs / heartbeatDivisor. [A] */
  heartbeatDivisor: number;
  /** Replicas poll the log this often for new committed entries. [A] */
  replicaPollMs: number;
  /** The monitor checks nodes this often and replaces failed ones. [P §4.2] */
  monitorPollMs: number;
  /** Off-box snapshot built from the log this often. [P §4.2] */
  snapshotIntervalS: number;
  /**
   * When the primary replies to a write: 'sync' once the log has committed it (MemoryDB; ElastiCache
   * `--durability sync`), 'async' as soon as it has executed it, the log write following (ElastiCache
   * `--durability async`). [EC-DURAB]
   */
  durability: 'sync' | 'async';
  /**
   * CPU a log primary spends per write on top of the command (handing it to the log, tracking its commit),
   * µs: 3.3 + 2.1 µs ≈ 185K writes/s, the paper's MemoryDB figure per shard, 0.61 × Redis's. [derived from
   * P §6.1.2]
   */
  appendCpuUs: number;
  /**
   * Group commit: the log sends a primary's appends to its copies at most once per this many µs; appends
   * handed over meanwhile travel in the next batch and commit with it. [A]
   */
  groupCommitUs: number;
  /** The log takes at most this many MiB/s of writes from a primary; 0 = no limit. [EC-DURAB: 100 MiB/s] */
  logMiBps: number;
  /**
   * The durability buffer: while the oldest write the primary executed and the log has not committed is
   * older than this, the primary refuses writes. [EC-DURAB: 10 s for async; the same rule for sync is an
   * assumption: AWS says only that writes are throttled]
   */
  bufferLimitMs: number;
  /**
   * A restoring node loads the newest off-box snapshot, then replays the log entries committed after it
   * at this rate, entries per second; the entries committed meanwhile it then replays at the same rate as a
   * lagging replica, until it has caught up with the log. [A: neither MemoryDB nor ElastiCache publishes a replay rate; 250,000/s is of the order at
   * which Redis 7.0.15 replayed a pure command log in calibration experiment 6]
   */
  replayEntriesPerSec: number;
}

export interface PresetParams {
  family: Family;
  network: NetworkParams;
  client: ClientParams;
  server: ServerParams;
  cache: CacheParams;
  durable: DurableParams;
}

/** A deep-partial override of PresetParams, as written in a scenario. */
export type ParamOverrides = {
  [K in keyof PresetParams]?: PresetParams[K] extends object ? DeepPartial<PresetParams[K]> : PresetParams[K];
};
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | Extract<T[K], null> : T[K] };

export type PresetId =
  | 'elasticache'
  | 'redis-aof-always'
  | 'redis-aof-everysec'
  | 'redis-aof-no'
  | 'redis-wait'
  | 'redis-min-replicas'
  | 'redis-sentinel'
  | 'redis-cluster'
  | 'elasticache-durable-sync'
  | 'elasticache-durable-async'
  | 'memorydb';

export interface PresetInfo {
  id: PresetId;
  label: string;
  /** The real configuration this preset stands for. */
  standsFor: string;
  params: PresetParams;
}

// ---------------------------------------------------------------------------------------------------
// Topology, workload, faults
// ---------------------------------------------------------------------------------------------------

export interface Topology {
  /** AZ of the initial primary. */
  primary: AZ;
  /** AZ of each replica (0–5). */
  replicas: AZ[];
  /** AZs that host clients; the workload is spread evenly over them. */
  clients: AZ[];
  /**
   * Sentinel's replica-priority per node id (default 100; lower is preferred, 0 = never promoted). Only the
   * Sentinel failover mode reads it. [R-SENT]
   */
  replicaPriority?: Record<string, number>;
  /**
   * Shards of a cluster (default 1). `primary` and `replicas` apply to every shard; with `spread`, shard i's
   * primary is in AZ (primary + i) mod 3 and its replicas are turned by the same step (cluster/specs.ts).
   */
  shards?: number;
  spread?: boolean;
}

/** A closed-loop workload: so many connections, each keeping `pipeline` requests outstanding. */
export interface ClosedLoop {
  connections: number;
  pipeline: number;
  /** After an error or a timeout a connection waits this long before its next request. [A] */
  backoffMs: number;
}

export interface Workload {
  /** Open loop: Poisson arrivals at these rates (both 0 with a closed loop). */
  writesPerSec: number;
  readsPerSec: number;
  /** Closed loop instead of the rates; `writeFraction` of its requests are writes. */
  closedLoop?: ClosedLoop;
  writeFraction?: number;
  keys: number;
  valueBytes: number;
  /** Share of writes that are INCR rather than SET. */
  incrFraction: number;
  /**
   * Skew: `share` of the requests go to the first `keys` keys (hot keys), the rest to the others, each
   * group uniformly. Absent: every key equally likely.
   */
  hotKeys?: { keys: number; share: number };
  /** Clients read from a replica in their AZ (or any replica) instead of the primary. */
  readFromReplicas: boolean;
}

/** Who a fault hits. `primary` and `replica` are resolved when the fault fires. */
export type NodeTarget = string; // a node id such as "a1", or "primary", or "replica"

export type FaultSpec =
  | { kind: 'crash'; node: NodeTarget } // process dies; restarted by the platform after autoRestartMs unless restarted by hand
  | { kind: 'restart'; node: NodeTarget } // a crashed process starts again (loading its persistence)
  | { kind: 'reboot'; node: NodeTarget } // process down for rebootMs, then starts again
  | { kind: 'host-loss'; node: NodeTarget } // host and its disk gone; a replacement comes up empty
  | { kind: 'az-outage'; az: AZ; durationS?: number }
  | { kind: 'az-recover'; az: AZ }
  | { kind: 'az-isolate'; az: AZ; durationS?: number }
  | { kind: 'az-heal'; az: AZ }
  | { kind: 'power-loss'; durationS?: number }
  | { kind: 'power-restore' }
  | { kind: 'link-delay'; node: NodeTarget; delayMs: number; durationS?: number } // extra one-way delay on a replica's replication link
  | { kind: 'link-stall'; node: NodeTarget; durationS?: number } // replication link carries nothing
  | { kind: 'link-heal'; node: NodeTarget }
  | { kind: 'fsync-stall'; node: NodeTarget; durationMs: number }
  /** That replica becomes the primary now, whatever its lag (cache-style: REPLICAOF NO ONE and the endpoint moves; log-durable: a manual failover). */
  | { kind: 'promote'; node: NodeTarget };

export type FaultKind = FaultSpec['kind'];

export interface ScheduledFault {
  /** Simulated time in seconds. */
  atS: number;
  fault: FaultSpec;
}

// ---------------------------------------------------------------------------------------------------
// One run = one preset on one scenario
// ---------------------------------------------------------------------------------------------------

/**
 * One shard of a cluster (cluster/specs.ts): the scenario's keys whose hash slots it owns. A run without
 * it is the whole key space on one shard.
 */
export interface ShardPart {
  /** 0-based; the shard is named s<index + 1>. */
  index: number;
  count: number;
  /** The scenario's key indexes this shard owns, ascending: the shard's key i is the scenario's key keys[i]. */
  keys: number[];
  /** How many of the scenario's keys are counters (they come first, so each shard's counters do too). */
  counterKeysAll: number;
  /** The scenario's number of keys. */
  allKeys: number;
}

export interface RunSpec {
  presetId: string;
  label: string;
  params: PresetParams;
  topology: Topology;
  workload: Workload;
  faults: ScheduledFault[];
  durationS: number;
  seed: number;
  /** Set on each shard's run of a cluster; absent on a single-shard run. */
  shard?: ShardPart;
}

// ---------------------------------------------------------------------------------------------------
// History: what clients saw. Append-only, so a checkpoint only needs its length.
// ---------------------------------------------------------------------------------------------------

export type Cmd = 'SET' | 'INCR' | 'GET';

export interface InvokeEvent {
  type: 'invoke';
  t: number;
  op: number; // operation id; for writes this is also the write id
  cmd: Cmd;
  key: string;
  /** SET argument. */
  arg?: string;
  client: AZ;
  /** Node the client sent it to. */
  node: string;
}

export interface OkEvent {
  type: 'ok';
  t: number;
  op: number;
  node: string;
  /** Term of the serving primary (cache: replication id generation; durable: leadership epoch). */
  term: number;
  /** Writes: replication offset (cache: end byte offset; durable: log index) of the write. */
  offset?: number;
  /** Writes: global order in which primaries applied writes. */
  seq?: number;
  /** Reads: value returned; INCR: the new value. */
  value?: string | number | null;
  /** Reads: id of the write whose value was returned (null = key absent). */
  writeId?: number | null;
  /** Reads: `seq` of that write (null = key absent), so staleness can be judged from the history alone. */
  writeSeq?: number | null;
  /** Reads: how far behind the primary the serving node was, in ms (0 on a primary). */
  lagMs?: number;
  /** Reads: served by a replica. */
  fromReplica?: boolean;
}

export type ErrorCode = 'READONLY' | 'NOREPLICAS' | 'CONNREFUSED' | 'CLUSTERDOWN' | 'LOADING' | 'NOTLEADER' | 'MOVED';

export interface FailEvent {
  type: 'fail';
  t: number;
  op: number;
  node: string;
  /** The request definitely had no effect. */
  error: ErrorCode;
}

export interface InfoEvent {
  type: 'info';
  t: number;
  op: number;
  node: string;
  /** The client does not know whether the request had an effect. */
  error: 'timeout' | 'wait-timeout';
}

export type HistoryEvent = InvokeEvent | OkEvent | FailEvent | InfoEvent;

// ---------------------------------------------------------------------------------------------------
// Trace: what the model did (for the UI, the event log and independent recounts). Append-only.
// ---------------------------------------------------------------------------------------------------

export type TraceEvent =
  | { type: 'fault'; t: number; fault: FaultSpec; resolved?: string }
  | { type: 'node-state'; t: number; node: string; state: string }
  | { type: 'role'; t: number; node: string; role: 'primary' | 'replica' }
  /** A new term starts. For cache: `fromTerm`/`forkOffset` say which prefix of which term the new primary kept. */
  | { type: 'term'; t: number; node: string; term: number; fromTerm: number | null; forkOffset: number; cause: TermCause }
  | { type: 'endpoint'; t: number; node: string | null }
  | { type: 'resync'; t: number; node: string; kind: 'partial' | 'full'; term: number; offset: number }
  | { type: 'writes-refused'; t: number; node: string; reason: string }
  | { type: 'writes-accepted'; t: number; node: string }
  | { type: 'backup'; t: number; offset: number; term: number }
  | { type: 'snapshot'; t: number; index: number }
  | { type: 'note'; t: number; text: string };

export type TermCause = 'initial' | 'promotion' | 'restart' | 'restore-backup' | 'election';

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

export interface LostWrite {
  id: number;
  key: string;
  ackedAtMs: number;
  node: string;
  reason: string;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface StaleRead {
  op: number;
  key: string;
  atMs: number;
  node: string;
  lagMs: number;
}

export type LinearizabilityVerdict =
  | { status: 'linearizable'; keysChecked: number }
  | { status: 'violation'; keysChecked: number; key: string; ops: number[] }
  | { status: 'too-large'; keysChecked: number; reason: string };

export interface RunSummary {
  preset: string;
  label: string;
  family: Family;
  writes: number;
  acked: number;
  /** In the order of their acknowledgement (then id). */
  lostAcked: LostWrites;
  rpoMs: number;
  rtoMs: number;
  readRtoMs: number;
  staleReads: number;
  staleReadSamples: StaleRead[];
  splitBrainMs: number;
  unknownWrites: number;
  refusedWrites: number;
  writeLatencyMs: LatencySummary;
  readLatencyMs: LatencySummary;
  linearizability: LinearizabilityVerdict;
  /** A cluster's run: the same figures for each shard, in shard order (absent for one shard). */
  shards?: ShardSummary[];
}

/** One shard's figures in a cluster's run. */
export interface ShardSummary {
  /** s1, s2, … */
  shard: string;
  /** AZ of the shard's initial primary. */
  primaryAz: AZ;
  /** Share of the key space's keys it owns. */
  keys: number;
  writes: number;
  acked: number;
  lostAcked: number;
  rpoMs: number;
  rtoMs: number;
  readRtoMs: number;
}

/** Everything one run produced. The engine fills it; the checker reads it. */
export interface RunResult {
  spec: RunSpec;
  /** What clients saw, as columns (history.ts); `historyLog.events()` builds objects (tests, small runs). */
  historyLog: HistoryLog;
  trace: TraceEvent[];
  /** Acknowledged writes the model itself says were lost, each with its causal reason. */
  lost: LostWrites;
  /** Hex digest of the event trace: equal for equal (scenario, seed), in Node and in the browser. */
  traceHash: string;
  /** Simulation events processed. */
  events: number;
  /** Simulated end time, µs. */
  endUs: number;
  /**
   * A cluster's run: each shard's own result, in shard order. The fields above are then shard 1's
   * (historyLog, trace) or the cluster's (lost: every shard's, traceHash, events).
   */
  shards?: RunResult[];
}
