// Which acknowledged writes the model itself says are lost, each with its cause in plain words.
// Cache-style: a write survives if it lies in the lineage of the authoritative copy (the serving primary),
// or, when no primary serves at the end of the run, in the lineage of any copy that still exists (memory,
// AOF, RDB or a backup). Log-durable: a write survives if its log entry is committed.
import { divergence } from './lineage';
import { committedAt } from './durable';
import { AZS, type LostWrite, type OkEvent } from './types';
import type { World } from './world';
import type { Simulation } from './engine';

const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

export function lostWrites(sim: Simulation): LostWrite[] {
  const w = sim.w;
  // Operation ids are dense, so arrays indexed by id beat maps here (this runs over every event).
  const keys: string[] = [];
  const acked: OkEvent[] = [];
  for (const ev of w.history) {
    if (ev.type === 'invoke') {
      if (ev.cmd !== 'GET') keys[ev.op] = ev.key;
    } else if (ev.type === 'ok' && keys[ev.op] !== undefined) acked.push(ev);
  }
  return sim.durable ? lostDurable(w, acked, keys) : lostCache(sim, acked, keys);
}

function lostDurable(w: World, acked: OkEvent[], keys: string[]): LostWrite[] {
  const out: LostWrite[] = [];
  const committed = committedAt(w.log, w.now);
  for (const ok of acked) {
    const i = (ok.offset ?? 0) - 1;
    const le = w.log.entries[i];
    if (i >= 0 && i < committed && le?.opId === ok.op) continue;
    out.push({ id: ok.op, key: keys[ok.op], ackedAtMs: ok.t / 1000, node: ok.node, reason: `acknowledged at ${fmtS(ok.t)} by ${ok.node} but not in the committed log` });
  }
  return out;
}

function lostCache(sim: Simulation, acked: OkEvent[], keys: string[]): LostWrite[] {
  const w = sim.w;
  // Where each write sits in the stream tree: write id → stream, lineage index.
  const posStream = new Int32Array(w.nextOp).fill(-1);
  const posIndex = new Int32Array(w.nextOp);
  for (const st of w.streams) {
    for (let k = 0; k < st.entries.length; k++) {
      posStream[st.entries[k].w] = st.id;
      posIndex[st.entries[k].w] = st.base + k;
    }
  }
  const copies = survivingCopies(sim);
  const primary = w.nodes[w.primary];
  const authoritative = copies.length > 0 ? copies[0] : null;
  // For each surviving copy: per stream, how many of that stream's lineage entries it contains.
  const limits = copies.map(([s, n]) => {
    const m = new Float64Array(w.streams.length);
    let limit = n;
    for (let cur = s; cur >= 0; cur = w.streams[cur].parent) {
      m[cur] = Math.max(m[cur], limit);
      limit = Math.min(limit, w.streams[cur].base);
    }
    return m;
  });
  const out: LostWrite[] = [];
  for (const ok of acked) {
    const id = ok.op;
    const ps = posStream[id];
    if (ps < 0) continue;
    const pi = posIndex[id];
    let kept = false;
    for (const lim of limits) if (lim[ps] > pi) kept = true;
    if (kept) continue;
    const node = w.nodes.find((x) => x.id === ok.node);
    const by = `acknowledged at ${fmtS(ok.t)} by ${ok.node}${node ? ` (AZ ${AZS[node.az]})` : ''}`;
    let reason: string;
    if (!authoritative) {
      reason = `${by}; no copy of it survives: every node lost its memory and nothing on disk or in a backup holds it`;
    } else {
      const d = divergence(w.streams, authoritative[0], ps, pi);
      if (d === null) reason = `${by}; ${primary.id} serves without it`;
      else if (d.branch) reason = `${by} on a branch of history that was later thrown away; ${d.why}`;
      else reason = `${by}; ${d.why}`;
    }
    out.push({ id, key: keys[id], ackedAtMs: ok.t / 1000, node: ok.node, reason });
  }
  out.sort((a, b) => a.ackedAtMs - b.ackedAtMs || a.id - b.id);
  return out;
}

/**
 * Lineage positions that hold data at the end: the serving primary alone when there is one; otherwise
 * every node's memory, disk and the backups (the best any recovery could do).
 */
function survivingCopies(sim: Simulation): Array<[number, number]> {
  const w = sim.w;
  const p = w.nodes[w.primary];
  if (p.role === 'primary' && p.slot.value === 'serving' && p.stream >= 0) return [[p.stream, p.applied]];
  const out: Array<[number, number]> = [];
  for (const n of w.nodes) {
    const st = n.slot.value;
    if ((st === 'serving' || st === 'syncing') && n.stream >= 0) out.push([n.stream, n.applied]);
    if (!n.diskLost && n.stream >= 0) {
      if (sim.p.cache.aof.enabled) out.push([n.stream, n.pageCacheLost ? n.aofFsynced : n.aofWritten]);
      if (n.rdb) out.push([n.rdb.stream, n.rdb.applied]);
    }
  }
  for (const b of w.backups) out.push([b.stream, b.applied]);
  return out;
}
