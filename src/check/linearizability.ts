// Linearizability of the whole run, decided key by key: a history of independent registers is
// linearizable exactly when each key's sub-history is (locality), which turns one huge search into
// many small ones. The operations are grouped by key from the history columns with a counting sort (a
// number per operation), and each key's operations become search objects only while that key is checked.
import { CMD, OK_HAS_VALUE, OK_READ, ROW, type HistoryLog } from '../sim/history';
import type { LinearizabilityVerdict } from '../sim/types';
import { compareStrings } from './order';
import { canonicalValue, mayIncrement, type KeyOp, type KeyOpKind } from './register-model';
import { searchKey } from './wgl';

export interface LinearizabilityOptions {
  /** Give up on a key with more operations than this. */
  maxOpsPerKey?: number;
  maxStepsPerKey?: number;
  maxStepsTotal?: number;
}

const DEFAULTS: Required<LinearizabilityOptions> = { maxOpsPerKey: 2000, maxStepsPerKey: 200_000, maxStepsTotal: 2_000_000 };

export type OutcomeKind = 'ok' | 'fail' | 'unknown';

/**
 * What the search needs to know about one operation, or null when it cannot constrain anything: refused
 * operations never happened, and a read nobody heard back from reveals nothing. `value`: what an ok reply
 * said (a read's value, an INCR's new value); `returnUs`: the reply's time when it is ok.
 */
export function keyOpOf(id: number, cmd: 'SET' | 'INCR' | 'GET', arg: string | undefined, outcome: OutcomeKind, value: string | number | null | undefined, invokeUs: number, returnUs: number): KeyOp | null {
  if (outcome === 'fail') return null;
  const known = outcome === 'ok';
  if (cmd === 'GET' && !known) return null;
  const kind: KeyOpKind = cmd === 'SET' ? 'set' : cmd === 'INCR' ? 'incr' : 'get';
  return {
    id,
    kind,
    arg: cmd === 'SET' ? (arg ?? '') : null,
    unread: false,
    expect: known && cmd !== 'SET' ? canonicalValue(value) : undefined,
    invokeUs,
    returnUs: known ? returnUs : Infinity,
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

const CMDS = ['SET', 'INCR', 'GET'] as const;

/** Operation `op` of the log as the search sees it (see keyOpOf). */
function keyOpFromLog(h: HistoryLog, op: number): KeyOp | null {
  const inv = h.invRow[op];
  const r = h.outcomeRowOf(op);
  const outcome: OutcomeKind = r < 0 || r < inv || h.kind[r] === ROW.info ? 'unknown' : h.kind[r] === ROW.fail ? 'fail' : 'ok';
  const cmd = CMDS[h.cmdOf(op)];
  let value: string | number | null | undefined;
  if (outcome === 'ok') {
    const flags = h.flagsOf(op);
    if (flags & OK_HAS_VALUE) value = h.v[op];
    else if (flags & OK_READ) value = h.xOf(op) >= 0 ? `v${h.xOf(op)}` : null;
  }
  return keyOpOf(op, cmd, cmd === 'SET' ? `v${op}` : undefined, outcome, value, h.t[inv], outcome === 'ok' ? h.t[r] : Infinity);
}

/**
 * The log's operations grouped by key, each key's in invocation order, the keys in name order. Only the
 * grouping is held for every key (a number per operation); each key's search objects are made when its
 * turn comes, as a long run has millions of operations.
 */
function* byKey(h: HistoryLog): Generator<KeyedOps> {
  const first = (i: number): boolean => h.kind[i] === ROW.invoke && h.invRow[h.op[i]] === i;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < h.length; i++) {
    if (!first(i)) continue;
    const k = h.key[h.op[i]];
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  if (lo > hi) return;
  // Counting sort of the operations by key.
  const ends = new Int32Array(hi - lo + 2);
  for (let i = 0; i < h.length; i++) if (first(i)) ends[h.key[h.op[i]] - lo + 1]++;
  for (let k = 1; k < ends.length; k++) ends[k] += ends[k - 1];
  const starts = ends.slice();
  const order = new Int32Array(ends[ends.length - 1]);
  for (let i = 0; i < h.length; i++) if (first(i)) order[ends[h.key[h.op[i]] - lo]++] = h.op[i];
  const used: number[] = [];
  for (let k = 0; k < ends.length - 1; k++) if (ends[k] > starts[k]) used.push(k);
  const names = used.map((k) => h.keyName(k + lo));
  const byName = used.map((_, j) => j).sort((a, b) => compareStrings(names[a], names[b]));
  for (const j of byName) {
    const ops = order.subarray(starts[used[j]], ends[used[j]]);
    yield {
      key: names[j],
      ops: () => {
        const out: KeyOp[] = [];
        for (const op of ops) {
          const k = keyOpFromLog(h, op);
          if (k) out.push(k);
        }
        return out;
      },
    };
  }
}

/** Each key's search objects, made when the key's turn comes. */
export interface KeyedOps {
  readonly key: string;
  ops(): KeyOp[];
}

export function checkLinearizability(h: HistoryLog, options: LinearizabilityOptions = {}): LinearizabilityVerdict {
  return checkKeys(byKey(h), options);
}

/**
 * Keys are checked in the order given (name order). A violation on any key is the verdict; a key too large
 * to decide does not stop the others from being checked, since a violation found elsewhere says more.
 */
export function checkKeys(keys: Iterable<KeyedOps>, options: LinearizabilityOptions = {}): LinearizabilityVerdict {
  const limits = { ...DEFAULTS, ...options };
  let keysChecked = 0;
  let stepsLeft = limits.maxStepsTotal;
  let undecided: string | null = null;

  for (const { key, ops: make } of keys) {
    const ops = markUnreadSets(make());
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
