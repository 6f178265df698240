// Shape of a scenario file, without the optional top-level blocks a file format adds to it (format.ts).
// Only structure and per-field ranges live here, because this schema is also exported as JSON Schema for
// editors; rules that relate fields to each other are in cross-check.ts.
import { z } from 'zod';
import { AZS, type AZ, type FaultKind, type FaultSpec, type ParamOverrides, type PresetId, type Topology, type Workload } from '../sim/types';
import { PRESET_IDS } from '../sim/presets';
import { LIMITS } from './limits';
import { EXPECT_METRICS } from './expect-metrics';

const HOUR_MS = 3_600_000;
const YEAR_S = 31_536_000;

const range = (min: number, max: number) => z.number().min(min).max(max);
export const positive = (max: number) => z.number().gt(0).max(max);
export const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const AzSchema = z.enum(AZS).describe('Availability zone: a, b or c.');
export const PresetIdSchema = z.enum(PRESET_IDS as [PresetId, ...PresetId[]]);

// Periodic knobs have a floor above 0: a period of 0 would schedule endless events at one instant.
const NetworkOverrides = z
  .strictObject({
    intraAzRttMs: range(0, 1000).describe('Round trip between two hosts in one AZ, ms.'),
    crossAzRttMs: range(0, 1000).describe('Round trip between hosts in different AZs, ms.'),
    jitterSigma: range(0, 2).describe('Sigma of the log-normal jitter factor on each one-way delay (0 = none).'),
    spikeProbability: range(0, 1).describe('Probability that a cross-AZ message hits a rare spike.'),
    spikeRttMs: range(0, 60_000).describe('Round trip of such a spike, ms.'),
  })
  .partial();

const ClientOverrides = z
  .strictObject({
    timeoutMs: positive(600_000).describe('A client gives up on a request after this long; the outcome is unknown.'),
  })
  .partial();

const ServerOverrides = z
  .strictObject({
    commandUs: range(0.1, 1_000_000).describe('CPU time per command on a node, µs: a node executes one command at a time.'),
    fsyncMs: range(0, 10_000).describe('Time one fsync takes, ms.'),
    datasetGB: range(0, 1024).describe('Dataset size, for fork stalls and load times, GB.'),
    forkMsPerGB: range(0, 10_000).describe('Fork stall per GB of dataset, ms.'),
    loadGBps: positive(100).describe('Rate at which a restarting node loads its RDB or AOF file, GB/s.'),
    autoRestartMs: range(0, HOUR_MS).describe('Time until the platform restarts a crashed process, ms.'),
    replaceHostMs: range(0, HOUR_MS).describe('Time to bring up an empty replacement host after host loss, ms.'),
    rebootMs: range(0, HOUR_MS).describe('How long a reboot keeps the process down, ms.'),
  })
  .partial();

const CacheOverrides = z
  .strictObject({
    replicaAckPeriodMs: range(1, 60_000).describe('REPLCONF ACK period of replicas, ms.'),
    replicationDelayMs: range(0, 600_000).describe('Time a write waits on the primary before it leaves for the replicas (a loaded primary), ms.'),
    backlogBytes: whole(1, 2 ** 31).describe('Replication backlog; a replica further behind needs a full sync.'),
    waitReplicas: whole(0, LIMITS.maxReplicas).describe('Client sends WAIT n after each write (0 = off).'),
    waitTimeoutMs: range(0, 600_000).describe('Timeout of that WAIT, ms.'),
    minReplicasToWrite: whole(0, LIMITS.maxReplicas).describe('min-replicas-to-write (0 = off).'),
    minReplicasMaxLagS: range(0, 3600).describe('min-replicas-max-lag, s.'),
    aof: z
      .strictObject({
        enabled: z.boolean().describe('appendonly yes/no.'),
        fsync: z.enum(['always', 'everysec', 'no']).describe('appendfsync policy.'),
        osFlushMs: range(1, HOUR_MS).describe('OS page-cache flush period when fsync is "no", ms.'),
        rdbPreamble: z.boolean().describe('aof-use-rdb-preamble: the AOF starts with an RDB image and loads as fast as an RDB file (Redis default yes).'),
      })
      .partial(),
    rdb: z
      .strictObject({
        everyS: whole(0, 86_400).describe('RDB save point seconds (0 = RDB off).'),
        minChanges: whole(1, 1_000_000_000).describe('RDB save point: minimum changes.'),
      })
      .partial(),
    backup: z
      .strictObject({
        enabled: z.boolean().describe('Backups to the regional snapshot store.'),
        intervalS: range(1, YEAR_S).describe('Time between backups, s.'),
        firstAtS: range(0, YEAR_S).describe('Time of the first backup after the start of the run, s.'),
      })
      .partial(),
    failover: z
      .strictObject({
        mode: z.enum(['elasticache', 'cluster', 'sentinel', 'none']).describe('Who promotes a replica.'),
        detectionMs: range(0, HOUR_MS).describe('Silence before the primary is declared failed, ms.'),
        promotionMs: range(0, HOUR_MS).describe('Promotion plus endpoint move after a declared failure, ms.'),
        isolatedPrimaryStopsAfterMs: z
          .number({ error: (iss) => (iss.code === 'invalid_type' ? 'a number of ms, or null for never' : undefined) })
          .min(0)
          .max(HOUR_MS)
          .nullable()
          .describe('An isolated primary stops taking writes after this long, ms; null = never.'),
        restoreBackupOnTotalLoss: z.boolean().describe('Restore the latest backup when every node lost its data.'),
        sentinelQuorum: whole(1, 3).describe('Sentinel mode: sentinels (of three, one per AZ) that must find the primary down; electing a leader also needs 2 of 3.'),
      })
      .partial(),
  })
  .partial();

const DurableOverrides = z
  .strictObject({
    logCommitMs: range(0, 10_000).describe('Median extra time for a quorum of AZ log copies to persist, ms.'),
    logQuorum: whole(1, 3).describe('Log copies needed to commit.'),
    leaseMs: range(100, 600_000).describe('Leadership lease, ms.'),
    backoffFactor: range(1, 100).describe('Replicas campaign after backoffFactor × lease without renewal.'),
    heartbeatDivisor: whole(1, 100).describe('The primary renews every leaseMs / heartbeatDivisor.'),
    replicaPollMs: range(0.1, 60_000).describe('Replicas poll the log this often, ms.'),
    monitorPollMs: range(100, HOUR_MS).describe('The monitor checks nodes this often, ms.'),
    snapshotIntervalS: range(1, YEAR_S).describe('Off-box snapshot interval, s.'),
    durability: z.enum(['sync', 'async']).describe('Reply after the log commit (sync) or right after executing the write (async).'),
    appendCpuUs: range(0, 1_000_000).describe('CPU a log primary spends per write beyond the command (its log append), µs.'),
    groupCommitUs: range(0, 1_000_000).describe('The log sends appends to its copies at most once per this many µs (group commit).'),
    logMiBps: range(0, 100_000).describe('Most MiB/s of writes the log takes from a primary (0 = no limit).'),
    bufferLimitMs: range(100, HOUR_MS).describe('The primary refuses writes while its oldest write not yet in the log is older than this, ms.'),
    replayEntriesPerSec: range(1, 1e9).describe('A restoring node replays the log written after its snapshot at this many entries per second.'),
  })
  .partial();

export const ParamOverridesSchema = z
  .strictObject({
    family: z.enum(['cache', 'durable']).describe('Replies first and replicates later, or replies after a log commit.'),
    network: NetworkOverrides,
    client: ClientOverrides,
    server: ServerOverrides,
    cache: CacheOverrides,
    durable: DurableOverrides,
  })
  .partial()
  .describe('Knobs that differ from the preset; anything left out keeps the preset value.');

export const PresetEntrySchema = z.union([
  PresetIdSchema,
  z.strictObject({
    preset: PresetIdSchema,
    label: z.string().min(1).max(LIMITS.maxLabelChars).optional().describe('Column heading; defaults to the preset label.'),
    overrides: ParamOverridesSchema.optional(),
  }),
]);

export const TopologySchema = z
  .strictObject({
    primary: z
      .union([AzSchema, z.literal('spread')])
      .default('a')
      .describe("AZ of the initial primary; it is node <az>1, e.g. a1. In a cluster it applies to every shard; 'spread' turns shard by shard: s1's primary in a, s2's in b, s3's in c, s4's in a, …, each shard's replicas turned with it."),
    replicas: z
      .array(AzSchema)
      .max(LIMITS.maxReplicas)
      .default((): AZ[] => ['b', 'c'])
      .describe('AZ of each replica; named by AZ and index within the AZ, e.g. [b, c, b] → b1, c1, b2.'),
    clients: z
      .array(AzSchema)
      .min(1)
      .max(AZS.length)
      .default((): AZ[] => ['a', 'b', 'c'])
      .describe('AZs that host clients; the workload is spread evenly over them.'),
    replicaPriority: z
      .record(z.string(), whole(0, 2 ** 31 - 1))
      .optional()
      .describe("Sentinel's replica-priority per node id, e.g. { c1: 1, b1: 100 }: default 100, lower is preferred, 0 = never promoted. Only the sentinel failover mode reads it."),
    shards: whole(1, LIMITS.maxShards)
      .optional()
      .describe('Shards of a cluster (default 1): 16,384 hash slots split evenly, each key on the shard that owns the CRC16 slot of its name; every shard has the primary and replicas above.'),
  })
  .transform(({ primary, shards, ...rest }): Topology => ({
    ...rest,
    primary: primary === 'spread' ? 'a' : primary,
    ...(shards !== undefined && shards > 1 ? { shards } : {}),
    ...(primary === 'spread' ? { spread: true } : {}),
  }))
  .prefault({});

const ClosedLoopSchema = z
  .strictObject({
    connections: whole(1, LIMITS.maxConnections).describe('Client connections, spread evenly over the client AZs.'),
    pipeline: whole(1, LIMITS.maxPipeline).default(1).describe('Requests each connection keeps outstanding (redis-benchmark -P).'),
    backoffMs: range(1, 60_000).default(100).describe('After an error or a timeout a connection waits this long before its next request, ms.'),
  })
  .describe('A closed-loop workload, as redis-benchmark and connection pools: each connection sends its next request when one settles. Use instead of writesPerSec / readsPerSec.');

/** The two workloads, for editors: open loop (rates) or closed loop (connections), never both. */
const OPEN_OR_CLOSED = {
  oneOf: [
    { title: 'open loop', not: { anyOf: [{ required: ['closedLoop'] }, { required: ['writeFraction'] }] } },
    { title: 'closed loop', required: ['closedLoop'], not: { anyOf: [{ required: ['writesPerSec'] }, { required: ['readsPerSec'] }] } },
  ],
};

export const WorkloadSchema = z
  .strictObject({
    writesPerSec: range(0, LIMITS.maxRatePerSec).optional().meta({ default: 1000 }).describe('Open loop: writes per second, Poisson arrivals.'),
    readsPerSec: range(0, LIMITS.maxRatePerSec).optional().meta({ default: 1000 }).describe('Open loop: reads per second.'),
    closedLoop: ClosedLoopSchema.optional(),
    writeFraction: range(0, 1).optional().meta({ default: 0.5 }).describe('Closed loop: share of requests that are writes.'),
    keys: whole(1, LIMITS.maxKeys).default(1000),
    valueBytes: whole(1, LIMITS.maxValueBytes).default(100),
    incrFraction: range(0, 1).default(0).describe('Share of writes that are INCR rather than SET.'),
    readFromReplicas: z.boolean().default(false).describe('Clients read from replicas instead of the primary.'),
    hotKeys: z
      .strictObject({
        keys: whole(1, LIMITS.maxKeys).describe('How many keys are hot: the first ones (c0… for counters, then k…).'),
        share: range(0, 1).describe('Share of the requests that go to the hot keys.'),
      })
      .optional()
      .describe('Skewed keys: `share` of the requests go to the first `keys` keys, the rest to the others; in a cluster their shard gets that much more.'),
  })
  .meta(OPEN_OR_CLOSED)
  .superRefine((wl, ctx) => {
    if (wl.hotKeys && wl.hotKeys.keys >= (wl.keys ?? 1000)) {
      ctx.addIssue({ code: 'custom', path: ['hotKeys', 'keys'], message: `found ${wl.hotKeys.keys}; expected fewer than workload.keys (${wl.keys ?? 1000})` });
    }
    const fields = wl.closedLoop ? (['writesPerSec', 'readsPerSec'] as const) : (['writeFraction'] as const);
    for (const f of fields) {
      if (wl[f] === undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [f],
        message: wl.closedLoop ? `${f} is for an open-loop workload; with closedLoop the connections set the rate (use writeFraction)` : `${f} goes with closedLoop; an open-loop workload sets writesPerSec and readsPerSec`,
      });
    }
  })
  .transform(({ writesPerSec, readsPerSec, closedLoop, writeFraction, ...rest }): Workload =>
    closedLoop
      ? { writesPerSec: 0, readsPerSec: 0, closedLoop, writeFraction: writeFraction ?? 0.5, ...rest }
      : { writesPerSec: writesPerSec ?? 1000, readsPerSec: readsPerSec ?? 1000, ...rest },
  )
  .prefault({});

const at = z.number().min(0).describe('When the fault happens, seconds after the start of the run.');
const node = z
  .string()
  .regex(/^(s[1-9][0-9]{0,2}\.)?(primary|replica|[abc][1-6])$/, { error: 'a node id such as "a1" or "b2", or "primary" or "replica"; in a cluster with its shard, such as "s2.primary"' })
  .describe('Node id (AZ + index, e.g. a1), or "primary" / "replica", resolved when the fault fires; in a cluster prefixed by its shard, e.g. s2.primary.');
const az = AzSchema;
const span = positive(LIMITS.maxDurationS).optional().describe('Seconds until it heals by itself; omit to keep it.');
const millis = range(0, 600_000);

function fault<K extends FaultKind, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.strictObject({ at, kind: z.literal(kind), ...shape });
}

export const FaultSchema = z.discriminatedUnion('kind', [
  fault('crash', { node }),
  fault('restart', { node }),
  fault('reboot', { node }),
  fault('host-loss', { node }),
  fault('az-outage', { az, durationS: span }),
  fault('az-recover', { az }),
  fault('az-isolate', { az, durationS: span }),
  fault('az-heal', { az }),
  fault('power-loss', { durationS: span }),
  fault('power-restore', {}),
  fault('link-delay', { node, delayMs: millis.describe('Extra one-way delay, ms.'), durationS: span }),
  fault('link-stall', { node, durationS: span }),
  fault('link-heal', { node }),
  fault('fsync-stall', { node, durationMs: millis.describe('How long fsync blocks, ms.') }),
  fault('promote', { node }).describe(
    'Make that replica the primary now, whatever its lag: REPLICAOF NO ONE and the endpoint moves (cache-style), a manual failover once it has the whole log (MemoryDB).',
  ),
]);

export const FAULT_KINDS = FaultSchema.options.map((o) => o.shape.kind.value) as [FaultKind, ...FaultKind[]];

// The measures an `expect` block can assert on, in their own module (lesson goals read them without the schema library).
export { EXPECT_METRICS, type ExpectMetric } from './expect-metrics';

export const ComparisonSchema = z.union([
  z.number().describe('Must equal this number.'),
  z
    .strictObject({ eq: z.number(), gt: z.number(), gte: z.number(), lt: z.number(), lte: z.number() })
    .partial()
    .refine((c) => Object.keys(c).length > 0, { error: 'at least one of eq, gt, gte, lt, lte' }),
]).meta({ id: 'Comparison', description: 'A number the metric must equal, or bounds: { gt: 0 }, { gte: 1, lte: 5 }.' });

const comparison = ComparisonSchema.optional();
export const AssertionsSchema = z.strictObject({
  lostAcked: comparison,
  acked: comparison,
  rpoMs: comparison,
  rtoMs: comparison,
  readRtoMs: comparison,
  staleReads: comparison,
  splitBrainMs: comparison,
  unknownWrites: comparison,
  refusedWrites: comparison,
  writeP50Ms: comparison,
  writeP99Ms: comparison,
  readP50Ms: comparison,
  readP99Ms: comparison,
  linearizable: z.boolean().optional().describe('true: no violation found; false: a violation must be found.'),
});

export const ScenarioSchema = z.strictObject({
  title: z.string().min(1).max(LIMITS.maxTitleChars),
  description: z.string().max(LIMITS.maxDescriptionChars).optional().describe('What a learner should watch for.'),
  seed: whole(0, 2 ** 32 - 1)
    .default(1)
    .describe('Seed of the random choices; equal seeds give equal runs.'),
  durationS: positive(LIMITS.maxDurationS).describe('Simulated seconds per run.'),
  topology: TopologySchema,
  presets: z
    .array(PresetEntrySchema)
    .min(1)
    .max(LIMITS.maxPresets)
    .describe('Configurations compared side by side: a preset id, or { preset, label, overrides }.'),
  workload: WorkloadSchema,
  faults: z
    .array(FaultSchema)
    .max(LIMITS.maxFaults)
    .default(() => []),
  expect: z
    .record(z.string(), AssertionsSchema)
    .optional()
    .describe('Outcome checks per preset, keyed by preset label or id.'),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioData = z.output<typeof ScenarioSchema>;
export type PresetEntry = z.output<typeof PresetEntrySchema>;
export type Comparison = z.output<typeof ComparisonSchema>;
export type Assertions = z.output<typeof AssertionsSchema>;
export type FaultData = z.output<typeof FaultSchema>;

// Compile-time guards: a knob or fault kind added to src/sim/types.ts without a schema entry fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const overridesCoverEveryKnob: Same<z.output<typeof ParamOverridesSchema>, ParamOverrides> = true;
const faultsMatchFaultSpec: Same<DistributiveOmit<FaultData, 'at'>, FaultSpec> = true;
void overridesCoverEveryKnob;
void faultsMatchFaultSpec;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
