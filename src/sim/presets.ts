// The configurations a learner can compare. Each names the real setting it stands for; numbers come from
// model.md §3 with their source keys, [A] where no public source gives the number.
import type { DeepPartial, PresetId, PresetInfo, PresetParams } from './types';

const base: PresetParams = {
  family: 'cache',
  network: { intraAzRttMs: 0.3, crossAzRttMs: 1.0, jitterSigma: 0.25, spikeProbability: 0.0005, spikeRttMs: 12 },
  client: { timeoutMs: 1000 },
  server: {
    commandUs: 3.3,
    fsyncMs: 2,
    datasetGB: 1,
    forkMsPerGB: 12,
    loadGBps: 0.5,
    autoRestartMs: 30_000,
    replaceHostMs: 120_000,
    rebootMs: 5_000,
  },
  cache: {
    replicaAckPeriodMs: 1000,
    replicationDelayMs: 0,
    backlogBytes: 1 << 20,
    waitReplicas: 0,
    waitTimeoutMs: 1000,
    minReplicasToWrite: 0,
    minReplicasMaxLagS: 10,
    aof: { enabled: false, fsync: 'everysec', osFlushMs: 30_000, rdbPreamble: true },
    rdb: { everyS: 0, minChanges: 1 },
    backup: { enabled: false, intervalS: 86_400, firstAtS: 86_400 },
    failover: {
      mode: 'cluster',
      detectionMs: 15_000,
      promotionMs: 2_000,
      isolatedPrimaryStopsAfterMs: 15_000,
      restoreBackupOnTotalLoss: false,
      sentinelQuorum: 2,
    },
  },
  durable: {
    logCommitMs: 2.5,
    logQuorum: 2,
    leaseMs: 2_000,
    backoffFactor: 1.5,
    heartbeatDivisor: 3,
    replicaPollMs: 1,
    monitorPollMs: 5_000,
    snapshotIntervalS: 3_600,
    durability: 'sync',
    appendCpuUs: 2.1,
    groupCommitUs: 50,
    logMiBps: 0,
    bufferLimitMs: 10_000,
    replayEntriesPerSec: 250_000,
  },
};

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `into`. */
export function mergeParams<T>(into: T, over: DeepPartial<T> | undefined): T {
  if (over === undefined) return into;
  const out: Record<string, unknown> = { ...(into as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (v === undefined) continue;
    const cur = out[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && cur !== null && typeof cur === 'object') {
      out[k] = mergeParams(cur, v as DeepPartial<typeof cur>);
    } else {
      out[k] = v;
    }
  }
  return out as T;
}

function preset(id: PresetId, label: string, standsFor: string, over: DeepPartial<PresetParams>): PresetInfo {
  return { id, label, standsFor, params: mergeParams(base, over) };
}

export const PRESETS: Record<PresetId, PresetInfo> = {
  elasticache: preset(
    'elasticache',
    'ElastiCache (async)',
    'ElastiCache for Redis, Multi-AZ with automatic failover, no AOF (not offered on current engines [EC-AOF]), daily automatic backup [EC-BK]',
    {
      cache: {
        backup: { enabled: true, intervalS: 86_400, firstAtS: 86_400 },
        failover: {
          mode: 'elasticache',
          detectionMs: 10_000,
          promotionMs: 3_000,
          isolatedPrimaryStopsAfterMs: 15_000,
          restoreBackupOnTotalLoss: true,
        },
      },
    },
  ),
  'redis-aof-always': preset(
    'redis-aof-always',
    'Redis AOF always',
    'Open-source Redis, Redis Cluster failover, appendonly yes, appendfsync always [R-PERS]',
    { cache: { aof: { enabled: true, fsync: 'always' } } },
  ),
  'redis-aof-everysec': preset(
    'redis-aof-everysec',
    'Redis AOF everysec',
    'Open-source Redis, Redis Cluster failover, appendonly yes, appendfsync everysec (the default when AOF is on) [R-PERS]',
    { cache: { aof: { enabled: true, fsync: 'everysec' } } },
  ),
  'redis-aof-no': preset(
    'redis-aof-no',
    'Redis AOF no-fsync',
    'Open-source Redis, Redis Cluster failover, appendonly yes, appendfsync no: the OS flushes about every 30 s [R-PERS]',
    { cache: { aof: { enabled: true, fsync: 'no' } } },
  ),
  'redis-wait': preset(
    'redis-wait',
    'Redis + WAIT 1',
    'Open-source Redis, Redis Cluster failover, the client sends WAIT 1 1000 after each write [R-WAIT]',
    { cache: { waitReplicas: 1, waitTimeoutMs: 1000 } },
  ),
  'redis-min-replicas': preset(
    'redis-min-replicas',
    'Redis min-replicas 1',
    'Open-source Redis, Redis Cluster failover, min-replicas-to-write 1, min-replicas-max-lag 10 [R-REPL, R-CONF]',
    { cache: { minReplicasToWrite: 1, minReplicasMaxLagS: 10 } },
  ),
  'redis-sentinel': preset(
    'redis-sentinel',
    'Redis + Sentinel',
    'Open-source Redis with Sentinel: three sentinels, one per AZ [A], quorum 2, down-after-milliseconds 30000 [R-SENT]; ' +
      'a majority of the sentinels (2 of 3) elects a leader, which promotes the replica with the lowest replica-priority, then the ' +
      'largest offset, then the smallest run id (here: node id order) [R-SENT]; election, REPLICAOF NO ONE and clients asking the ' +
      'sentinels for the new primary take 1 s plus a random 0–1 s [A]; a cut-off primary keeps taking writes [R-SENT, J13]',
    { cache: { failover: { mode: 'sentinel', detectionMs: 30_000, promotionMs: 1_000, isolatedPrimaryStopsAfterMs: null, sentinelQuorum: 2 } } },
  ),
  'redis-cluster': preset(
    'redis-cluster',
    'Redis Cluster',
    'Self-managed open-source Redis Cluster, no AOF: a node is failed after cluster-node-timeout 15 s; a replica then waits 0.5 s plus a random 0–0.5 s ' +
      '(rank 0: the most up-to-date replica stands) and needs the votes of a majority of the primaries, one per shard, so with most primaries ' +
      'unreachable no shard fails over; a primary that reaches only a minority of the primaries stops taking requests after the node timeout [R-CSPEC]. ' +
      'cluster-require-full-coverage is taken as no: healthy shards keep serving while another has no primary [A]',
    { cache: { failover: { mode: 'cluster', detectionMs: 15_000, promotionMs: 1_000, isolatedPrimaryStopsAfterMs: 15_000 } } },
  ),
  memorydb: preset(
    'memorydb',
    'MemoryDB (log)',
    'Amazon MemoryDB: replies after a 2-of-3 multi-AZ transaction log commit; lease-based leadership through the log [P §3–4]',
    { family: 'durable' },
  ),
  'elasticache-durable-sync': preset(
    'elasticache-durable-sync',
    'ElastiCache durable sync',
    'ElastiCache for Valkey 9, --durability sync: replies once the Multi-AZ transactional log has the write in at least two AZs; at most 100 MiB/s of writes per primary [EC-DURAB]. Assumed, as AWS does not describe them: the log, its leases and failover behave as in the MemoryDB model, and past the 100 MiB/s the primary refuses writes while its oldest unlogged write is older than 10 s',
    { family: 'durable', durable: { durability: 'sync', logMiBps: 100, bufferLimitMs: 10_000 } },
  ),
  'elasticache-durable-async': preset(
    'elasticache-durable-async',
    'ElastiCache durable async',
    'ElastiCache for Valkey 9, --durability async: replies as soon as the primary has executed a write, the log write follows; refuses writes while the oldest write not yet in the log is older than 10 s, so a failure loses at most about 10 s of acknowledged writes; at most 100 MiB/s of writes per primary [EC-DURAB]. Assumed: the log, its leases and failover behave as in the MemoryDB model',
    { family: 'durable', durable: { durability: 'async', logMiBps: 100, bufferLimitMs: 10_000 } },
  ),
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export function isPresetId(x: string): x is PresetId {
  return Object.prototype.hasOwnProperty.call(PRESETS, x);
}
