// A read is stale when the client could have known better: a newer write to the same key had already
// been acknowledged to someone before the read was even sent. Writes still in flight do not count, so
// ordinary concurrency is never blamed.
import type { HistoryEvent, StaleRead } from '../sim/types';
import { byInvokeTime, collectOps } from './ops';
import { usToMs } from './units';
import { firstAtLeast } from '../sim/search';

export interface StaleReadReport {
  count: number;
  fromReplica: number;
  fromPrimary: number;
  /** The first stale reads in invocation order, at most `maxSamples`. */
  samples: StaleRead[];
}

export interface AckedWrites {
  /** Acknowledgement times, ascending. */
  ackUs: number[];
  /** Highest seq among the writes acknowledged up to and including each index. */
  maxSeq: number[];
}

function ackedWritesByKey(history: readonly HistoryEvent[]): Map<string, AckedWrites> {
  const raw = new Map<string, { t: number; seq: number }[]>();
  for (const op of collectOps(history)) {
    const out = op.outcome;
    if (op.invoke.cmd === 'GET' || out?.type !== 'ok' || out.seq === undefined) continue;
    let list = raw.get(op.invoke.key);
    if (!list) raw.set(op.invoke.key, (list = []));
    list.push({ t: out.t, seq: out.seq });
  }
  const result = new Map<string, AckedWrites>();
  for (const [key, list] of raw) {
    list.sort((a, b) => a.t - b.t);
    const maxSeq: number[] = [];
    let m = -Infinity;
    for (const w of list) maxSeq.push((m = Math.max(m, w.seq)));
    result.set(key, { ackUs: list.map((w) => w.t), maxSeq });
  }
  return result;
}

/** Highest seq acknowledged strictly before `t`, or -Infinity. */
export function newestAckedBefore(w: AckedWrites, t: number): number {
  const n = firstAtLeast(w.ackUs, t);
  return n === 0 ? -Infinity : w.maxSeq[n - 1];
}

export function staleReads(history: readonly HistoryEvent[], maxSamples = 200): StaleReadReport {
  const writes = ackedWritesByKey(history);
  const report: StaleReadReport = { count: 0, fromReplica: 0, fromPrimary: 0, samples: [] };
  const reads = collectOps(history)
    .filter((op) => op.invoke.cmd === 'GET' && op.outcome?.type === 'ok')
    .sort(byInvokeTime);
  for (const op of reads) {
    const ok = op.outcome;
    if (ok?.type !== 'ok') continue;
    const acked = writes.get(op.invoke.key);
    if (!acked) continue;
    const seen = ok.writeSeq ?? -Infinity;
    if (newestAckedBefore(acked, op.invoke.t) <= seen) continue;
    report.count++;
    if (ok.fromReplica) report.fromReplica++;
    else report.fromPrimary++;
    if (report.samples.length < maxSamples) {
      report.samples.push({ op: op.id, key: op.invoke.key, atMs: usToMs(op.invoke.t), node: ok.node, lagMs: ok.lagMs ?? 0 });
    }
  }
  return report;
}
