// Which acknowledged writes the model itself says are lost, each with its cause in plain words.
// Cache-style: a write survives if it lies in the lineage of the authoritative copy (the serving primary),
// or, when no primary serves at the end of the run, in the lineage of any copy that still exists (memory,
// AOF, RDB or a backup). Log-durable: a write survives if its log entry is committed.
import { divergence } from './lineage';
import { committedAt } from './durable';
import { AZS, type LostWrite } from './types';
import type { Simulation } from './engine';

const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

export function lostWrites(sim: Simulation): LostWrite[] {
  return sim.durable ? lostDurable(sim) : lostCache(sim);
}

function lostDurable(sim: Simulation): LostWrite[] {
  const w = sim.w;
  const { op, t, node, offset, length } = w.acks;
  const out: LostWrite[] = [];
  const committed = committedAt(w.log, w.now);
  const rows = w.log.rows;
  for (let k = 0; k < length; k++) {
    const i = offset[k] - 1;
    const inLog = i >= 0 && i < rows.length;
    if (inLog && i < committed && rows.opId[i] === op[k]) continue;
    const id = sim.nodeId(node[k]);
    out.push({ id: op[k], key: inLog && rows.write[i] >= 0 ? sim.keyName(w.writes.k[rows.write[i]]) : '?', ackedAtMs: t[k] / 1000, node: id, reason: `acknowledged at ${fmtS(t[k])} by ${id} but not in the committed log` });
  }
  return out;
}

function lostCache(sim: Simulation): LostWrite[] {
  const w = sim.w;
  // Each acknowledgement names its write, and each write where it sits in the stream tree (writes.ts).
  const { stream: writeStream, pos: writePos } = w.writes;
  const copies = survivingCopies(sim);
  const primary = w.nodes[w.primary];
  const authoritative = copies.length > 0 ? copies[0] : null;
  // Per stream, how many of its lineage entries the best surviving copy contains: a write is kept when
  // some copy holds it, that is when the most any copy holds of its stream reaches past it.
  const kept = new Float64Array(w.streams.length);
  for (const [s, n] of copies) {
    let limit = n;
    for (let cur = s; cur >= 0; cur = w.streams[cur].parent) {
      if (limit > kept[cur]) kept[cur] = limit;
      limit = Math.min(limit, w.streams[cur].base);
    }
  }
  const { op, t, node, write, length } = w.acks;
  const out: LostWrite[] = [];
  for (let k = nextLost(write, writeStream, writePos, kept, 0, length); k < length; k = nextLost(write, writeStream, writePos, kept, k + 1, length)) {
    const e = write[k];
    const ps = writeStream[e];
    const pi = writePos[e];
    const id = op[k];
    const n = w.nodes[node[k]];
    const by = `acknowledged at ${fmtS(t[k])} by ${n.id} (AZ ${AZS[n.az]})`;
    let reason: string;
    if (!authoritative) {
      reason = `${by}; no copy of it survives: every node lost its memory and nothing on disk or in a backup holds it`;
    } else {
      const d = divergence(w.streams, authoritative[0], ps, pi);
      if (d === null) reason = `${by}; ${primary.id} serves without it`;
      else if (d.branch) reason = `${by} on a branch of history that was later thrown away; ${d.why}`;
      else reason = `${by}; ${d.why}`;
    }
    out.push({ id, key: sim.keyName(w.writes.k[e]), ackedAtMs: t[k] / 1000, node: n.id, reason });
  }
  out.sort((a, b) => a.ackedAtMs - b.ackedAtMs || a.id - b.id);
  return out;
}

/**
 * The first acknowledgement from `from` on whose write no surviving copy holds, or `length`. A loop of its
 * own, small enough for the optimising compiler to take up at once: the count runs once per run (and per
 * summary in the app) over every acknowledgement, and inside the bigger function it ran unoptimised.
 */
function nextLost(write: Int32Array, writeStream: Int32Array, writePos: Int32Array, kept: Float64Array, from: number, length: number): number {
  for (let k = from; k < length; k++) {
    const e = write[k];
    if (e >= 0 && !(kept[writeStream[e]] > writePos[e])) return k;
  }
  return length;
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
