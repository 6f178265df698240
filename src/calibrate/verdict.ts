// How a measurement and a prediction are compared. A tolerance is stated up front per case and printed
// next to the numbers, so a reader can see how generous each comparison is.

export type Tolerance =
  /** |measured − predicted| ≤ max(abs, rel × |predicted|). */
  | { kind: 'near'; abs: number; rel: number }
  /** measured ≤ predicted (the prediction is an upper bound), with `slack` allowed above it. */
  | { kind: 'at-most'; slack: number }
  /** Both must be equal (counts that should agree exactly, e.g. 0 lost). */
  | { kind: 'exact' }
  /** Compared as orderings: the row passes when measured and predicted give the case the same rank. */
  | { kind: 'same-rank' };

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
    case 'same-rank':
      throw new Error('same-rank rows are judged together with rankVerdicts()');
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
    case 'same-rank':
      return 'same order (within 30% counts as a tie)';
  }
}

/** Rank of each value (0 = smallest); ties share the smaller rank. */
export function ranks(values: number[]): number[] {
  return values.map((v) => values.filter((x) => x < v).length);
}

/**
 * One verdict per row: a row fails only if the model orders it against another row the other way round
 * from the measurement while the two measurements differ by more than `tieRel` (relative). Closer than
 * that, the measured order is within run-to-run noise (WAIT's round trip against a fast local fsync, for
 * example), so either order is accepted.
 */
export function rankVerdicts(measured: number[], predicted: number[], tieRel = 0.3): Verdict[] {
  return measured.map((mi, i) => {
    for (let j = 0; j < measured.length; j++) {
      if (j === i) continue;
      const mj = measured[j];
      const flipped = Math.sign(mi - mj) !== Math.sign(predicted[i] - predicted[j]);
      const apart = Math.abs(mi - mj) > tieRel * Math.max(mi, mj);
      if (flipped && apart) return 'fail';
    }
    return 'pass';
  });
}
