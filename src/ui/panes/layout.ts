// Where things sit in a pane's SVG, and where each message in flight is drawn at time t. Pure functions of
// (PaneView, t): drawing never touches the model, and the same inputs always give the same picture.
import { AZS, type AZ } from '../../sim/types';
import type { MessageView, PaneView } from '../../sim/view';

export const WIDTH = 360;
const LANE_W = WIDTH / 3;
/**
 * Vertical places, in viewBox units. Text is at least 10.5 units: a pane is drawn at least 480 CSS px wide
 * (4/3 of a unit), so its smallest text is at least 14 px on a 1280×720 screen. The log copies (log-durable
 * only) sit under the nodes; the snapshot store and the strip of recent writes come after them.
 */
export const Y = { header: 13, clients: 36, nodes: 92, log: 188 } as const;

type Family = PaneView['family'];

/** The snapshot store's line, below the log copies where there are some. */
export function storeY(family: Family): number {
  return family === 'durable' ? 228 : 178;
}

/** The top of the lanes' background: down to the log copies, or to just under the nodes. */
export function laneBottom(family: Family): number {
  return family === 'durable' ? Y.log + 13 : Y.nodes + 70;
}

/** The strip of recent writes: one row per node (or log copy), one column per write. */
export const STRIP = { label: 40, left: 46, column: 12.5, row: 14, mark: 9 } as const;

/** The strip's title line. */
export function stripTitleY(family: Family): number {
  return storeY(family) + 22;
}

/** Where the strip's rows are. */
export function stripRowY(family: Family, row: number): number {
  return stripTitleY(family) + 24 + row * STRIP.row;
}

/** Height of a pane's picture: the strip grows with the rows it draws, then its caption's two lines. */
export function heightOf(view: Pick<PaneView, 'fates' | 'family'>): number {
  return stripRowY(view.family, view.fates.rows.length - 1) + 36;
}

/** Height of the picture of a log-durable pane (the taller) with a primary and two replicas. */
export const HEIGHT = stripRowY('durable', 2) + 36;

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
  if (id.startsWith('client-')) return { x: laneCentre(id.slice(7) as AZ), y: Y.clients + 9 };
  return nodes.get(id);
}

/** What a shape or flow stands for: the view's message kinds, plus log appends on their way to an AZ copy. */
export type MotionKind = MessageView['kind'] | 'append';

export interface Dot {
  key: string;
  kind: MotionKind;
  /** A client write (requests, replies, log appends); for appends false means a lease renewal or claim. */
  write: boolean;
  error: boolean;
  x: number;
  y: number;
}

export interface Flow {
  key: string;
  kind: MotionKind;
  from: Point;
  to: Point;
  count: number;
}

/** Above this many things in motion a pane draws flows with counts instead of one shape per message. */
export const MAX_DOTS = 48;

/** Where a log append arrives: the top edge of the AZ's log copy. */
export function copyAnchor(az: AZ): Point {
  return { x: laneCentre(az), y: Y.log - 10 };
}

/**
 * Where a log append leaves its node: below the node's words (a replica's lag and a queue included), so
 * appends travel between them and the copies.
 */
export function appendOrigin(node: Point): Point {
  return { x: node.x, y: Y.nodes + 80 };
}

export function progress(m: Pick<MessageView, 'sentUs' | 'arriveUs'>, tUs: number): number {
  const span = m.arriveUs - m.sentUs;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (tUs - m.sentUs) / span));
}

/** One leg of a log append: from the appending node to one AZ copy, until that copy acknowledged it. */
interface Leg {
  key: string;
  from: string;
  az: AZ;
  write: boolean;
  sentUs: number;
  arriveUs: number;
}

function legsAt(view: PaneView, tUs: number): Leg[] {
  const out: Leg[] = [];
  for (const a of view.log?.appends ?? []) {
    a.copyUs.forEach((arrive, x) => {
      if (arrive === null || arrive <= tUs || a.sentUs > tUs) return;
      out.push({ key: `append-${a.index}-${AZS[x]}`, from: a.from, az: AZS[x], write: a.kind === 'write', sentUs: a.sentUs, arriveUs: arrive });
    });
  }
  return out;
}

/** Everything in motion at t, by kind. Replies still waiting for a commit have not left their node and are not counted. */
export interface MotionCounts {
  requests: number;
  replies: number;
  replication: number;
  /** Log entries on their way to the copies, and per AZ copy how many it has yet to acknowledge. */
  appends: number;
  inbound: number[];
  /** Log entries appended but not yet held by a quorum of copies. */
  awaitingCommit: number;
}

/** Scale of each kind's sample to its true total: the view lists at most a few hundred messages. */
function sampleScale(view: PaneView): Record<MessageView['kind'], number> {
  const sampled = { request: 0, reply: 0, replication: 0 };
  for (const m of view.messages) sampled[m.kind]++;
  const totals = { request: view.inFlight.requests, reply: view.inFlight.replies, replication: view.inFlight.replication };
  return {
    request: sampled.request ? totals.request / sampled.request : 0,
    reply: sampled.reply ? totals.reply / sampled.reply : 0,
    replication: sampled.replication ? totals.replication / sampled.replication : 0,
  };
}

export function motionCounts(view: PaneView, tUs: number): MotionCounts {
  const scale = sampleScale(view);
  const sent = { request: 0, reply: 0, replication: 0 };
  for (const m of view.messages) if (m.sentUs <= tUs) sent[m.kind] += scale[m.kind];
  return {
    requests: Math.round(sent.request),
    replies: Math.round(sent.reply),
    replication: Math.round(sent.replication),
    appends: view.log?.appending ?? 0,
    inbound: view.log?.inbound ?? [0, 0, 0],
    awaitingCommit: view.log ? Math.max(0, view.log.length - view.log.committed) : 0,
  };
}

/** The same counts in words, for reduced motion and for screen readers. */
export function motionText(view: PaneView, tUs: number): string {
  const c = motionCounts(view, tUs);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const parts = [n(c.requests, 'request', 'requests') + ' on the way to a node'];
  if (view.log) {
    const per = AZS.map((az, i) => `${az} ${c.inbound[i]}`).join(', ');
    parts.push(`${n(c.appends, 'log append', 'log appends')} on the way to the copies (${per})`);
    parts.push(`${n(c.awaitingCommit, 'entry', 'entries')} awaiting ${view.log.quorum} of 3 copies`);
  } else {
    parts.push(`${n(c.replication, 'replication message', 'replication messages')} on the way to replicas`);
  }
  parts.push(`${n(c.replies, 'reply', 'replies')} on the way to clients`);
  return `In motion: ${parts.join('; ')}.`;
}

/**
 * The shapes of one pane at t. With `dots` (motion allowed) and few enough things in motion, one shape per
 * message and per append leg, placed by its progress; otherwise one line per path with its count, which
 * never moves. Either way the number of SVG elements stays bounded by the number of paths, not the rate.
 */
export function messageShapes(view: PaneView, tUs: number, dots: boolean): { dots: Dot[]; flows: Flow[] } {
  const nodes = nodePositions(view);
  const legs = legsAt(view, tUs);
  const inbound = view.log?.inbound ?? [0, 0, 0];
  // Only what is on the wire counts: replies still being served or waiting for a commit have not left.
  const c = motionCounts(view, tUs);
  const total = c.requests + c.replies + c.replication + inbound[0] + inbound[1] + inbound[2];
  if (dots && total <= MAX_DOTS) {
    const out: Dot[] = [];
    for (const m of view.messages) {
      if (m.sentUs > tUs) continue; // still being served, or a reply waiting for its commit
      const a = anchor(m.from, nodes);
      const b = anchor(m.to, nodes);
      if (!a || !b) continue;
      const p = progress(m, tUs);
      out.push({ key: `${m.kind}-${m.id}-${m.to}`, kind: m.kind, write: m.write, error: m.error, x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p });
    }
    for (const l of legs) {
      const from = nodes.get(l.from);
      if (!from) continue;
      const a = appendOrigin(from);
      const b = copyAnchor(l.az);
      const p = progress(l, tUs);
      out.push({ key: l.key, kind: 'append', write: l.write, error: false, x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p });
    }
    return { dots: out, flows: [] };
  }
  // Group by (kind, from, to): one line per pair, labelled with how many messages travel on it. The
  // samples in the view are capped, so counts are scaled to the true totals of each kind.
  const groups = new Map<string, Flow>();
  const add = (kind: MotionKind, from: string, to: string, a: Point, b: Point, count: number) => {
    const key = `${kind}:${from}>${to}`;
    const g = groups.get(key) ?? { key, kind, from: a, to: b, count: 0 };
    g.count += count;
    groups.set(key, g);
  };
  const scale = sampleScale(view);
  for (const m of view.messages) {
    if (m.sentUs > tUs) continue;
    const a = anchor(m.from, nodes);
    const b = anchor(m.to, nodes);
    if (a && b) add(m.kind, m.from, m.to, a, b, scale[m.kind]);
  }
  const sampledInbound = [0, 0, 0];
  for (const l of legs) sampledInbound[AZS.indexOf(l.az)]++;
  for (const l of legs) {
    const a = nodes.get(l.from);
    const x = AZS.indexOf(l.az);
    if (a) add('append', l.from, `log-${l.az}`, appendOrigin(a), copyAnchor(l.az), inbound[x] / sampledInbound[x]);
  }
  // Appends the capped sample missed still show on their copy's path, from the log's leader.
  const leader = view.log ? nodes.get(view.log.leader) : undefined;
  AZS.forEach((az, x) => {
    if (leader && view.log && sampledInbound[x] === 0 && inbound[x] > 0) add('append', view.log.leader, `log-${az}`, appendOrigin(leader), copyAnchor(az), inbound[x]);
  });
  const flows = [...groups.values()].map((f) => ({ ...f, count: Math.round(f.count) })).filter((f) => f.count > 0);
  return { dots: [], flows };
}
