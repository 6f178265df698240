// Replication history as a tree of streams (cache-style). A position (stream, n) means "the first n
// entries of that stream's lineage": its parent's first `base` entries, then its own. Every node's data,
// AOF, RDB and backup is such a position, which is what lets the model say exactly which acknowledged
// writes a failover or a restart kept and which it dropped, and why.
import { emptyDataset, setKey, type Dataset } from '../../dataset';
import type { Stream } from '../../world';
import type { WriteLog } from '../../writes';

/** The write index (writes.ts) of lineage entry i of stream s. */
export function entryAt(streams: Stream[], s: number, i: number): number {
  let st = streams[s];
  while (i < st.base) st = streams[st.parent];
  return st.entries[i - st.base];
}

/** End offset after the first n entries of a lineage. */
export function offsetAt(streams: Stream[], writes: WriteLog, s: number, n: number): number {
  if (s < 0 || n === 0) return 0;
  return writes.off[entryAt(streams, s, n - 1)];
}

/** The dataset that the first n entries of a lineage produce. */
export function replay(streams: Stream[], writes: WriteLog, s: number, n: number, keys: number): Dataset {
  const data = emptyDataset(keys);
  if (s < 0 || n === 0) return data;
  const parts: Array<[Stream, number, number]> = [];
  let upTo = n;
  for (let cur = s; cur >= 0 && upTo > 0; cur = streams[cur].parent) {
    const st = streams[cur];
    if (upTo > st.base) parts.push([st, st.base, upTo]);
    upTo = Math.min(upTo, st.base);
  }
  for (let r = parts.length - 1; r >= 0; r--) {
    const [st, from, to] = parts[r];
    for (let i = from; i < to; i++) {
      const e = st.entries[i - st.base];
      setKey(data, writes.k[e], e);
    }
  }
  return data;
}

/** Streams from the root down to s, each with how many lineage entries the next one keeps. */
export function ancestry(streams: Stream[], s: number): number[] {
  const chain: number[] = [];
  for (let cur = s; cur >= 0; cur = streams[cur].parent) chain.push(cur);
  return chain.reverse();
}

/** Is the write at (ws, wi) inside the first n entries of stream s's lineage? */
export function contains(streams: Stream[], s: number, n: number, ws: number, wi: number): boolean {
  if (s < 0) return false;
  let limit = n;
  for (let cur = s; cur >= 0; cur = streams[cur].parent) {
    if (cur === ws) return wi < limit;
    limit = Math.min(limit, streams[cur].base);
  }
  return false;
}

/** No fork explains the loss: the write is on a branch the surviving history does not descend from. */
export const NO_DESCENDANT = -2;

/**
 * Why a write at (ws, wi) is not in position (s, n): the fork on the surviving lineage that left it behind.
 * Returns that stream (its `why` explains the fork) and whether the write was on a branch of its own;
 * stream NO_DESCENDANT when no fork on the surviving lineage explains it, and null when the write simply
 * lies beyond n on the same stream.
 */
export function divergence(streams: Stream[], s: number, ws: number, wi: number): { stream: number; branch: boolean } | null {
  const chain = ancestry(streams, s);
  const onChain = chain.indexOf(ws);
  if (onChain >= 0) {
    // Same line of history: the first fork after it that started below the write's index cut it off.
    for (let j = onChain + 1; j < chain.length; j++) {
      if (streams[chain[j]].base <= wi) return { stream: chain[j], branch: false };
    }
    return null;
  }
  // The write is on a branch that the surviving history does not descend from.
  const wchain = ancestry(streams, ws);
  let lca = -1;
  for (const x of wchain) if (chain.includes(x)) lca = x;
  const j = chain.indexOf(lca);
  if (j >= 0 && j + 1 < chain.length) return { stream: chain[j + 1], branch: true };
  return { stream: NO_DESCENDANT, branch: true };
}
