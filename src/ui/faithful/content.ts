// The words of the "How faithful is this model?" page, apart from its markup, so that what it claims can be
// tested: what each row was checked against, how many rows agree per reference, each ordering said in
// plain words, and what the model assumes without any check, with the ranges a scenario file may set.
import { BUS_TICK_US } from '../../sim/cluster/bus';
import { toJSONSchema, type ZodType } from 'zod';
import type { Reference, Report, Row } from '../../calibrate/report';
import { ParamOverridesSchema } from '../../scenario/schema';
import { PRESETS } from '../../sim/presets';

/** Short form for the table's "Checked against" column. */
export function referenceLabel(ref: Reference, redisVersion: string): string {
  switch (ref) {
    case 'redis':
      return `real Redis ${redisVersion} on loopback`;
    case 'paper':
      return 'the MemoryDB paper (P §6.1.2)';
    case 'assumption':
      return 'an assumption (nothing measured)';
  }
}

/** What a reference means, once, above the table. */
export function referenceMeaning(ref: Reference, redisVersion: string): string {
  switch (ref) {
    case 'redis':
      return (
        `Real Redis ${redisVersion} on loopback: the suite started its own redis-server processes on this machine, ` +
        'talking over 127.0.0.1, and ran the simulator with the same parameters on a loopback-like network. Crashes ' +
        'are real (SIGKILL), replication delay and stalls come from a proxy whose queue is dropped at the crash, and a ' +
        "machine death is modelled by cutting the append-only file back to its last fsynced byte. No cloud network, " +
        'no ElastiCache and no MemoryDB took part.'
      );
    case 'paper':
      return (
        'The MemoryDB paper: no Redis ran. The "measured" column is a figure published in the paper (P §6.1.2), and ' +
        "the prediction is the model's default preset on three AZs, so these rows check the model's assumed latencies " +
        'against the paper, not against a running service.'
      );
    case 'assumption':
      return 'An assumption: a value the model takes without a measurement or a published figure to check it against.';
  }
}

export interface Tally {
  reference: Reference;
  rows: number;
  agree: number;
}

const REFERENCE_ORDER: Reference[] = ['redis', 'paper', 'assumption'];

/** Rows and agreements per reference that the report uses: real Redis first, then the paper, then assumptions. */
export function tallies(rows: Row[]): Tally[] {
  return REFERENCE_ORDER.map((reference) => {
    const of = rows.filter((r) => r.reference === reference);
    return { reference, rows: of.length, agree: of.filter((r) => r.verdict === 'pass').length };
  }).filter((t) => t.rows > 0);
}

export function tallySentence(report: Report): string {
  return tallies(report.rows)
    .map((t) => `Against ${referenceLabel(t.reference, report.redisVersion)}: ${t.agree} of ${t.rows} ${t.rows === 1 ? 'case agrees' : 'cases agree'}.`)
    .join(' ');
}

export interface OrderingSummary {
  name: string;
  experiment: string;
  agrees: boolean;
  /** e.g. "plain SET (0.208 ms) < SET, appendfsync always (0.429 ms) < SET + WAIT 1 (0.5 ms)" */
  measured: string;
  predicted: string;
  /** The verdict in words, naming each pair the model puts the other way round. */
  verdict: string;
}

const itemOf = (r: Row) => r.ordering?.item ?? r.case;

function chain(rows: Row[], value: (r: Row) => number): string {
  const sorted = [...rows].sort((a, b) => value(a) - value(b));
  return sorted.map((r, i) => `${i > 0 ? (value(r) === value(sorted[i - 1]) ? ' = ' : ' < ') : ''}${itemOf(r)} (${value(r)} ${r.unit})`).join('');
}

/** Every ordering in the report (rows sharing `ordering.name`), judged as a whole: the same order or not. */
export function orderings(rows: Row[]): OrderingSummary[] {
  const names = [...new Set(rows.filter((r) => r.ordering).map((r) => r.ordering!.name))];
  return names.map((name) => {
    const group = rows.filter((r) => r.ordering?.name === name);
    const flipped: string[] = [];
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i];
        const b = group[j];
        if (Math.sign(a.measured - b.measured) === Math.sign(a.predicted - b.predicted)) continue;
        const [lo, hi] = a.measured <= b.measured ? [a, b] : [b, a];
        const where = (x: number, y: number) => (x === y ? 'level with' : x < y ? 'below' : 'above');
        flipped.push(
          `in the measurement ${itemOf(lo)} comes ${where(lo.measured, hi.measured)} ${itemOf(hi)} (${lo.measured} against ${hi.measured} ${lo.unit}), ` +
            `in the model ${where(lo.predicted, hi.predicted)} it (${lo.predicted} against ${hi.predicted} ${lo.unit})`,
        );
      }
    }
    const agrees = flipped.length === 0;
    return {
      name,
      experiment: group[0].experiment,
      agrees,
      measured: chain(group, (r) => r.measured),
      predicted: chain(group, (r) => r.predicted),
      verdict: agrees
        ? 'The model puts them in the measured order: this ordering agrees.'
        : `The orders differ, so this ordering disagrees: ${flipped.join('. Also, ')}.`,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Assumed, not checked

export interface KnobRange {
  /** Where it goes in a scenario file: presets[i].overrides.<path>. */
  path: string;
  /** The schema's own description of the knob. */
  what: string;
  /** The values a scenario file may give it, from the schema. */
  range: string;
}

export interface Assumption {
  topic: string;
  /** What the model takes, with the numbers its presets use. */
  assumed: string;
  /** Why no row above checks it. */
  unchecked: string;
  knobs: KnobRange[];
}

const fmt = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 6 });

function leaf(path: string): ZodType {
  let s: ZodType = ParamOverridesSchema;
  for (const key of path.split('.')) {
    const obj = unwrap(s) as unknown as { shape?: Record<string, ZodType> };
    const next = obj.shape?.[key];
    if (!next) throw new Error(`the scenario schema has no knob ${path}`);
    s = next;
  }
  return unwrap(s);
}

function unwrap(s: ZodType): ZodType {
  const u = s as unknown as { unwrap?: () => ZodType; _zod: { def: { type: string } } };
  return u._zod.def.type === 'optional' && u.unwrap ? unwrap(u.unwrap()) : s;
}

/** A knob's range as the scenario schema states it, e.g. "0 to 3,600,000" or "above 0, up to 100". */
export function knobRange(path: string): KnobRange {
  const s = leaf(path);
  const js = toJSONSchema(s) as { minimum?: number; exclusiveMinimum?: number; maximum?: number; type?: string | string[]; anyOf?: { type?: string }[] };
  const nullable = js.anyOf?.some((x) => x.type === 'null') ?? false;
  const num = (js.anyOf?.find((x) => x.type !== 'null') ?? js) as typeof js;
  const whole = num.type === 'integer' ? ' (whole numbers)' : '';
  const low = num.exclusiveMinimum !== undefined ? `above ${fmt(num.exclusiveMinimum)}, up to` : `${fmt(num.minimum ?? -Infinity)} to`;
  const range = `${low} ${fmt(num.maximum ?? Infinity)}${whole}${nullable ? ', or null' : ''}`;
  return { path, what: (s.description ?? '').replace(/\.$/, ''), range };
}

const knobs = (...paths: string[]) => paths.map(knobRange);
const s = (ms: number) => `${fmt(ms / 1000)} s`;

export function assumptions(): Assumption[] {
  const ec = PRESETS.elasticache.params;
  const mdb = PRESETS.memorydb.params.durable;
  const net = PRESETS.elasticache.params.network;
  return [
    {
      topic: 'ElastiCache failover timings',
      assumed: `The control plane declares the primary failed after ${s(ec.cache.failover.detectionMs)} without answers and needs ${s(ec.cache.failover.promotionMs)} more to promote a replica and move the endpoint (preset elasticache).`,
      unchecked: 'No managed service took part: the Redis experiments promote the replica by hand right after the crash.',
      knobs: knobs('cache.failover.detectionMs', 'cache.failover.promotionMs'),
    },
    {
      topic: 'MemoryDB failover timings',
      assumed: `A replica campaigns after ${fmt(mdb.backoffFactor)} × the lease without seeing a renewal; the monitor checks nodes every ${s(mdb.monitorPollMs)} and restarts failed ones, which restore from a snapshot plus the log.`,
      unchecked: 'MemoryDB publishes no failover timings to compare with, and no MemoryDB ran.',
      knobs: knobs('durable.backoffFactor', 'durable.monitorPollMs'),
    },
    {
      topic: 'MemoryDB recovery time',
      assumed: `A restoring node loads the newest off-box snapshot (one every ${fmt(mdb.snapshotIntervalS)} s, built from the log) in dataset size / load speed, then replays the log committed after it at ${fmt(mdb.replayEntriesPerSec)} entries a second, so a restore just before the next snapshot takes longest.`,
      unchecked: 'Neither MemoryDB nor ElastiCache publishes a snapshot interval or a replay rate; both numbers are this project’s.',
      knobs: knobs('durable.snapshotIntervalS', 'durable.replayEntriesPerSec'),
    },
    {
      topic: 'Leases',
      assumed: `The MemoryDB primary holds a ${s(mdb.leaseMs)} lease, renewed through the log every lease / ${mdb.heartbeatDivisor}; a primary whose renewals stop committing stops serving when the lease runs out.`,
      unchecked: 'The paper describes leases but gives no durations; the numbers are this project’s.',
      knobs: knobs('durable.leaseMs', 'durable.heartbeatDivisor'),
    },
    {
      topic: 'The 2-of-3 log quorum',
      assumed: `A log append commits once ${mdb.logQuorum} of the 3 AZ copies have it.`,
      unchecked: 'The paper does not describe the log service’s quorum: 2 of 3 is this project’s assumption.',
      knobs: knobs('durable.logQuorum'),
    },
    {
      topic: 'The log copies’ storage latency',
      assumed: `Each copy costs a round trip to its AZ plus a storage write whose median is the log commit time (${fmt(mdb.logCommitMs)} ms) less the cross-AZ round trip, log-normal with σ 0.35.`,
      unchecked: 'Only its sum with the network is compared, with the paper’s write p50 and p99 in experiment 0; the storage itself is not measured.',
      knobs: knobs('durable.logCommitMs'),
    },
    {
      topic: 'Cross-AZ round trips',
      assumed: `${fmt(net.crossAzRttMs)} ms between AZs and ${fmt(net.intraAzRttMs)} ms inside one, each one-way delay times a log-normal factor (σ ${fmt(net.jitterSigma)}), with a ${fmt(net.spikeProbability * 100)} % chance of a ${fmt(net.spikeRttMs)} ms spike across AZs (published measurements L1, L2).`,
      unchecked: 'Every Redis experiment runs on one machine over 127.0.0.1, so no AZ network is measured.',
      knobs: knobs('network.crossAzRttMs', 'network.intraAzRttMs', 'network.jitterSigma', 'network.spikeProbability', 'network.spikeRttMs'),
    },
    {
      topic: 'Per-node capacity',
      assumed: `A node executes one command at a time: ${fmt(ec.server.commandUs)} µs each (about ${fmt(Math.round(1e6 / ec.server.commandUs / 1000))}K op/s, the paper’s Redis figure per shard); a MemoryDB or durable ElastiCache primary spends ${fmt(mdb.appendCpuUs)} µs more per write on its log append (about ${fmt(Math.round(1e6 / (ec.server.commandUs + mdb.appendCpuUs) / 1000))}K writes/s, the paper’s MemoryDB figure); reads cost the same in both; the log sends a batch of appends at most every ${fmt(mdb.groupCommitUs)} µs (group commit). A request’s effect is applied when it arrives and its reply leaves once the CPU has worked through the queue ahead of it; pipelining saves nothing per command.`,
      unchecked: 'Experiment 8 compares ratios with redis-benchmark on this machine (GET against SET, 200 against 50 connections) and experiment 0 the MemoryDB / Redis write ceiling with the paper; the absolute ceilings of a cloud node, MemoryDB’s faster reads (reported only by a secondary source) and the saving of pipelining are not checked.',
      knobs: knobs('server.commandUs', 'durable.appendCpuUs', 'durable.groupCommitUs'),
    },
    {
      topic: 'ElastiCache durable modes (sync and async)',
      assumed: `As documented for Valkey 9.0 and later (EC-DURAB): sync replies once the Multi-AZ log has the write in two AZs; async replies first, and the primary refuses writes while the oldest write not yet in the log is older than ${s(PRESETS['elasticache-durable-async'].params.durable.bufferLimitMs)}; the log takes at most ${fmt(PRESETS['elasticache-durable-async'].params.durable.logMiBps)} MiB/s per primary (presets elasticache-durable-sync, elasticache-durable-async). Assumed beyond the documentation: the log, leases and failover of the MemoryDB model, the same refusal rule for sync (AWS says only that writes are throttled), and that an append sent before a crash still commits.`,
      unchecked: 'Documented behaviour only; nothing here ran against a durable ElastiCache cluster.',
      knobs: knobs('durable.logMiBps', 'durable.bufferLimitMs'),
    },
    {
      topic: 'Clusters of shards',
      assumed: `Keys go to shards by CRC16 over 16,384 slots split evenly, each shard with its own replication stream or log, sharing nothing else. Self-managed Redis Cluster (preset redis-cluster): a primary is failed after the node timeout (${s(PRESETS['redis-cluster'].params.cache.failover.detectionMs)}), its most up-to-date replica waits 0.5 s plus up to 0.5 s more and needs the votes of a majority of all the primaries, and a primary reaching only a minority of them stops after the node timeout; a shard knows the others' primaries as of the last ${fmt(BUS_TICK_US / 1000)} ms tick of the cluster bus; cluster-require-full-coverage is no. ElastiCache and MemoryDB fail each shard over by itself. A node that is not its shard's primary answers a write, or a read from a client that does not read from replicas, with MOVED, and the client sends the request on to the shard's current primary: one more round trip, up to 5 redirections (a single shard's replica answers READONLY instead, and the request fails). Slots never move: online resharding is not modelled.`,
      unchecked: 'The majority and election rules follow the Redis Cluster specification; no Redis Cluster, and no ElastiCache or MemoryDB cluster, ran against the model.',
      knobs: knobs('cache.failover.detectionMs', 'cache.failover.isolatedPrimaryStopsAfterMs'),
    },
  ];
}
