// Where the cluster overview puts things: one row per shard, one column per AZ between the shard's name
// and whether it takes writes on the left and its failovers, lost and at-risk writes on the right. Laid out
// in CSS pixels for the width it is given (1 unit = 1 px, never scaled), so its text is 14 px on a phone
// and on a projector alike, and 15 shards fit a 1280×720 screen.
import { AZS, type AZ } from '../../sim/types';
import type { ShardNodeView, ShardView } from '../worker/cluster-view';
import { nodeStateLabel } from '../states';

export const ROW_H = 26;
export const HEAD_H = 26;
/** A node's square or circle. */
export const GLYPH = 18;
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

export function overviewLayout(width: number, shards: number): OverviewLayout {
  const narrow = width < NARROW;
  const fixed: Array<[ColumnKey, number, string]> = narrow
    ? [['shard', 36, ''], ['writes', 50, 'writes'], ['failovers', 36, 'f/o'], ['lost', 46, 'lost'], ['risk', 46, 'risk']]
    : [['shard', 52, 'shard'], ['writes', 60, 'writes'], ['failovers', 80, 'failovers'], ['lost', 60, 'lost'], ['risk', 68, 'at risk']];
  const fixedW = fixed.reduce((a, [, w]) => a + w, 0);
  const azW = Math.max(3 * (GLYPH + 6), (width - fixedW) / 3);
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
    `Shard ${s.name}: ${s.writable ? 'takes writes' : 'takes no writes'}; ${nodes.join('; ')}; ` +
    `${plural(s.failovers, 'failover')}; ${plural(s.lost, 'acknowledged write')} lost, ${s.atRisk} at risk.`
  );
}
