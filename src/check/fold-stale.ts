// A read is stale when the client could have known better: a newer write to the same key had already
// been acknowledged to someone before the read was even sent. Writes still in flight do not count, so
// ordinary concurrency is never blamed.
//
// Acknowledged writes are kept in one table, each entry linked to the previous one of its key, with the
// highest seq acknowledged on that key so far. A read walks back from its key's newest entry past those
// acknowledged after it was sent: a few entries, as a read waits a few milliseconds (at most its
// timeout). Four numbers an acknowledgement, whatever the number of keys: per-key arrays cost an object
// each, and a million keys made that hundreds of megabytes.
import type { StaleRead } from '../sim/types';
import { OK_FROM_REPLICA, OK_READ, type HistoryLog } from '../sim/history';
import { IntList, TimeList } from './int-list';
import { usToMs } from './units';

/** Stale reads listed with details, in the order their replies arrived. */
export const STALE_SAMPLES = 200;

const NO_ENTRY = -1;

export interface SavedStale {
  acks: number;
  count: number;
  fromReplica: number;
  samples: number;
}

/** Per key id (engine keys ≥ 0, named keys < 0), the newest entry: two growable tables. */
class Heads {
  private pos: Int32Array = new Int32Array(0);
  private neg: Int32Array = new Int32Array(0);

  get(key: number): number {
    if (key >= 0) return key < this.pos.length ? this.pos[key] : NO_ENTRY;
    const i = -1 - key;
    return i < this.neg.length ? this.neg[i] : NO_ENTRY;
  }

  set(key: number, entry: number): void {
    if (key >= 0) {
      if (key >= this.pos.length) this.pos = grownFilled(this.pos, key);
      this.pos[key] = entry;
    } else {
      const i = -1 - key;
      if (i >= this.neg.length) this.neg = grownFilled(this.neg, i);
      this.neg[i] = entry;
    }
  }
}

function grownFilled(a: Int32Array, index: number): Int32Array {
  const next = new Int32Array(Math.max(index + 1, a.length * 2, 64)).fill(NO_ENTRY);
  next.set(a);
  return next;
}

export class StaleFold {
  count = 0;
  fromReplica = 0;
  private ackT = new TimeList();
  private maxSeq = new IntList();
  private prev = new IntList();
  private key = new IntList();
  private heads = new Heads();
  /** Rows of the listed stale reads' replies. */
  private sampleRows = new IntList(16);

  reset(): void {
    this.count = 0;
    this.fromReplica = 0;
    this.ackT = new TimeList();
    this.maxSeq = new IntList();
    this.prev = new IntList();
    this.key = new IntList();
    this.heads = new Heads();
    this.sampleRows = new IntList(16);
  }

  /** Row i acknowledged write `op`. */
  ack(h: HistoryLog, i: number, op: number): void {
    const key = h.key[op];
    const before = this.heads.get(key);
    const seq = h.y[op];
    this.ackT.push(h.t[i]);
    this.maxSeq.push(before === NO_ENTRY ? seq : Math.max(seq, this.maxSeq.items[before]));
    this.prev.push(before);
    this.key.push(key);
    this.heads.set(key, this.ackT.length - 1);
  }

  /** Row i answered read `op` successfully. */
  read(h: HistoryLog, i: number, op: number): void {
    const invT = h.t[h.invRow[op]];
    let e = this.heads.get(h.key[op]);
    const t = this.ackT.items;
    const prev = this.prev.items;
    while (e !== NO_ENTRY && t[e] >= invT) e = prev[e];
    if (e === NO_ENTRY) return;
    const flags = h.flagsOf(op);
    const seen = flags & OK_READ && h.y[op] >= 0 ? h.y[op] : -Infinity;
    if (this.maxSeq.items[e] <= seen) return;
    this.count++;
    if (flags & OK_FROM_REPLICA) this.fromReplica++;
    if (this.sampleRows.length < STALE_SAMPLES) this.sampleRows.push(i);
  }

  save(): SavedStale {
    return { acks: this.ackT.length, count: this.count, fromReplica: this.fromReplica, samples: this.sampleRows.length };
  }

  restore(s: SavedStale): void {
    // Unlink the entries made since, newest first, so every key's head is its newest kept entry again.
    for (let e = this.ackT.length - 1; e >= s.acks; e--) this.heads.set(this.key.items[e], this.prev.items[e]);
    this.ackT.truncate(s.acks);
    this.maxSeq.truncate(s.acks);
    this.prev.truncate(s.acks);
    this.key.truncate(s.acks);
    this.count = s.count;
    this.fromReplica = s.fromReplica;
    this.sampleRows.truncate(s.samples);
  }

  samples(h: HistoryLog): StaleRead[] {
    const out: StaleRead[] = [];
    for (let j = 0; j < this.sampleRows.length; j++) {
      const r = this.sampleRows.items[j];
      const op = h.op[r];
      out.push({ op, key: h.keyName(h.key[op]), atMs: usToMs(h.t[h.invRow[op]]), node: h.node[r] >= 0 ? h.nodeIds[h.node[r]] : '-', lagMs: h.z[op] / 1000 });
    }
    return out;
  }
}
