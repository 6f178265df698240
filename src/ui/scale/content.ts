// The words and styles of the "How throughput scales with shards" page, apart from its markup, so what it
// claims can be tested: each line's look, the figures said in sentences (all read from the report), and
// what the model assumes, with the numbers its presets use.
import { OKABE_ITO } from '../palette';
import { PRESETS } from '../../sim/presets';
import type { ReportLine, ScaleReport } from '../../scale/types';
import type { Point, ScalePreset } from '../../scale/sweep';

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'down' | 'cross';

export interface LineStyle {
  colour: string;
  dash: string;
  marker: Marker;
}

/** A line as a chart draws it. */
export interface ChartLine {
  id: string;
  name: string;
  style: LineStyle;
  points: Array<{ x: number; y: number }>;
}

/** One look per shard count, Okabe–Ito colours with a dash and a marker each; the hot-key line in grey. */
const BY_SHARDS: LineStyle[] = [
  { colour: OKABE_ITO.vermillion, dash: '', marker: 'circle' },
  { colour: OKABE_ITO.blue, dash: '6 3', marker: 'square' },
  { colour: OKABE_ITO.green, dash: '2 2', marker: 'triangle' },
  { colour: OKABE_ITO.purple, dash: '8 3 2 3', marker: 'diamond' },
  { colour: OKABE_ITO.black, dash: '', marker: 'down' },
];
/** The SVG path of a marker centred on (cx, cy). */
export function markerPath(m: Marker, cx: number, cy: number, r = 4): string {
  switch (m) {
    case 'circle':
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'square':
      return `M${cx - r},${cy - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case 'triangle':
      return `M${cx},${cy - r - 1}L${cx + r + 1},${cy + r}L${cx - r - 1},${cy + r}z`;
    case 'down':
      return `M${cx},${cy + r + 1}L${cx + r + 1},${cy - r}L${cx - r - 1},${cy - r}z`;
    case 'diamond':
      return `M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}z`;
    case 'cross':
      return `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`;
  }
}

export const HOT_STYLE: LineStyle = { colour: '#6b6b6b', dash: '1 3', marker: 'cross' };

export function styleOf(line: ReportLine, shardCounts: readonly number[]): LineStyle {
  if (line.hotKeys) return HOT_STYLE;
  return BY_SHARDS[Math.max(0, shardCounts.indexOf(line.shards)) % BY_SHARDS.length];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 shard", "8 shards, 20 % of writes on 1 key". */
export function lineName(line: Pick<ReportLine, 'shards' | 'hotKeys'>): string {
  const s = plural(line.shards, 'shard');
  return line.hotKeys ? `${s}, ${pct(line.hotKeys.share)} of writes on ${plural(line.hotKeys.keys, 'key')}` : s;
}

export const PRESET_NAME: Record<ScalePreset, string> = { elasticache: 'ElastiCache', memorydb: 'MemoryDB' };

export const fmt = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const pct = (x: number) => `${fmt(x * 100)}\u00a0%`;

/** Axis tick of a rate: 0, 500K, 1M, 1.5M. */
export function rateTick(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1e6) return `${fmt(v / 1e6, v % 1e6 === 0 ? 0 : 1)}M`;
  if (Math.abs(v) >= 1e3) return `${fmt(v / 1e3)}K`;
  return fmt(v);
}

/** The point with the most load offered: where a line is furthest past its ceiling. */
export const topPoint = (line: ReportLine): Point => line.points[line.points.length - 1];

export function linesOf(report: ScaleReport, preset: ScalePreset): ReportLine[] {
  return report.lines.filter((l) => l.preset === preset);
}

export function evenLine(report: ScaleReport, preset: ScalePreset, shards: number): ReportLine | undefined {
  return report.lines.find((l) => l.preset === preset && l.shards === shards && !l.hotKeys);
}

/** Per preset: what one shard and the most shards acknowledged at the most load, and per shard. */
export function summary(report: ScaleReport): string[] {
  const counts = report.config.shardCounts;
  const most = counts[counts.length - 1];
  const out: string[] = [];
  const perShard: Partial<Record<ScalePreset, number>> = {};
  for (const preset of Object.keys(PRESET_NAME) as ScalePreset[]) {
    const one = evenLine(report, preset, counts[0]);
    const all = evenLine(report, preset, most);
    if (!one || !all) continue;
    const top1 = topPoint(one).acked;
    const topN = topPoint(all).acked;
    perShard[preset] = topN / most;
    out.push(
      `${PRESET_NAME[preset]}: offered twice its ceiling, ${lineName(one)} acknowledges ${fmt(top1)} writes/s and ${lineName(all)} ${fmt(topN)} ` +
        `(${fmt(topN / most)} per shard, ${fmt(topN / top1, 1)} times one shard).`,
    );
  }
  if (perShard.elasticache && perShard.memorydb) {
    out.push(`Per shard, MemoryDB acknowledges ${pct(perShard.memorydb / perShard.elasticache)} of ElastiCache's writes: each write also costs its primary the log append.`);
  }
  return out;
}

/** The last point whose write p99 stays within twice that of the lightest load: before the queue takes off. */
export function calmUpTo(line: ReportLine): Point {
  const base = line.points[0].p99Ms;
  const calm = line.points.filter((p) => p.p99Ms <= 2 * base);
  return calm[calm.length - 1] ?? line.points[0];
}

/** What the hot-key lines show, in words. */
export function hotSentences(report: ScaleReport): string[] {
  return report.lines
    .filter((l) => l.hotKeys)
    .map((hot) => {
      const even = evenLine(report, hot.preset, hot.shards);
      const first = hot.points[0];
      const top = topPoint(hot);
      return (
        `${PRESET_NAME[hot.preset]}, ${lineName(hot)}: the shard that owns the hot key takes ${pct(first.busiestShard / first.acked)} of the writes, ` +
        `so it reaches its ceiling first. The p99 stays near ${fmt(first.p99Ms, 1)} ms only up to ${fmt(calmUpTo(hot).offered)} writes/s offered` +
        (even ? `, against ${fmt(calmUpTo(even).offered)} with the keys spread evenly` : '') +
        `; past that, writes to the hot shard wait in its queue while the others have room, and the cluster reaches ` +
        `${fmt(top.acked)} writes/s only when every shard is overloaded.`
      );
    });
}

/** Where the queue takes off, in words. */
export function queueSentence(line: ReportLine): string {
  const top = topPoint(line);
  return (
    `${PRESET_NAME[line.preset]}, ${lineName(line)}: the write p99 stays near ${fmt(line.points[0].p99Ms, 1)} ms up to ${fmt(calmUpTo(line).offered)} writes/s offered, ` +
    `then the queue grows; at ${fmt(top.offered)} writes/s it is ${fmt(top.p99Ms)} ms.`
  );
}

export interface Assumed {
  topic: string;
  text: string;
}

const us = (x: number) => `${fmt(x, 1)} µs`;

export function assumptions(report: ScaleReport): Assumed[] {
  const ec = PRESETS.elasticache.params;
  const mdb = PRESETS.memorydb.params;
  const c = report.config;
  const window = `${fmt((c.durationS - c.warmupS) * 1000)} ms`;
  return [
    {
      topic: 'Workload',
      text:
        `All writes (SET, ${fmt(c.valueBytes)} bytes) on ${fmt(c.keys)} keys, open loop: writes arrive at random (a Poisson stream) at the offered rate ` +
        `whatever the replies do, from clients in all three AZs. Each shard has one primary and two replicas, the primaries spread over the AZs.`,
    },
    {
      topic: 'Per-node CPU',
      text:
        `A primary executes one command at a time: ${us(ec.server.commandUs)} per write on ElastiCache (about ${fmt(Math.round(1e6 / ec.server.commandUs / 1000))}K writes/s, ` +
        `the MemoryDB paper's Redis figure per shard), ${us(mdb.durable.appendCpuUs)} more on MemoryDB for handing the write to its log ` +
        `(${us(report.writeCostUs.memorydb)} in all, about ${fmt(Math.round(1e6 / report.writeCostUs.memorydb / 1000))}K writes/s, the ratio the paper measured). ` +
        `The log sends a batch of appends at most every ${fmt(mdb.durable.groupCommitUs)} µs and commits it in ${mdb.durable.logQuorum} of 3 AZs` +
        `${mdb.durable.logMiBps === 0 ? ', with no limit on how many MiB/s it takes' : ''}: MemoryDB's writes wait longer for their reply, but waiting for the log does not lower the ceiling.`,
    },
    {
      topic: 'Shards',
      text:
        'Each key belongs to one of the 16,384 hash slots, and each shard owns an equal range of them. The model runs each shard on its own: nothing is ' +
        'shared between shards (no network bandwidth, no client limit), so shards multiply the ceiling only as far as the keys spread evenly over them. ' +
        `The grey line sends ${pct(c.hot.share)} of the writes to ${plural(c.hot.keys, 'key')}, so the shard that owns it gets more than its share.`,
    },
    {
      topic: 'How each point is measured',
      text:
        `One run of the model per point, ${fmt(c.durationS * 1000)} ms simulated: writes acknowledged from ${fmt(c.warmupS * 1000)} ms to the end, per second, ` +
        `and the latency of those writes (p99: 99 % took at most this long; nearest rank). Past the ceiling the queue grows for as long as the run lasts, ` +
        `so those latencies are after ${window} of that load, and clients would time out after ${fmt(ec.client.timeoutMs / 1000)} s. ` +
        `The loads offered are ${c.multiples.map((m) => fmt(m, 2)).join(', ')} times shards × 1 s / the cost of a write ` +
        `(${c.hot.multiples.map((m) => fmt(m, 2)).join(', ')} times for the grey line).`,
    },
  ];
}
