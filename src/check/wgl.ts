// Linearizability search for the operations on one key: Wing & Gong's algorithm with Lowe's
// memoisation. Calls and returns sit in one time-ordered doubly linked list; linearizing an op lifts its
// call and return out of the list, backtracking puts them back. A (linearized set, state) pair that was
// already explored is never explored again, and moves that cannot hurt are made without branching,
// which keeps mostly-sequential histories, and piles of concurrent writes nobody read, linear in time.
import { applyOp, INVALID, UNREAD, type KeyOp, type RegisterState } from './register-model';

export type SearchResult =
  | { kind: 'ok'; steps: number }
  | { kind: 'violation'; steps: number; ops: number[] }
  | { kind: 'budget'; steps: number };

const NIL = -1;

/** splitmix32: a fixed pseudo-random word per op, so the linearized set can be hashed incrementally. */
function opHash(i: number): number {
  let z = (i + 1) * 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function stateHash(s: RegisterState): number {
  if (s === null) return 0x5bd1e995;
  if (s === UNREAD) return 0x27d4eb2f;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Ops with an unknown outcome (returnUs = Infinity) have no return entry, so nothing ever forces them
 * in; the search succeeds as soon as every op with a known outcome is linearized, which covers "took
 * effect later" and "never took effect" alike. Unknown ops that are interchangeable (all unknown INCRs;
 * unknown SETs of the same value) are only linearized in invocation order: swapping two of them never
 * changes what a linearization can explain, and without this the search would try every subset.
 */
export function searchKey(ops: readonly KeyOp[], maxSteps: number): SearchResult {
  const n = ops.length;
  const required = ops.filter((op) => op.returnUs !== Infinity).length;
  if (required === 0) return { kind: 'ok', steps: 0 };

  const order: { t: number; call: boolean; op: number }[] = [];
  for (let i = 0; i < n; i++) {
    order.push({ t: ops[i].invokeUs, call: true, op: i });
    if (ops[i].returnUs !== Infinity) order.push({ t: ops[i].returnUs, call: false, op: i });
  }
  // At equal times calls go first: a reply and a request at the same microsecond count as concurrent.
  order.sort((a, b) => a.t - b.t || (a.call === b.call ? ops[a.op].id - ops[b.op].id : a.call ? -1 : 1));

  const size = order.length + 1; // node 0 is the head
  const next = new Int32Array(size);
  const prev = new Int32Array(size);
  const nodeOp = new Int32Array(size);
  const isCall = new Uint8Array(size);
  const returnNode = new Int32Array(n).fill(NIL);
  for (let k = 0; k < order.length; k++) {
    const node = k + 1;
    prev[node] = k;
    next[node] = node + 1 < size ? node + 1 : NIL;
    nodeOp[node] = order[k].op;
    isCall[node] = order[k].call ? 1 : 0;
    if (!order[k].call) returnNode[order[k].op] = node;
  }
  next[0] = size > 1 ? 1 : NIL;

  const unlink = (e: number): void => {
    next[prev[e]] = next[e];
    if (next[e] !== NIL) prev[next[e]] = prev[e];
  };
  const relink = (e: number): void => {
    next[prev[e]] = e;
    if (next[e] !== NIL) prev[next[e]] = e;
  };

  // Interchangeable unknown ops, each class in invocation order; done[c] of them are linearized.
  const cls = new Int32Array(n).fill(NIL);
  const members: number[][] = [];
  const classIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const op = ops[i];
    if (op.returnUs !== Infinity || op.kind === 'get') continue;
    const name = op.kind === 'incr' ? 'incr' : `set:${op.arg === null ? '' : 's' + op.arg}`;
    let c = classIds.get(name);
    if (c === undefined) {
      classIds.set(name, (c = members.length));
      members.push([]);
    }
    cls[i] = c;
    members[c].push(i);
  }
  for (const m of members) m.sort((a, b) => ops[a].invokeUs - ops[b].invokeUs || ops[a].id - ops[b].id);
  const done = new Int32Array(members.length);
  const allowed = (i: number): boolean => {
    const op = ops[i];
    if (op.returnUs === Infinity && op.kind === 'get') return false; // an unseen read explains nothing
    return cls[i] === NIL || members[cls[i]][done[cls[i]]] === i;
  };

  const bits = new Uint32Array((n + 31) >>> 5);
  const zob = new Uint32Array(n);
  for (let i = 0; i < n; i++) zob[i] = opHash(i);
  let setHash = 0;
  const seen = new Map<number, { bits: Uint32Array; state: RegisterState }[]>();
  /** Records (bits, state); false when that configuration was explored before. */
  const remember = (state: RegisterState): boolean => {
    const h = (setHash ^ stateHash(state)) >>> 0;
    let bucket = seen.get(h);
    if (!bucket) seen.set(h, (bucket = []));
    for (const c of bucket) if (c.state === state && sameBits(c.bits, bits)) return false;
    bucket.push({ bits: bits.slice(), state });
    return true;
  };
  const toggle = (i: number): void => {
    bits[i >>> 5] ^= 1 << (i & 31);
    setHash ^= zob[i];
  };

  const stackNode: number[] = [];
  const stackState: RegisterState[] = [];
  /** Frames that were the only choice worth trying; backtracking passes straight through them. */
  const stackForced: boolean[] = [];
  let state: RegisterState = null;
  let linearizedRequired = 0;

  const linearize = (entry: number, after: RegisterState, forced: boolean): void => {
    const i = nodeOp[entry];
    stackNode.push(entry);
    stackState.push(state);
    stackForced.push(forced);
    state = after;
    unlink(entry);
    if (returnNode[i] !== NIL) {
      unlink(returnNode[i]);
      linearizedRequired++;
    }
    if (cls[i] !== NIL) done[cls[i]]++;
  };
  /** Undoes the latest choice; returns its call entry and whether it was forced. */
  const undo = (): { entry: number; forced: boolean } => {
    const entry = stackNode.pop()!;
    const forced = stackForced.pop()!;
    state = stackState.pop() as RegisterState;
    const i = nodeOp[entry];
    toggle(i);
    if (returnNode[i] !== NIL) {
      relink(returnNode[i]);
      linearizedRequired--;
    }
    relink(entry);
    if (cls[i] !== NIL) done[cls[i]]--;
    return { entry, forced };
  };
  /**
   * A move that can be made without trying alternatives, or NIL. Both kinds are candidates (their call
   * precedes the first pending return, so nothing pending had to come before them) and both leave the
   * state as it is: a pending read that returned the current value, or, while the state is already an
   * unread value, another unread SET. Any linearization from here can be rearranged to start with
   * such a move, so if the search fails after it, it fails without it too.
   */
  const forcedMove = (): number => {
    for (let e = next[0]; e !== NIL && isCall[e]; e = next[e]) {
      const op = ops[nodeOp[e]];
      if (op.returnUs === Infinity) continue;
      if (op.kind === 'get' && (op.expect === undefined || op.expect === state)) return e;
      if (op.kind === 'set' && op.unread && state === UNREAD) return e;
    }
    return NIL;
  };

  let steps = 0;
  let deepest = -1;
  let blame: number[] = [];
  let entry = next[0];
  let fresh = true; // a configuration not yet looked at
  for (;;) {
    if (linearizedRequired === required) return { kind: 'ok', steps };
    if (++steps > maxSteps) return { kind: 'budget', steps: steps - 1 };
    let deadEnd = false;
    if (fresh) {
      fresh = false;
      const forced = forcedMove();
      if (forced !== NIL) {
        toggle(nodeOp[forced]);
        if (remember(state)) {
          linearize(forced, state, true);
          entry = next[0];
          fresh = true;
          continue;
        }
        // Explored before, and it failed then; so does this configuration.
        toggle(nodeOp[forced]);
        entry = forced;
        deadEnd = true;
      }
    }
    if (!deadEnd && entry !== NIL && isCall[entry]) {
      const i = nodeOp[entry];
      if (allowed(i)) {
        const after = applyOp(state, ops[i]);
        if (after !== INVALID) {
          toggle(i);
          if (remember(after)) {
            linearize(entry, after, false);
            entry = next[0];
            fresh = true;
            continue;
          }
          toggle(i);
        }
      }
      entry = next[entry];
      continue;
    }
    // A dead end (a return whose op could not be placed, the end of the list, or a forced move that
    // already failed once): undo choices up to the latest one that had alternatives.
    if (stackNode.length > deepest) {
      deepest = stackNode.length;
      blame = stackNode.slice(-3).map((e) => ops[nodeOp[e]].id);
      if (entry !== NIL) blame.push(ops[nodeOp[entry]].id);
    }
    for (;;) {
      if (stackNode.length === 0) return { kind: 'violation', steps, ops: [...new Set(blame)].sort((a, b) => a - b) };
      const undone = undo();
      if (!undone.forced) {
        entry = next[undone.entry];
        break;
      }
    }
  }
}
