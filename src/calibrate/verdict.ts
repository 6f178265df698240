// How a measurement and a prediction are compared. A tolerance is stated up front per case and printed
// next to the numbers, so a reader can see how generous each comparison is.

export type Tolerance =
  /** |measured − predicted| ≤ max(abs, rel × |predicted|). */
  | { kind: 'near'; abs: number; rel: number }
  /** measured ≤ predicted (the prediction is an upper bound), with `slack` allowed above it. */
  | { kind: 'at-most'; slack: number }
  /** Both must be equal (counts that should agree exactly, e.g. 0 lost). */
  | { kind: 'exact' }
  /** Compared as orderings: the rows of one ordering agree only if the model puts them in the measured order. */
  | { kind: 'same-order' };

export type Verdict = 'pass' | 'fail';

export function allowedGap(t: Extract<Tolerance, { kind: 'near' }>, predicted: number): number {
  return Math.max(t.abs, t.rel * Math.abs(predicted));
}

export function judge(measured: number, predicted: number, t: Tolerance): Verdict {
  switch (t.kind) {
    case 'near':
      return Math.abs(measured - predicted) <= allowedGap(t, predicted) ? 'pass' : 'fail';
    case 'at-most':
      return measured <= predicted + t.slack ? 'pass' : 'fail';
    case 'exact':
      return measured === predicted ? 'pass' : 'fail';
    case 'same-order':
      throw new Error('same-order rows are judged together with orderVerdict()');
  }
}

export function describeTolerance(t: Tolerance): string {
  switch (t.kind) {
    case 'near':
      if (t.rel === 0) return `±${t.abs}`;
      return t.abs > 0 ? `±max(${t.abs}, ${Math.round(t.rel * 100)}%)` : `±${Math.round(t.rel * 100)}%`;
    case 'at-most':
      return t.slack > 0 ? `≤ predicted + ${t.slack}` : '≤ predicted';
    case 'exact':
      return 'exact';
    case 'same-order':
      return 'same order as measured';
  }
}

/** Rank of each value (0 = smallest); equal values share the smaller rank. */
export function ranks(values: number[]): number[] {
  return values.map((v) => values.filter((x) => x < v).length);
}

/**
 * One verdict for a whole ordering: it agrees when the model ranks every case where the measurement does,
 * and disagrees as soon as the two orders differ, however close the measured figures are. (How close they
 * are is for the reader to weigh; the page shows both orders with their figures.)
 */
export function orderVerdict(measured: number[], predicted: number[]): Verdict {
  if (measured.length !== predicted.length) throw new Error(`an ordering needs as many predictions (${predicted.length}) as measurements (${measured.length})`);
  const m = ranks(measured);
  const p = ranks(predicted);
  return m.every((r, i) => r === p[i]) ? 'pass' : 'fail';
}
