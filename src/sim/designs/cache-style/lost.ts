// Which acknowledged writes the cache-style design has lost: a write survives if it lies in the lineage
// of the authoritative copy (the serving primary), or, when no primary serves, in the lineage of any copy
// that still exists (memory, with what is already on its way to it, AOF, RDB or a backup).
import { divergence, NO_DESCENDANT, offsetAt } from './lineage';
import { deliveriesArriving } from './replication';
import { nodeAt, nodesOf } from './node';
import { Found, fmtS, listOf } from '../../lost';
import type { LostWrites } from '../../lost-writes';
import type { Stream } from '../../world';
import type { Simulation } from '../../engine';

// Reason codes of the cache-style design: the case in the low bits, the stream whose fork explains it above.
const NONE_SURVIVES = 0;
const SERVES_WITHOUT = 1;
const CUT = 2;
const BRANCH = 3;
const BEYOND_COPIES = 4;
const CASES = 5;

/** A place that holds a prefix of a lineage at the end (or at the instant asked about). */
export interface Copy {
  stream: number;
  /** Lineage entries it holds. */
  n: number;
  /** Where, in words: "b1's memory", "a1's AOF on disk", "the backup of 12.000 s". */
  what: string;
}

export function lostCache(sim: Simulation): LostWrites {
  const w = sim.w;
  // Each acknowledgement names its write, and each write where it sits in the stream tree (writes.ts).
  const { stream: writeStream, pos: writePos } = w.writes;
  const copies = survivingCopies(sim);
  const primary = nodeAt(sim, w.primary);
  const serving = servingPrimary(sim);
  const kept = keptPerStream(w.streams, copies);
  const furthest = furthestCopy(w.streams, copies);
  const { write, length } = w.acks;
  const found = new Found();
  for (let k = nextLost(write, writeStream, writePos, kept, 0, length); k < length; k = nextLost(write, writeStream, writePos, kept, k + 1, length)) {
    const e = write[k];
    let code = NONE_SURVIVES;
    if (copies.length > 0) {
      const d = divergence(w.streams, copies[0].stream, writeStream[e], writePos[e]);
      if (d === null) code = serving ? SERVES_WITHOUT : BEYOND_COPIES + CASES * (furthest.get(writeStream[e]) ?? 0);
      else code = (d.branch ? BRANCH : CUT) + CASES * (d.stream + 2);
    }
    found.add(k, code);
  }
  // Stream explanations never change once written; names and offsets are taken now.
  const whys = w.streams.map((st) => st.why);
  const servingId = primary.id;
  const copyWords = copies.map((c) => `${c.what}, ends at offset ${formatOffset(offsetAt(w.streams, w.writes, c.stream, c.n))}`);
  const why = (code: number): string => {
    const c = code % CASES;
    const arg = Math.floor(code / CASES);
    if (c === NONE_SURVIVES) return '; no copy of it survives: every node lost its memory and nothing on disk or in a backup holds it';
    if (c === SERVES_WITHOUT) return `; ${servingId} serves without it`;
    if (c === BEYOND_COPIES) return `; no copy that survives has it: the furthest, ${copyWords[arg]}`;
    const s = arg - 2;
    const text = s === NO_DESCENDANT ? 'it was on a branch of history that no surviving copy descends from' : whys[s];
    return c === BRANCH ? ` on a branch of history that was later thrown away; ${text}` : `; ${text}`;
  };
  return listOf(sim, found, why, true);
}

const formatOffset = (n: number) => Math.round(n).toLocaleString('en-US');

/** The primary the control plane names, when it is up and serving: its copy alone is the truth then. */
function servingPrimary(sim: Simulation): boolean {
  const p = nodeAt(sim, sim.w.primary);
  return p.role === 'primary' && p.slot.value === 'serving' && p.stream >= 0;
}

/**
 * Per stream, how many of its lineage entries the best of the copies contains: a write is kept when some
 * copy holds it, that is when the most any copy holds of its stream reaches past it.
 */
export function keptPerStream(streams: readonly Stream[], copies: readonly Copy[]): Float64Array {
  const kept = new Float64Array(streams.length);
  for (const { stream, n } of copies) {
    let limit = n;
    for (let cur = stream; cur >= 0; cur = streams[cur].parent) {
      if (limit > kept[cur]) kept[cur] = limit;
      limit = Math.min(limit, streams[cur].base);
    }
  }
  return kept;
}

/** Per stream, the copy (index into copies) that holds the most of it. */
function furthestCopy(streams: readonly Stream[], copies: readonly Copy[]): Map<number, number> {
  const best = new Map<number, number>();
  const most = new Map<number, number>();
  copies.forEach(({ stream, n }, i) => {
    let limit = n;
    for (let cur = stream; cur >= 0; cur = streams[cur].parent) {
      if (limit > (most.get(cur) ?? -1)) {
        most.set(cur, limit);
        best.set(cur, i);
      }
      limit = Math.min(limit, streams[cur].base);
    }
  });
  return best;
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
 * Lineage positions that hold data now: the serving primary alone when there is one; otherwise every
 * node's memory (with what is already on its way to it and will arrive), disk and the backups (the best
 * any recovery could do). A write on the wire to a replica is not lost while that replica will apply it.
 */
export function survivingCopies(sim: Simulation): Copy[] {
  const w = sim.w;
  const p = nodeAt(sim, w.primary);
  if (servingPrimary(sim)) return [{ stream: p.stream, n: p.applied, what: `${p.id}'s memory` }];
  const out: Copy[] = [];
  for (const n of nodesOf(sim)) {
    const st = n.slot.value;
    if ((st === 'serving' || st === 'syncing') && n.stream >= 0) out.push({ stream: n.stream, n: n.applied + deliveriesArriving(sim, n), what: `${n.id}'s memory` });
    if (!n.diskLost && n.stream >= 0) {
      if (sim.p.cache.aof.enabled) out.push({ stream: n.stream, n: n.pageCacheLost ? n.aofFsynced : n.aofWritten, what: `${n.id}'s AOF` });
      if (n.rdb) out.push({ stream: n.rdb.stream, n: n.rdb.applied, what: `${n.id}'s RDB file` });
    }
  }
  for (const b of w.backups) out.push({ stream: b.stream, n: b.applied, what: `the backup of ${fmtS(b.t)}` });
  return out;
}

/**
 * What replicas hold in memory, without the serving primary and without what is still on its way: a write
 * outside these exists only where the next failure or failover can erase it (the primary's memory, its
 * disk, the wire), which is what "at risk" means.
 */
export function replicaCopies(sim: Simulation): Copy[] {
  const w = sim.w;
  const out: Copy[] = [];
  for (const n of nodesOf(sim)) {
    if (n.idx === w.primary && servingPrimary(sim)) continue;
    if (n.role !== 'replica') continue;
    const st = n.slot.value;
    if ((st === 'serving' || st === 'syncing') && n.stream >= 0) out.push({ stream: n.stream, n: n.applied, what: `${n.id}'s memory` });
  }
  return out;
}
