// Which acknowledged writes the model itself says are lost, each with its cause in plain words. Each
// design decides which (designs/<design>/lost.ts); this builds the list they return.
// The list is columns (lost-writes.ts): each entry's words are made when it is read, from values taken
// now, so a list made at one instant keeps saying what was true then while the simulation moves on.
import { LostWrites } from './lost-writes';
import { AZS } from './types';
import { workloadKeyName } from './history';
import type { Simulation } from './engine';

export function lostWrites(sim: Simulation): LostWrites {
  return sim.design.lostWrites(sim);
}

export const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

/** Growable columns of the entries found, trimmed to their length at the end. */
export class Found {
  n = 0;
  ack = new Int32Array(64);
  code = new Int32Array(64);

  add(ack: number, code: number): void {
    if (this.n === this.ack.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.ack);
      this.ack = a;
      const c = new Int32Array(this.n * 2);
      c.set(this.code);
      this.code = c;
    }
    this.ack[this.n] = ack;
    this.code[this.n++] = code;
  }
}

/**
 * The list from the acknowledgements found lost (indexes into w.acks, in acknowledgement order) and a
 * code per entry that `why` turns into the end of its reason.
 */
export function listOf(sim: Simulation, found: Found, why: (code: number) => string, withAz: boolean): LostWrites {
  const w = sim.w;
  const h = w.historyLog;
  const n = found.n;
  const ids = new Int32Array(n);
  const ackedUs = new Float64Array(n);
  const node = new Int8Array(n);
  const key = new Int32Array(n);
  const code = found.code.slice(0, n);
  for (let j = 0; j < n; j++) {
    const row = w.acks.row[found.ack[j]];
    const write = w.acks.write[found.ack[j]];
    ids[j] = h.op[row];
    ackedUs[j] = h.t[row];
    node[j] = h.node[row];
    key[j] = write >= 0 ? w.writes.k[write] : -1;
  }
  // Acknowledgements come in time order; writes acknowledged in the same microsecond go by id.
  const order = sameTimeById(ids, ackedUs);
  if (order) {
    for (const col of [ids, ackedUs, node, key, code] as const) {
      const copy = col.slice();
      for (let j = 0; j < n; j++) col[j] = copy[order[j]];
    }
  }
  const names = w.nodes.map((nd) => (withAz ? `${nd.id} (AZ ${AZS[nd.az]})` : nd.id));
  const ndIds = w.nodes.map((nd) => nd.id);
  // Only small values are captured: the list may outlive the simulation (the command line keeps the
  // summaries of every preset, not their runs).
  const counterKeys = sim.w.historyLog.counterKeys;
  const keyIndex = sim.w.historyLog.keyIndex;
  return LostWrites.fromColumns(ids, ackedUs, (i) => ({
    id: ids[i],
    key: key[i] >= 0 ? workloadKeyName(keyIndex === null ? key[i] : keyIndex[key[i]], counterKeys) : '?',
    ackedAtMs: ackedUs[i] / 1000,
    node: ndIds[node[i]],
    reason: `acknowledged at ${fmtS(ackedUs[i])} by ${names[node[i]]}${why(code[i])}`,
  }));
}

/** The order that sorts entries with equal times by id, or null when they already are. */
function sameTimeById(ids: Int32Array, t: Float64Array): Int32Array | null {
  let sorted = true;
  for (let j = 1; j < ids.length && sorted; j++) if (t[j] === t[j - 1] && ids[j] < ids[j - 1]) sorted = false;
  if (sorted) return null;
  const order = Int32Array.from({ length: ids.length }, (_, j) => j);
  return order.sort((a, b) => t[a] - t[b] || ids[a] - ids[b]);
}

