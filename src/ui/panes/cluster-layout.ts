// Where the cluster overview puts things: one row per shard, one column per AZ between the shard's name
// and whether it takes writes on the left and its failovers, lost and at-risk writes on the right. Laid out
// in units for the width it is given (a unit is a CSS pixel at the page's own type size; presenter mode
// makes it larger, ClusterOverview.svelte), so its text is 14 px on a phone and a laptop and 24 px on a
// projector, and 15 shards fit a 1280×720 screen.
import { AZS, type AZ } from '../../sim/types';
import type { ClusterView, ShardNodeView, ShardView } from '../worker/cluster-view';
import { nodeStateLabel } from '../states';
import { formatCount } from '../format';

export const ROW_H = 26;
export const HEAD_H = 26;
/** A node's square or circle. */
export const GLYPH = 18;
/** A primary whose requests wait this long for its CPU is past its ceiling: its row says "slow". */
export const SLOW_QUEUE_MS = 100;

/** The writes column's word: the shard takes none, takes them, or takes them with replies held in a queue. */
export function writesWord(s: Pick<ShardView, 'writable' | 'queueMs'>): 'NO' | 'slow' | 'yes' {
  if (!s.writable) return 'NO';
  return s.queueMs >= SLOW_QUEUE_MS ? 'slow' : 'yes';
}

const queueWords = (ms: number) => `replies wait ${formatCount(ms)} ms for its CPU`;

/** Below this width the headings are shortened (the legend under the grid spells them out). */
export const NARROW = 560;

export type ColumnKey = 'shard' | 'writes' | AZ | 'failovers' | 'lost' | 'risk';

export interface Column {
  key: ColumnKey;
  x: number;
  w: number;
  label: string;
}

export interface OverviewLayout {
  width: number;
  height: number;
  narrow: boolean;
  columns: Column[];
}

/** Space a node takes in its AZ's cell, side by side with the shard's other nodes there. */
export const NODE_STEP = GLYPH + 6;

/**
 * width: CSS pixels available; mostInAz: the most nodes any shard has in one AZ (each AZ column is at
 * least wide enough for that many). On a phone (narrow) the columns shrink to what their words need, so
 * the grid of a 390 px screen fits without scrolling sideways.
 */
export function overviewLayout(width: number, shards: number, mostInAz = 1): OverviewLayout {
  const narrow = width < NARROW;
  const fixed: Array<[ColumnKey, number, string]> = narrow
    ? [['shard', 30, ''], ['writes', 50, 'writes'], ['failovers', 30, 'f/o'], ['lost', 46, 'lost'], ['risk', 42, 'risk']]
    : [['shard', 52, 'shard'], ['writes', 60, 'writes'], ['failovers', 80, 'failovers'], ['lost', 60, 'lost'], ['risk', 68, 'at risk']];
  const fixedW = fixed.reduce((a, [, w]) => a + w, 0);
  const azW = Math.max(Math.max(1, mostInAz) * NODE_STEP + 8, narrow ? 40 : 72, Math.floor((width - fixedW) / 3));
  const order: Array<[ColumnKey, number, string]> = [fixed[0], fixed[1], ...AZS.map((az): [ColumnKey, number, string] => [az, azW, `AZ ${az}`]), ...fixed.slice(2)];
  const columns: Column[] = [];
  let x = 0;
  for (const [key, w, label] of order) {
    columns.push({ key, x, w, label });
    x += w;
  }
  return { width: Math.max(width, x), height: HEAD_H + shards * ROW_H + 2, narrow, columns };
}

export function column(layout: OverviewLayout, key: ColumnKey): Column {
  return layout.columns.find((c) => c.key === key)!;
}

/** A node as the overview names it: its role and state in the diagram's words. */
export function nodeWords(n: ShardNodeView, primary: string): string {
  const role = n.role === 'primary' ? (n.id === primary ? 'primary' : 'old primary') : 'replica';
  return `${n.id} ${role}, ${nodeStateLabel(n).text}${n.reachable ? '' : ', cut off'}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a shard's row says to a screen reader, and in its tooltip. */
export function shardWords(s: ShardView): string {
  const nodes = AZS.flatMap((az) => s.nodes.filter((n) => n.az === az).map((n) => `${nodeWords(n, s.primary)} in AZ ${az}`));
  return (
    `Shard ${s.name}: ${s.writable ? 'takes writes' : `takes no writes${s.lastAckUs >= 0 ? ` since ${seconds(s.lastAckUs)}` : ''}`}; ` +
    (writesWord(s) === 'slow' ? `${queueWords(s.queueMs)}; ` : '') +
    `${nodes.join('; ')}; ` +
    `${plural(s.failovers, 'failover')}; ${plural(s.lost, 'acknowledged write')} lost, ${s.atRisk} at risk.`
  );
}

/** The most nodes one shard has in one AZ. */
export function mostInOneAz(cluster: ClusterView): number {
  let most = 1;
  for (const s of cluster.shards) for (const az of AZS) most = Math.max(most, s.nodes.filter((n) => n.az === az).length);
  return most;
}

const seconds = (us: number) => `${(us / 1e6).toFixed(1)} s`;

/**
 * The overview in one sentence for a screen reader: how many shards take writes and the share of the
 * keyspace writable, then each shard that takes none (since its last acknowledged write) or lost writes.
 */
export function overviewSentence(cluster: ClusterView): string {
  const shards = cluster.shards;
  const writable = shards.filter((s) => s.writable).length;
  const percent = Math.round((100 * cluster.writableSlots) / cluster.totalSlots);
  const parts = [`${plural(shards.length, 'shard')}`, `${writable} take writes`, `${percent} % of the keyspace writable`];
  for (const s of shards) {
    const said: string[] = [];
    if (!s.writable) said.push(s.lastAckUs >= 0 ? `no writes since ${seconds(s.lastAckUs)}` : 'no writes yet');
    if (writesWord(s) === 'slow') said.push(queueWords(s.queueMs));
    if (s.lost > 0) said.push(`${formatCount(s.lost)} ${s.lost === 1 ? 'write' : 'writes'} lost`);
    if (said.length > 0) parts.push(`shard ${s.name}: ${said.join(', ')}`);
  }
  const failovers = shards.reduce((a, s) => a + s.failovers, 0);
  parts.push(failovers === 0 ? 'no failover so far' : `${plural(failovers, 'failover')} so far`);
  return `${parts.join('; ')}.`;
}

/** Where a node stands in its AZ's cell: the k-th of `count` nodes of its shard there, centred. */
export function nodeX(layout: OverviewLayout, az: AZ, k: number, count: number): number {
  const c = column(layout, az);
  const step = Math.min(NODE_STEP, (c.w - 4) / Math.max(1, count));
  return c.x + c.w / 2 + (k - (count - 1) / 2) * step;
}

/** The shard's nodes in one AZ, the primary first (the order the overview draws them in). */
export function nodesInAz(s: ShardView, az: string): ShardNodeView[] {
  return s.nodes.filter((n) => n.az === az).sort((a, b) => (a.role === b.role ? a.id.localeCompare(b.id) : a.role === 'primary' ? -1 : 1));
}

export interface OverviewMark {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room under the grid for a highlight's words. */
export const MARK_TAG_H = 22;

/**
 * A lesson step's highlight over the overview, from the marks the single picture would draw (their words
 * say what they point at): the whole pane, an AZ's column, or a node by its id in every shard that has
 * it. The clients, the log and the snapshot store are not in the overview: nothing to outline.
 */
export function overviewMarks(marks: ReadonlyArray<{ text: string }>, layout: OverviewLayout, cluster: ClusterView): { boxes: OverviewMark[]; words: string } | null {
  const boxes: OverviewMark[] = [];
  const words: string[] = [];
  const h = GLYPH / 2 + 4;
  for (const m of marks) {
    if (m.text === 'this pane') {
      boxes.push({ x: 1, y: 1, width: layout.width - 2, height: layout.height - 2 });
      words.push('this pane');
      continue;
    }
    const az = /^AZ ([a-z])$/.exec(m.text);
    if (az && (AZS as readonly string[]).includes(az[1])) {
      const c = column(layout, az[1] as AZ);
      boxes.push({ x: c.x + 1, y: 1, width: c.w - 2, height: layout.height - 2 });
      words.push(m.text);
      continue;
    }
    let found = false;
    cluster.shards.forEach((s, i) => {
      for (const az of AZS) {
        const here = nodesInAz(s, az);
        here.forEach((n, k) => {
          if (n.id !== m.text) return;
          const y = HEAD_H + i * ROW_H + ROW_H / 2;
          boxes.push({ x: nodeX(layout, az, k, here.length) - h, y: y - h, width: 2 * h, height: 2 * h });
          found = true;
        });
      }
    });
    if (found) words.push(`${m.text} in every shard`);
  }
  return boxes.length > 0 ? { boxes, words: [...new Set(words)].join(', ') } : null;
}
