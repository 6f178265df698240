// Where the count of each flow (a still line standing for many messages) is written. Lines converge on the
// primary and the clients, so labels placed at a fixed point along their line piled up on one another
// and on the nodes' words. Each label takes the first free place along its line (or just beside it),
// in order of importance; a label with no free place is left out of the picture: the line under the
// pane says every count in words. A pure function of the view and its flows.
import { AZS } from '../../sim/types';
import type { PaneView } from '../../sim/view';
import { laneCentre, WIDTH, Y, type Flow } from './layout';

export interface FlowLabel {
  key: string;
  x: number;
  y: number;
  text: string;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Width of a character of the 10.5-unit label text, with a margin: a little wider than the font's. */
const CHAR_W = 6.1;
const HALF_H = 6.5;
const WORD = { request: 'requests', reply: 'replies', replication: 'replicating', append: 'appending' } as const;
const ONE = { request: 'request', reply: 'reply', replication: 'replicating', append: 'appending' } as const;
/** Requests and replies of one path are drawn a few units apart (Messages.svelte). */
export const FLOW_OFFSET = { request: -5, reply: 5, replication: 0, append: 0 } as const;
/** Replication first (it carries what survives), then requests, replies, appends. */
const ORDER = { replication: 0, request: 1, reply: 2, append: 3 } as const;
/** Where along its line a label would rather sit: requests near the client, replies near the node. */
const PREFERRED = { request: 0.3, reply: 0.6, replication: 0.5, append: 0.7 } as const;

export function flowText(f: Pick<Flow, 'kind' | 'count'>): string {
  return `${f.count.toLocaleString('en-US')} ${f.count === 1 ? ONE[f.kind] : WORD[f.kind]}`;
}

/** What the pane draws that a label must not cover: headings, clients and their words, nodes and theirs, log copies. */
export function obstacles(view: PaneView, nodes: Map<string, { x: number; y: number }>): Box[] {
  const out: Box[] = [{ x0: 0, y0: 0, x1: WIDTH, y1: 24 }];
  for (const c of view.clients) {
    const x = laneCentre(c.az);
    const words = `→ ${c.target ?? 'none'} · ${c.pending} waiting`.length * CHAR_W * 0.9;
    out.push({ x0: x - 31, y0: Y.clients - 10, x1: x + 31, y1: Y.clients + 10 });
    out.push({ x0: x - words / 2, y0: Y.clients + 11, x1: x + words / 2, y1: Y.clients + 23 });
  }
  for (const n of view.nodes) {
    const p = nodes.get(n.id);
    if (!p) continue;
    // Its id and shape, then the words under it (role, state, offset, lag, queue).
    const lines = 3 + (n.role === 'replica' ? 1 : 0) + (n.queueMs >= 0.1 ? 1 : 0);
    out.push({ x0: p.x - 22, y0: p.y - 36, x1: p.x + 22, y1: p.y + 22 });
    out.push({ x0: p.x - 40, y0: p.y + 23, x1: p.x + 40, y1: p.y + 24 + lines * 11.5 });
  }
  if (view.log) {
    for (const az of AZS) out.push({ x0: laneCentre(az) - 36, y0: Y.log - 10, x1: laneCentre(az) + 36, y1: Y.log + 10 });
    out.push({ x0: 0, y0: Y.log + 12, x1: WIDTH, y1: Y.log + 28 });
  }
  return out;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Fractions along a line to try, nearest the preferred one first. */
function fractions(preferred: number): number[] {
  const out = [preferred];
  for (let d = 0.05; d <= 0.8; d += 0.05) {
    for (const t of [preferred - d, preferred + d]) if (t >= 0.08 && t <= 0.92) out.push(Math.round(t * 100) / 100);
  }
  return out;
}

export function flowLabels(view: PaneView, nodes: Map<string, { x: number; y: number }>, flows: Flow[]): FlowLabel[] {
  const taken = obstacles(view, nodes);
  const out: FlowLabel[] = [];
  const sorted = [...flows].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.count - a.count || (a.key < b.key ? -1 : 1));
  for (const f of sorted) {
    const text = flowText(f);
    // A bare count only on the stream's and the log's lines, whose dashes say what they carry; a bare
    // number beside converging request and reply lines would not say which it counts.
    const bare = f.kind === 'replication' || f.kind === 'append';
    const placed = place(f, text, taken) ?? (bare ? place(f, f.count.toLocaleString('en-US'), taken) : null);
    if (placed) out.push(placed);
  }
  return out;
}

/**
 * The first free place for `text` along the flow's line or beside it, taken; null if there is none.
 */
function place(f: Flow, text: string, taken: Box[]): FlowLabel | null {
  const half = (text.length * CHAR_W) / 2;
  const off = FLOW_OFFSET[f.kind];
  const dx = f.to.x - f.from.x;
  const dy = f.to.y - f.from.y;
  const len = Math.hypot(dx, dy) || 1;
  // Beside the line as well as on it: a step of one label height across it.
  const nx = (-dy / len) * (2 * HALF_H);
  const ny = (dx / len) * (2 * HALF_H);
  for (const t of fractions(PREFERRED[f.kind])) {
    for (const side of [0, 1, -1]) {
      const x = f.from.x + dx * t + off + side * nx;
      const y = f.from.y + dy * t + side * ny;
      const box = { x0: x - half, y0: y - HALF_H, x1: x + half, y1: y + HALF_H };
      if (box.x0 < 0 || box.x1 > WIDTH || taken.some((b) => overlaps(b, box))) continue;
      taken.push(box);
      return { key: f.key, x, y, text };
    }
  }
  return null;
}
