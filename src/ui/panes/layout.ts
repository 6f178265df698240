// Where things sit in a pane's SVG, and where each message in flight is drawn at time t. Pure functions of
// (PaneView, t): drawing never touches the model, and the same inputs always give the same picture.
import { AZS, type AZ } from '../../sim/types';
import type { MessageView, PaneView } from '../../sim/view';

export const WIDTH = 360;
export const HEIGHT = 262;
const LANE_W = WIDTH / 3;
export const Y = { header: 16, clients: 42, nodes: 112, log: 196, store: 238 } as const;

export interface Point {
  x: number;
  y: number;
}

export function laneX(az: AZ): number {
  return AZS.indexOf(az) * LANE_W;
}

export function laneCentre(az: AZ): number {
  return laneX(az) + LANE_W / 2;
}

/** Node positions: nodes of one AZ share its lane, side by side. */
export function nodePositions(view: PaneView): Map<string, Point> {
  const out = new Map<string, Point>();
  for (const az of AZS) {
    const here = view.nodes.filter((n) => n.az === az);
    const gap = Math.min(52, (LANE_W - 20) / Math.max(1, here.length));
    here.forEach((n, i) => out.set(n.id, { x: laneCentre(az) + (i - (here.length - 1) / 2) * gap, y: Y.nodes }));
  }
  return out;
}

export function anchor(id: string, nodes: Map<string, Point>): Point | undefined {
  if (id.startsWith('client-')) return { x: laneCentre(id.slice(7) as AZ), y: Y.clients + 10 };
  return nodes.get(id);
}

export interface Dot {
  key: string;
  kind: MessageView['kind'];
  write: boolean;
  error: boolean;
  x: number;
  y: number;
}

export interface Flow {
  key: string;
  kind: MessageView['kind'];
  from: Point;
  to: Point;
  count: number;
}

/** Above this many messages a pane draws flows with counts instead of one shape per message. */
export const MAX_DOTS = 48;

export function progress(m: Pick<MessageView, 'sentUs' | 'arriveUs'>, tUs: number): number {
  const span = m.arriveUs - m.sentUs;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (tUs - m.sentUs) / span));
}

export function messageShapes(view: PaneView, tUs: number, dots: boolean): { dots: Dot[]; flows: Flow[] } {
  const nodes = nodePositions(view);
  const total = view.inFlight.requests + view.inFlight.replies + view.inFlight.replication;
  if (dots && total <= MAX_DOTS) {
    const out: Dot[] = [];
    for (const m of view.messages) {
      const a = anchor(m.from, nodes);
      const b = anchor(m.to, nodes);
      if (!a || !b) continue;
      const p = progress(m, tUs);
      out.push({ key: `${m.kind}-${m.id}-${m.to}`, kind: m.kind, write: m.write, error: m.error, x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p });
    }
    return { dots: out, flows: [] };
  }
  // Group by (kind, from, to): one line per pair, labelled with how many messages travel on it. The
  // sample in view.messages is capped, so counts are scaled to the true totals of each kind.
  const groups = new Map<string, Flow>();
  const sampled = { request: 0, reply: 0, replication: 0 };
  for (const m of view.messages) sampled[m.kind]++;
  const totals = { request: view.inFlight.requests, reply: view.inFlight.replies, replication: view.inFlight.replication };
  for (const m of view.messages) {
    const a = anchor(m.from, nodes);
    const b = anchor(m.to, nodes);
    if (!a || !b) continue;
    const key = `${m.kind}:${m.from}>${m.to}`;
    const g = groups.get(key) ?? { key, kind: m.kind, from: a, to: b, count: 0 };
    g.count += totals[m.kind] / sampled[m.kind];
    groups.set(key, g);
  }
  return { dots: [], flows: [...groups.values()].map((f) => ({ ...f, count: Math.round(f.count) })) };
}
