// Linearizability of the whole run, decided key by key: a history of independent registers is
// linearizable exactly when each key's sub-history is (locality), which turns one huge search into
// many small ones.
import type { HistoryEvent, LinearizabilityVerdict } from '../sim/types';
import { collectOps, compareStrings, type Op } from './ops';
import { canonicalValue, mayIncrement, type KeyOp } from './register-model';
import { searchKey } from './wgl';

export interface LinearizabilityOptions {
  /** Give up on a key with more operations than this. */
  maxOpsPerKey?: number;
  maxStepsPerKey?: number;
  maxStepsTotal?: number;
}

const DEFAULTS: Required<LinearizabilityOptions> = { maxOpsPerKey: 2000, maxStepsPerKey: 200_000, maxStepsTotal: 2_000_000 };

/**
 * What the search needs to know about one op, or null when the op cannot constrain anything: refused
 * ops never happened, and a read nobody heard back from reveals nothing.
 */
function toKeyOp(op: Op): KeyOp | null {
  const out = op.outcome;
  if (out?.type === 'fail') return null;
  const known = out?.type === 'ok';
  const { cmd, arg, t } = op.invoke;
  if (cmd === 'GET' && !known) return null;
  return {
    id: op.id,
    kind: cmd === 'SET' ? 'set' : cmd === 'INCR' ? 'incr' : 'get',
    arg: cmd === 'SET' ? (arg ?? '') : null,
    unread: false,
    expect: known && cmd !== 'SET' ? canonicalValue(out.value) : undefined,
    invokeUs: t,
    returnUs: known ? out.t : Infinity,
  };
}

/**
 * A SET is unread when no read returned its value and no INCR could have added to it. In any
 * linearization such a write is followed directly by another write or by nothing (a read would have
 * returned its value, an INCR would need a number), so:
 * - one with an unknown outcome can be assumed never to have happened: dropping it leaves a valid
 *   linearization, and spares the search a branch at every later step;
 * - an acknowledged one still has to fit in its interval, but which unread value the register holds
 *   makes no difference, so the search merges them all into one state (UNREAD).
 */
function markUnreadSets(ops: KeyOp[]): KeyOp[] {
  const readValues = new Set<string | null>();
  let hasIncr = false;
  for (const op of ops) {
    if (op.kind === 'get' && op.expect !== undefined) readValues.add(op.expect);
    if (op.kind === 'incr') hasIncr = true;
  }
  const result: KeyOp[] = [];
  for (const op of ops) {
    const unread = op.kind === 'set' && !readValues.has(op.arg) && !(hasIncr && mayIncrement(op.arg));
    if (!unread) result.push(op);
    else if (op.returnUs !== Infinity) result.push({ ...op, unread: true });
  }
  return result;
}

function opsByKey(history: readonly HistoryEvent[]): Map<string, KeyOp[]> {
  const byKey = new Map<string, KeyOp[]>();
  for (const op of collectOps(history)) {
    const k = toKeyOp(op);
    if (!k) continue;
    let list = byKey.get(op.invoke.key);
    if (!list) byKey.set(op.invoke.key, (list = []));
    list.push(k);
  }
  return byKey;
}

/**
 * Keys are checked in name order. A violation on any key is the verdict; a key too large to decide
 * does not stop the others from being checked, since a violation found elsewhere says more.
 */
export function checkLinearizability(history: readonly HistoryEvent[], options: LinearizabilityOptions = {}): LinearizabilityVerdict {
  const limits = { ...DEFAULTS, ...options };
  const byKey = opsByKey(history);
  const keys = [...byKey.keys()].sort(compareStrings);
  let keysChecked = 0;
  let stepsLeft = limits.maxStepsTotal;
  let undecided: string | null = null;

  for (const key of keys) {
    const ops = markUnreadSets(byKey.get(key)!);
    if (ops.length > limits.maxOpsPerKey) {
      undecided ??= `key "${key}" has ${ops.length} operations (limit ${limits.maxOpsPerKey})`;
      continue;
    }
    const budget = Math.min(limits.maxStepsPerKey, stepsLeft);
    const result = searchKey(ops, budget);
    stepsLeft -= result.steps;
    if (result.kind === 'violation') return { status: 'violation', keysChecked: keysChecked + 1, key, ops: result.ops };
    if (result.kind === 'ok') {
      keysChecked++;
      continue;
    }
    if (budget < limits.maxStepsPerKey) {
      return { status: 'too-large', keysChecked, reason: `search exceeded ${limits.maxStepsTotal} steps over all keys` };
    }
    undecided ??= `search for key "${key}" exceeded ${limits.maxStepsPerKey} steps`;
  }
  if (undecided !== null) return { status: 'too-large', keysChecked, reason: undecided };
  return { status: 'linearizable', keysChecked };
}
