// What a picture of one run needs at the current simulated instant, derived from the world and never
// changing it: node roles and states, offsets and lag, the log's copies and commit point, clients, and the
// messages in flight with their send and arrival times (so an animation can place them at any t).
import { reachesRegion } from './network';
import { AZS, type AZ, type Family } from './types';
import { KIND, ReplyArrive, RequestArrive } from './events';
import type { Simulation } from './engine';
import { fatesView, type FatesView } from './fates';
import { queueUs } from './cpu';

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
  /** How long a request arriving now would wait for the node's CPU (cpu.ts), ms: the queue past its ceiling. */
  queueMs: number;
}

export interface LogCopyView {
  az: AZ;
  reachable: boolean;
}

/** One log entry on its way to the AZ copies (or the slowest copy, after the quorum committed it). */
export interface LogAppendView {
  /** Position in the log. */
  index: number;
  /** A client's write, a lease renewal or a leadership claim. */
  kind: 'write' | 'lease' | 'claim';
  /** Operation id of a write, else 0. */
  opId: number;
  /** The node that appended it. */
  from: string;
  sentUs: number;
  /** When the quorum-th copy had it. */
  commitUs: number;
  /** Per AZ copy, in AZS order: when its acknowledgement reached the appender (µs), or null if it was unreachable. */
  copyUs: Array<number | null>;
}

export interface LogView {
  /** When the primary replies to a write: after the commit (sync) or once it has executed it (async). */
  durability: 'sync' | 'async';
  /**
   * The leader's durability buffer: writes it executed that the log has not committed (waiting for a
   * quorum or for the log's intake, or on their way), the age of the oldest, and the age past which it
   * refuses writes.
   */
  buffer: { writes: number; oldestMs: number; limitMs: number };
  copies: LogCopyView[];
  length: number;
  committed: number;
  leaderTerm: number;
  leader: string;
  /** Copies needed to commit. */
  quorum: number;
  /** Entries in motion at t (sent, and not yet acknowledged by every reachable copy): the oldest few. */
  appends: LogAppendView[];
  /** How many entries are in motion, and how many of them each AZ copy has yet to acknowledge. */
  appending: number;
  inbound: number[];
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
  /** What became of the acknowledged writes at this instant: lost, at risk, and the strip of recent ones. */
  fates: FatesView;
  /** Total in flight of each kind, so a dense picture can draw counts instead of shapes. */
  inFlight: { requests: number; replies: number; replication: number };
  events: number;
}

const MAX_MESSAGES = 200;

export function viewOf(sim: Simulation, label = sim.spec.label): PaneView {
  const w = sim.w;
  const design = sim.design;
  const nodes: NodeView[] = w.nodes.map((n) => {
    const { offset, lagUs } = design.nodePosition(sim, n);
    return {
      id: n.id,
      az: AZS[n.az],
      role: design.isPrimary(n) ? 'primary' : 'replica',
      state: n.slot.value,
      reachable: reachesRegion(w, n.az),
      offset,
      lagMs: lagUs / 1000,
      term: n.term,
      endpoint: w.endpoint === n.idx,
      refusing: n.writesRefused,
      keys: n.data.size,
      queueMs: queueUs(n, w.now) / 1000,
    };
  });
  const messages: MessageView[] = [];
  const inFlight = { requests: 0, replies: 0, replication: 0 };
  for (const e of sim.pendingEvents()) {
    if (e.kind === KIND.REQ_ARRIVE) {
      inFlight.requests++;
      const op = RequestArrive.op(e);
      if (messages.length < MAX_MESSAGES)
        messages.push({ kind: 'request', id: op.id, write: op.cmd !== 2, from: `client-${AZS[w.clients[op.client].az]}`, to: sim.nodeId(RequestArrive.node(e)), sentUs: op.stage === 1 ? e.t : op.moved > 0 ? op.movedT : op.invokeT, arriveUs: e.t, error: false });
    } else if (e.kind === KIND.REPLY_ARRIVE) {
      inFlight.replies++;
      const op = ReplyArrive.op(e);
      if (messages.length < MAX_MESSAGES)
        messages.push({ kind: 'reply', id: op.id, write: op.cmd !== 2, from: sim.nodeId(ReplyArrive.node(e)), to: `client-${AZS[w.clients[op.client].az]}`, sentUs: ReplyArrive.leaveT(e), arriveUs: e.t, error: ReplyArrive.error(e) >= 0 });
    } else if (design.isReplication(e)) {
      inFlight.replication++;
      if (messages.length < MAX_MESSAGES) {
        const m = design.replicationMessage(sim, e);
        if (m) messages.push(m);
      }
    }
  }
  messages.sort((a, b) => a.sentUs - b.sentUs || a.id - b.id);
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
    log: design.logView(sim),
    backups: w.backups.length,
    clients: w.clients.map((c) => ({
      az: AZS[c.az],
      alive: !w.azDown[c.az],
      target: c.target >= 0 ? sim.nodeId(c.target) : null,
      pending: c.pending.length - c.head,
    })),
    messages,
    fates: fatesView(sim),
    inFlight,
    events: w.events,
  };
}
