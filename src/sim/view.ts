// What a picture of one run needs at the current simulated instant, derived from the world and never
// changing it: node roles and states, offsets and lag, the log's copies and commit point, clients, and the
// messages in flight with their send and arrival times (so an animation can place them at any t).
import { canTalk, reachesRegion } from './network';
import { replicaLagUs as cacheLag } from './cache';
import { committedAt, visibleApplied } from './durable';
import { AZS, type AZ, type Family } from './types';
import { K, type Op } from './world';
import type { Simulation } from './engine';

export interface NodeView {
  id: string;
  az: AZ;
  role: 'primary' | 'replica';
  /** Lifecycle state: serving, down, rebooting, off, replacing, loading, syncing (cache); restoring, lagging, caughtUp, campaigning, primary, leaseExpired, down, rebooting, off (durable). */
  state: string;
  /** Can the regional control plane and the majority reach it? */
  reachable: boolean;
  /** Replication offset in bytes (cache) or log entries applied (durable). */
  offset: number;
  lagMs: number;
  term: number;
  endpoint: boolean;
  /** Why this primary refuses writes, or ''. */
  refusing: string;
  keys: number;
}

export interface LogCopyView {
  az: AZ;
  reachable: boolean;
}

export interface LogView {
  copies: LogCopyView[];
  length: number;
  committed: number;
  leaderTerm: number;
  leader: string;
}

export interface MessageView {
  kind: 'request' | 'reply' | 'replication';
  /** Operation id (requests, replies) or write id (replication). */
  id: number;
  write: boolean;
  from: string; // node id, or "client-a"
  to: string;
  sentUs: number;
  arriveUs: number;
  error: boolean;
}

export interface ClientView {
  az: AZ;
  alive: boolean;
  target: string | null;
  pending: number;
}

export interface PaneView {
  tUs: number;
  endUs: number;
  family: Family;
  label: string;
  azs: Array<{ az: AZ; down: boolean; isolated: boolean }>;
  powerOff: boolean;
  nodes: NodeView[];
  primary: string;
  endpoint: string | null;
  log: LogView | null;
  backups: number;
  clients: ClientView[];
  messages: MessageView[];
  /** Total in flight of each kind, so a dense picture can draw counts instead of shapes. */
  inFlight: { requests: number; replies: number; replication: number };
  events: number;
}

const MAX_MESSAGES = 200;

export function viewOf(sim: Simulation, label = sim.spec.label): PaneView {
  const w = sim.w;
  const committed = sim.durable ? committedAt(w.log, w.now) : 0;
  const nodes: NodeView[] = w.nodes.map((n) => {
    let offset = n.offset;
    let lagUs = n.role === 'primary' ? 0 : cacheLag(sim, n);
    if (sim.durable) {
      offset = n.role === 'primary' ? committed : visibleApplied(sim, n);
      lagUs = n.role === 'primary' || offset >= committed ? 0 : Math.max(0, w.now - w.log.commitT[offset]);
    }
    return {
      id: n.id,
      az: AZS[n.az],
      role: n.role,
      state: n.slot.value,
      reachable: reachesRegion(w, n.az),
      offset,
      lagMs: lagUs / 1000,
      term: n.term,
      endpoint: w.endpoint === n.idx,
      refusing: n.writesRefused,
      keys: n.data.size,
    };
  });
  const messages: MessageView[] = [];
  const inFlight = { requests: 0, replies: 0, replication: 0 };
  for (const e of w.heap.items) {
    if (e.kind === K.REQ_ARRIVE) {
      inFlight.requests++;
      const op = e.ref as Op;
      if (messages.length < MAX_MESSAGES)
        messages.push({ kind: 'request', id: op.id, write: op.cmd !== 2, from: `client-${AZS[w.clients[op.client].az]}`, to: sim.nodeId(e.a), sentUs: op.stage === 1 ? e.t : op.invokeT, arriveUs: e.t, error: false });
    } else if (e.kind === K.REPLY_ARRIVE) {
      inFlight.replies++;
      const op = e.ref as Op;
      if (messages.length < MAX_MESSAGES)
        messages.push({ kind: 'reply', id: op.id, write: op.cmd !== 2, from: sim.nodeId(e.a), to: `client-${AZS[w.clients[op.client].az]}`, sentUs: e.d, arriveUs: e.t, error: e.b >= 0 });
    } else if (e.kind === K.REPL_DELIVER) {
      inFlight.replication++;
      const r = w.nodes[e.a];
      if (messages.length < MAX_MESSAGES && r.upstream >= 0)
        messages.push({ kind: 'replication', id: (e.ref as { w: number }).w, write: true, from: sim.nodeId(r.upstream), to: r.id, sentUs: e.c, arriveUs: e.t, error: false });
    }
  }
  messages.sort((a, b) => a.sentUs - b.sentUs || a.id - b.id);
  const leaderIdx = sim.durable ? w.log.leaderNode : w.primary;
  return {
    tUs: w.now,
    endUs: sim.endUs,
    family: sim.p.family,
    label,
    azs: AZS.map((az, i) => ({ az, down: w.azDown[i], isolated: w.azIsolated[i] })),
    powerOff: w.powerOff,
    nodes,
    primary: sim.nodeId(w.primary),
    endpoint: w.endpoint >= 0 ? sim.nodeId(w.endpoint) : null,
    log: sim.durable
      ? {
          copies: AZS.map((az, i) => ({ az, reachable: canTalk(w, w.nodes[leaderIdx].az, i) })),
          length: w.log.entries.length,
          committed,
          leaderTerm: w.log.leaderTerm,
          leader: sim.nodeId(leaderIdx),
        }
      : null,
    backups: w.backups.length,
    clients: w.clients.map((c) => ({
      az: AZS[c.az],
      alive: !w.azDown[c.az],
      target: c.target >= 0 ? sim.nodeId(c.target) : null,
      pending: c.pending.length - c.head,
    })),
    messages,
    inFlight,
    events: w.events,
  };
}
