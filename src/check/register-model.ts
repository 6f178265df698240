// The sequential specification of one key. Values are kept as strings (or null for an absent key)
// because Redis stores INCR results as strings too; a reply of 7 and a reply of "7" mean the same.

/** A value as clients see it. */
export type Value = string | null;

/**
 * Stands for the value of any SET that nothing in the history can tell apart from garbage: no read
 * returned it and no INCR could build on it. All such values behave the same from then on, so
 * merging them lets the search treat "which unread write came last" as one state instead of many.
 */
export const UNREAD: unique symbol = Symbol('unread');

export type RegisterState = Value | typeof UNREAD;

export type KeyOpKind = 'set' | 'incr' | 'get';

export interface KeyOp {
  id: number;
  kind: KeyOpKind;
  /** SET: the value written. */
  arg: Value;
  /** SET: its value is never observable (see UNREAD). */
  unread: boolean;
  /** GET: the value returned; INCR: the new value. undefined = the reply is not known, anything goes. */
  expect: Value | undefined;
  invokeUs: number;
  /** Infinity when the outcome is unknown: the op may take effect at any later time, or never. */
  returnUs: number;
}

export const INVALID: unique symbol = Symbol('invalid');

export function canonicalValue(v: string | number | null | undefined): Value | undefined {
  if (v === undefined) return undefined;
  return v === null ? null : String(v);
}

/** Redis only increments values that are exactly a decimal integer; an absent key counts as 0. */
function asInteger(v: RegisterState): number | null {
  if (v === null) return 0;
  if (v === UNREAD || !/^(0|-?[1-9]\d*)$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export function mayIncrement(v: Value): boolean {
  return asInteger(v) !== null;
}

/** The state after `op`, or INVALID when `op` could not have returned what it did from `state`. */
export function applyOp(state: RegisterState, op: KeyOp): RegisterState | typeof INVALID {
  switch (op.kind) {
    case 'set':
      return op.unread ? UNREAD : op.arg;
    case 'get':
      return op.expect === undefined || op.expect === state ? state : INVALID;
    case 'incr': {
      const n = asInteger(state);
      if (n === null) return INVALID;
      const next = String(n + 1);
      return op.expect === undefined || op.expect === next ? next : INVALID;
    }
  }
}
