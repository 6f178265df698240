// The discrete-event engine: one run of one preset. It owns the clock and the queue, records the history
// and the trace, hosts the XState lifecycle machines on simulated time, and hands each event to the module
// that models it. Nothing here reads a wall clock or an unseeded random source.
import { createDigest, digestHex, mix3, mixNumber, mixValue } from './hash';
import { createHeap, peekTime, pop, push, reinsert } from './heap';
import { fireSlotTimer, sendToSlot, type MachineHost, type MachineSlot } from './machines/driver';
import { STREAM, createRng } from './rng';
import { ROW } from './history';
import { cloneData } from './clone';
import { AZS, type FaultSpec, type PresetParams, type RunSpec, type TraceEvent } from './types';
import type { Ev, Stream, World } from './world';
import { ClientTimer, ConnSend, DEFERRED, FaultDue, KIND, MachineTimer, RequestArrive } from './events';
import { dataset } from './dataset';
import { counterKeyCount, initWorld } from './init';
import * as clients from './clients';
import { applyFault, type NodeEvent } from './faults';
import { dropFront } from './lists';
import { designFor } from './designs';
import type { Design } from './designs/design';
import type { AnyStateMachine } from 'xstate';
import type { ClusterBus } from './cluster/bus';
import { keyChoice, type KeyChoice } from './workload-keys';

export interface AppendOnly {
  /** Simulated time these arrays reach. */
  t: number;
  historyLog: World['historyLog'];
  /** Rows of historyLog this timeline wrote (the log itself may since have been rewound). */
  historyLength: number;
  acks: World['acks'];
  /** Rows of acks this timeline wrote. */
  acksLength: number;
  trace: World['trace'];
  streams: World['streams'];
  log: World['log']['rows'];
  /** Rows of the transaction log this timeline wrote. */
  logLength: number;
  writes: World['writes'];
  /** Rows of the write table this timeline wrote. */
  writesLength: number;
}

export interface Checkpoint {
  t: number;
  cloned: { rest: Omit<World, 'historyLog' | 'acks' | 'trace' | 'streams' | 'log' | 'writes'>; logScalars: Omit<World['log'], 'rows'> };
  historyLength: number;
  acksLength: number;
  traceLength: number;
  streamCount: number;
  entryLengths: number[];
  logLength: number;
  writesLength: number;
  /** About what the copy holds (see copyBytes), so the time machine can keep its checkpoints in a budget. */
  bytes: number;
}

/**
 * Bytes a copy of the world's mutable part holds, roughly: the per-key tables of every node and every
 * operation, event and message in flight. Outages make the in-flight part large (a second of requests
 * waiting for their timeout), and that is the part that varies.
 */
function copyBytes(design: Design, w: Omit<World, 'historyLog' | 'acks' | 'trace' | 'streams' | 'log' | 'writes'>): number {
  let items = w.heap.items.length;
  for (const c of w.clients) items += c.pending.length - c.head;
  for (const l of w.lines) items += l.waiting.length - l.head;
  let keys = 0;
  for (const n of w.nodes) {
    items += design.heldOps(n);
    keys += design.keyCells(n);
  }
  return 16 * 1024 + keys * 4 + items * 250;
}

/**
 * Copy `next`'s properties into `live` and return it when both have the same keys (the same shape, so
 * nothing stale stays behind); otherwise return `next`.
 */
function adopt<T extends object>(live: T, next: T): T {
  const keys = Object.keys(next);
  if (Object.keys(live).length !== keys.length) return next;
  for (const k of keys) if (!Object.hasOwn(live, k)) return next;
  return Object.assign(live, next);
}

/**
 * Every event is built here, by one object literal: events restored from a checkpoint are rebuilt by it
 * too, so the queue never holds two hidden classes of event (the engine's optimised code deoptimised on
 * the first seek otherwise, and ran unoptimised while it recompiled).
 */
function newEvent(t: number, seq: number, kind: number, a: number, b: number, c: number, d: number, ref: unknown, line: number): Ev {
  return { t, seq, kind, a, b, c, d, ref, line };
}

/** Largest integer V8 stores unboxed (a "small integer") on every platform. */
const SMALL_INT_MAX = 2 ** 31 - 1;

/**
 * The workload's figures that every request reads, copied into an object of one shape. Run specs come in
 * many shapes (from a file, a preset, a cluster's shard, with or without optional fields), and the reads
 * of them on every request saw so many hidden classes that they went megamorphic.
 */
export interface Load {
  writesPerSec: number;
  readsPerSec: number;
  keys: number;
  valueBytes: number;
  readFromReplicas: boolean;
  /** Share of a closed loop's requests that are writes. */
  writeFraction: number;
  closedLoop: { connections: number; pipeline: number; backoffMs: number } | null;
}

function loadOf(spec: RunSpec): Load {
  const wl = spec.workload;
  const loop = wl.closedLoop;
  return {
    writesPerSec: wl.writesPerSec,
    readsPerSec: wl.readsPerSec,
    keys: wl.keys,
    valueBytes: wl.valueBytes,
    readFromReplicas: wl.readFromReplicas === true,
    writeFraction: wl.writeFraction ?? 0.5,
    closedLoop: loop ? { connections: loop.connections, pipeline: loop.pipeline, backoffMs: loop.backoffMs } : null,
  };
}

export class Simulation {
  readonly spec: RunSpec;
  readonly p: PresetParams;
  /** Everything that differs between the designs (designs/). */
  readonly design: Design;
  /** How much longer than its timeout a client waits for a write, ms (the design's WAIT budget). */
  readonly writeTimeoutExtraMs: number;
  readonly endUs: number;
  w: World;
  /**
   * The cluster this run is one shard of (cluster/cluster.ts), or null. Set once, right after construction;
   * only Redis Cluster's failover reads it.
   */
  cluster: ClusterBus | null = null;
  private readonly pool: Ev[] = [];
  /** Keys below this index are counters (INCR), the rest plain values (SET). */
  readonly counterKeys: number;
  /** How requests pick their key (uniformly, or with hot keys). */
  readonly keys: KeyChoice;
  /** The workload's figures read on every request (see Load). */
  readonly load: Load;
  /**
   * Length of each key's name, by index, worked out on first use (0: not yet). A write's size reads it:
   * looking at the name itself touched a string somewhere in the heap on every write, a cache miss when
   * a cluster's shards take turns.
   */
  private readonly keyLengths: Uint16Array;

  constructor(spec: RunSpec) {
    this.spec = spec;
    this.p = spec.params;
    this.design = designFor(spec.params);
    this.writeTimeoutExtraMs = this.design.writeTimeoutExtraMs(spec.params);
    this.endUs = Math.round(spec.durationS * 1e6);
    this.counterKeys = counterKeyCount(spec);
    this.keys = keyChoice(spec);
    this.load = loadOf(spec);
    this.keyLengths = new Uint16Array(spec.workload.keys);
    this.w = initWorld(spec, this.design, {
      workload: createRng(spec.seed, STREAM.workload),
      network: createRng(spec.seed, STREAM.network),
      faults: createRng(spec.seed, STREAM.faults),
      control: createRng(spec.seed, STREAM.control),
    }, createDigest(), createHeap<Ev>());
    this.start();
  }

  private start(): void {
    for (const f of this.spec.faults) FaultDue.at(this, Math.round(f.atS * 1e6), f.fault);
    clients.start(this);
    this.design.start(this);
  }

  get now(): number {
    return this.w.now;
  }

  keyName(i: number): string {
    return this.w.historyLog.keyName(i);
  }

  /** keyName(i).length. */
  keyLength(i: number): number {
    let n = this.keyLengths[i];
    if (n === 0) n = this.keyLengths[i] = this.keyName(i).length;
    return n;
  }

  // -------------------------------------------------------------------------------------------------
  // Scheduling
  // -------------------------------------------------------------------------------------------------

  at(t: number, kind: number, a: number, b: number, c: number, ref: unknown, d = 0): void {
    push(this.w.heap, this.event(t, kind, a, b, c, ref, d));
  }

  /**
   * Schedule an event on an in-order line (see Line in world.ts). Its time must not be before the line's
   * last one; one that is simply goes into the queue on its own.
   */
  atInOrder(line: number, t: number, kind: number, a: number, b: number, c: number, ref: unknown, d = 0): void {
    const e = this.event(t, kind, a, b, c, ref, d);
    const heap = this.w.heap;
    const l = this.w.lines[line];
    if (!l.queued) {
      l.queued = true;
      l.lastT = e.t;
      e.line = line;
      push(heap, e);
    } else if (e.t >= l.lastT) {
      l.lastT = e.t;
      e.line = line;
      e.seq = heap.nextSeq++;
      l.waiting.push(e);
    } else {
      push(heap, e);
    }
  }

  /**
   * An event after the end of the run never happens, so a far-off one (a daily backup) may as well wait
   * at 2^31 − 1 µs: V8 then keeps every event time a small integer. One time beyond that range stored in
   * an event would turn all of them into boxed floats, which costs an allocation per event from then on.
   */
  private smallTime(t: number): number {
    return t > SMALL_INT_MAX && t > this.endUs ? Math.max(SMALL_INT_MAX, this.endUs + 1) : t;
  }

  private event(time: number, kind: number, a: number, b: number, c: number, ref: unknown, d: number): Ev {
    let t = this.smallTime(time);
    if (t < this.w.now) t = this.w.now;
    // Event objects are recycled: a run allocates millions of them otherwise.
    const e = this.pool.pop();
    if (e === undefined) return newEvent(t, 0, kind, a, b, c, d, ref, -1);
    e.t = t;
    e.kind = kind;
    e.a = a;
    e.b = b;
    e.c = c;
    e.d = d;
    e.ref = ref;
    e.line = -1;
    return e;
  }

  /** The next event of a line goes into the queue once the one before it has left it. */
  private advanceLine(line: number): void {
    const l = this.w.lines[line];
    if (l.head === l.waiting.length) {
      l.queued = false;
      return;
    }
    const next = l.waiting[l.head++];
    if (l.head === l.waiting.length) {
      l.waiting.length = 0;
      l.head = 0;
    } else if (l.head > 1024 && l.head * 2 > l.waiting.length) {
      dropFront(l.waiting, l.head);
      l.head = 0;
    }
    reinsert(this.w.heap, next);
  }

  /** Every pending event: those in the queue, then those waiting on lines (for pictures of the run). */
  *pendingEvents(): Generator<Ev> {
    yield* this.w.heap.items;
    for (const l of this.w.lines) for (let i = l.head; i < l.waiting.length; i++) yield l.waiting[i];
  }

  after(delayUs: number, kind: number, a: number, b: number, c: number, ref: unknown, d = 0): void {
    this.at(this.w.now + Math.max(0, Math.round(delayUs)), kind, a, b, c, ref, d);
  }

  /** The workload's next arrival, `delayUs` from now (see World.arrivalT). */
  arriveAfter(delayUs: number): void {
    this.w.arrivalT = this.smallTime(this.w.now + Math.max(0, Math.round(delayUs)));
    this.w.arrivalSeq = this.w.heap.nextSeq++;
  }

  /** The arrival comes before the first queued event (or there is none). */
  private arrivalFirst(): boolean {
    const w = this.w;
    if (w.arrivalT < 0) return false;
    const items = w.heap.items;
    if (items.length === 0) return true;
    const top = items[0];
    return w.arrivalT < top.t || (w.arrivalT === top.t && w.arrivalSeq < top.seq);
  }

  /** Time of the next pending event, or Infinity. */
  nextEventTime(): number {
    return this.arrivalFirst() ? this.w.arrivalT : peekTime(this.w.heap);
  }

  /** Process every event with time ≤ t (and ≤ the run's end), then set the clock to t. */
  runUntil(t: number): void {
    const end = Math.min(t, this.endUs);
    while (this.next(end));
    if (end > this.w.now) this.w.now = end;
  }

  /** Process every event with time < t (and ≤ the run's end); the clock stays at the last one. */
  runBefore(t: number): void {
    // Times are whole microseconds, so "before t" is "by t − 1".
    const end = Math.min(t - 1, this.endUs);
    while (this.next(end));
  }


  /** Process exactly one event (for stepping in the app). Returns false at the end of the run. */
  step(): boolean {
    return this.next(this.endUs);
  }

  /** Process the next event if it is due by `end`; false if there is none. */
  private next(end: number): boolean {
    const w = this.w;
    const heap = w.heap;
    if (this.arrivalFirst()) {
      if (w.arrivalT > end) return false;
      w.now = w.arrivalT;
      w.arrivalT = -1;
      w.events++;
      clients.onWorkload(this);
      return true;
    }
    if (heap.items.length === 0 || heap.items[0].t > end) return false;
    const e = pop(heap) as Ev;
    if (e.line >= 0) this.advanceLine(e.line);
    w.now = e.t;
    w.events++;
    this.dispatch(e);
    e.ref = null;
    this.pool.push(e);
    return true;
  }

  runToEnd(): void {
    this.runUntil(this.endUs);
  }

  get done(): boolean {
    return this.w.now >= this.endUs;
  }

  private dispatch(e: Ev): void {
    switch (e.kind) {
      case KIND.REQ_ARRIVE:
        this.design.onRequest(this, RequestArrive.op(e), RequestArrive.node(e));
        return;
      case KIND.REPLY_ARRIVE:
        clients.onReply(this, e);
        return;
      case KIND.CLIENT_TIMER:
        clients.onTimer(this, ClientTimer.client(e));
        return;
      case KIND.MACHINE_TIMER:
        this.onMachineTimer(e);
        return;
      case KIND.FAULT:
        this.injectNow(FaultDue.fault(e));
        return;
      case KIND.CONN_SEND:
        clients.onConnSend(this, ConnSend.conn(e), ConnSend.gen(e));
        return;
      default:
        this.design.onEvent(this, e);
    }
  }

  /** Apply a fault at the current simulated time (the API used by scheduled faults and by the app). */
  injectNow(fault: FaultSpec): void {
    const resolved = applyFault(this, fault);
    this.trace({ type: 'fault', t: this.w.now, fault, resolved });
  }

  // -------------------------------------------------------------------------------------------------
  // Lifecycle machines on simulated time
  // -------------------------------------------------------------------------------------------------

  private machineFor(slotIndex: number): AnyStateMachine {
    if (slotIndex >= 0) return this.design.nodeMachine;
    const control = this.design.controlMachine;
    if (control === null) throw new Error(`${this.design.family}: no failover control plane`);
    return control;
  }

  private slot(slotIndex: number): MachineSlot {
    return slotIndex < 0 ? (this.w.control as MachineSlot) : this.w.nodes[slotIndex].slot;
  }

  private hostFor(slotIndex: number): MachineHost {
    return {
      schedule: (delayMs, sendId, event) => {
        const token = ++this.w.nextToken;
        MachineTimer.after(this, delayMs * 1000, slotIndex, token, { sendId, event });
        return token;
      },
      action: (type, params, prev) => {
        if (slotIndex < 0) this.design.onControlAction(this, type, params);
        else this.design.onNodeAction(this, slotIndex, type, params, prev);
      },
    };
  }

  /**
   * Send an event to a node's machine (slot ≥ 0) or to the failover control plane (slot −1). Designs send
   * through their own typed helpers (designs/<design>/node.ts), which accept only their machine's events.
   */
  send(slotIndex: number, event: NodeEvent): void {
    sendToSlot(this.machineFor(slotIndex), this.slot(slotIndex), event, this.hostFor(slotIndex));
  }

  state(slotIndex: number): string {
    return this.slot(slotIndex).value;
  }

  /** Send an event to a machine once the current transition has finished (from inside its own actions). */
  deferSend(slotIndex: number, event: NodeEvent): void {
    MachineTimer.after(this, 0, slotIndex, DEFERRED, { sendId: '', event });
  }

  private onMachineTimer(e: Ev): void {
    const { sendId, event } = MachineTimer.delivery(e);
    const slot = MachineTimer.slot(e);
    const token = MachineTimer.token(e);
    if (token === DEFERRED) {
      this.send(slot, event);
      return;
    }
    fireSlotTimer(this.machineFor(slot), this.slot(slot), sendId, token, event, this.hostFor(slot));
  }

  // -------------------------------------------------------------------------------------------------
  // Checkpoints: the world is plain data. Append-only parts (history, acknowledgements, trace, stream
  // entries, the write table and the transaction log) are kept by length; everything else is deep-copied
  // in one call (cloneData, which keeps V8's shapes where structuredClone did not), so objects shared
  // between the queue, the clients and the nodes stay shared in the copy.
  // -------------------------------------------------------------------------------------------------

  checkpoint(): Checkpoint {
    const w = this.w;
    for (const c of w.clients) {
      dropFront(c.pending, c.head);
      c.head = 0;
    }
    this.design.beforeCheckpoint(w);
    const { historyLog, acks, trace, streams, log, writes, ...rest } = w;
    const { rows, ...logScalars } = log;
    const cloned = cloneData({ rest, logScalars });
    return {
      t: w.now,
      cloned,
      bytes: copyBytes(this.design, rest),
      historyLength: historyLog.length,
      acksLength: acks.length,
      traceLength: trace.length,
      streamCount: streams.length,
      entryLengths: streams.map((s) => s.entries.length),
      logLength: rows.length,
      writesLength: writes.length,
    };
  }

  /** The append-only parts of the world as they stand (a later restore never modifies these arrays). */
  appendOnly(): AppendOnly {
    const w = this.w;
    return { t: w.now, historyLog: w.historyLog, historyLength: w.historyLog.length, acks: w.acks, acksLength: w.acks.length, trace: w.trace, streams: w.streams, log: w.log.rows, logLength: w.log.rows.length, writes: w.writes, writesLength: w.writes.length };
  }

  /**
   * Go back (or forward) to a checkpoint. The append-only parts come from `from` (by default the current
   * ones), which must reach at least as far as the checkpoint. The arrays handed in are left intact, so the
   * caller can keep them and later restore a checkpoint beyond this one without recomputing. The history
   * log, the acknowledgements, the transaction log and the write table are the exception: they are not
   * copied but rewound to the checkpoint's length (the biggest part of the world, so copying them made
   * seeks slow); their rows past it stay, and replaying from the checkpoint writes the same rows again. So
   * `from` must be this simulation's own timeline, and after a fault changes the future, an AppendOnly
   * taken before no longer reaches beyond the fault.
   */
  restore(cp: Checkpoint, from: AppendOnly = this.appendOnly()): void {
    if (from.t < cp.t || from.historyLength < cp.historyLength || from.acksLength < cp.acksLength || from.logLength < cp.logLength || from.writesLength < cp.writesLength) throw new Error('restore: the source timeline does not reach the checkpoint');
    if (from.historyLog !== this.w.historyLog || from.log !== this.w.log.rows || from.writes !== this.w.writes) throw new Error('restore: the source timeline belongs to another simulation');
    const { rest, logScalars } = cloneData(cp.cloned);
    const w = this.w;
    const acks = from.acks;
    acks.rewind(cp.acksLength);
    // Built field by field in the order of the literals that make streams (init.ts, cache-style/lifecycle.ts), so the
    // copies keep the streams' hidden class; a spread copy would not.
    const streams = from.streams.slice(0, cp.streamCount).map(
      (st, i): Stream => ({ id: st.id, parent: st.parent, base: st.base, baseOffset: st.baseOffset, entries: st.entries.slice(0, cp.entryLengths[i]), term: st.term, cause: st.cause, why: st.why, t: st.t, node: st.node }),
    );
    const rows = from.log;
    rows.rewind(cp.logLength);
    const writes = from.writes;
    writes.rewind(cp.writesLength);
    const historyLog = from.historyLog;
    historyLog.rewind(cp.historyLength);
    // The long-lived objects (the world, its queue, nodes, clients, log) take the checkpoint's values in
    // place: new objects would have new shapes, and the engine's optimised code would start over on them.
    // Nothing else refers to these objects, and the checkpoint keeps its own copy.
    rest.heap = adopt(w.heap, rest.heap);
    // Copied events and datasets have hidden classes of their own (see newEvent): rebuild them with the
    // engine's literals. A pending event is in the queue or on a line from its `head`, never both; the
    // entries before a line's head were sent on long ago and are dropped.
    const rebuild = (e: Ev): Ev => newEvent(e.t, e.seq, e.kind, e.a, e.b, e.c, e.d, e.ref, e.line);
    rest.heap.items = rest.heap.items.map(rebuild);
    for (const l of rest.lines) {
      l.waiting = l.waiting.slice(l.head).map(rebuild);
      l.head = 0;
    }
    for (const node of rest.nodes) node.data = dataset(node.data.vals, node.data.size);
    if (rest.nodes.length === w.nodes.length) rest.nodes = rest.nodes.map((node, i) => adopt(w.nodes[i], node));
    if (rest.clients.length === w.clients.length) rest.clients = rest.clients.map((c, i) => adopt(w.clients[i], c));
    const log = adopt(w.log, { ...logScalars, rows });
    const next = { ...rest, historyLog, acks, trace: from.trace.slice(0, cp.traceLength), streams, log, writes };
    const same = adopt(w, next);
    this.w = same === w ? w : (next as World);
  }

  // -------------------------------------------------------------------------------------------------
  // Recording
  // -------------------------------------------------------------------------------------------------

  // History rows go straight into the columns of w.historyLog (see history.ts for what each holds); the
  // digest takes every field of the row (kind, time, operation, then the rest), so two runs that differ in
  // which node served, which value was read or which term acknowledged do not share a trace hash.

  /** `key` is the key's index (keyName names it). */
  recordInvoke(op: number, cmd: number, key: number, clientAz: number, node: number): void {
    this.w.historyLog.invokeKey(this.w.now, op, cmd, key, clientAz, node);
    this.mixHistory(ROW.invoke, op);
    mix3(this.w.digest, cmd, key, clientAz + 1);
    mixNumber(this.w.digest, node + 1);
  }

  /** Returns the row the acknowledgement went into (the acknowledgement table refers to it). */
  recordOkWrite(op: number, node: number, term: number, offset: number, seq: number, incrValue: number | null): number {
    const h = this.w.historyLog;
    h.okWrite(this.w.now, op, node, term, offset, seq, incrValue);
    this.mixHistory(ROW.ok, op);
    const d = this.w.digest;
    mix3(d, node + 1, term, offset);
    mix3(d, seq, incrValue === null ? 0 : 1, incrValue ?? 0);
    return h.length - 1;
  }

  recordOkRead(op: number, node: number, term: number, value: number | null, writeId: number, writeSeq: number, lagUs: number, fromReplica: boolean): void {
    this.w.historyLog.okRead(this.w.now, op, node, term, value, writeId, writeSeq, lagUs, fromReplica);
    this.mixHistory(ROW.ok, op);
    const d = this.w.digest;
    mix3(d, node + 1, term, value === null ? 0 : 1);
    mix3(d, value ?? 0, writeId + 1, writeSeq + 1);
    mixNumber(d, fromReplica ? 1 : 0);
    mixValue(d, lagUs);
  }

  /** `error` indexes ERRORS (history.ts). */
  recordFail(op: number, node: number, error: number): void {
    this.w.historyLog.fail(this.w.now, op, node, error);
    this.mixHistory(ROW.fail, op);
    mix3(this.w.digest, node + 1, error, 0);
  }

  /** `code` is an INFO code (history.ts): the client does not know what became of the request. */
  recordInfo(op: number, node: number, code: number): void {
    this.w.historyLog.info(this.w.now, op, node, code);
    this.mixHistory(ROW.info, op);
    mix3(this.w.digest, node + 1, code, 0);
  }

  private mixHistory(kind: number, op: number): void {
    mix3(this.w.digest, kind, this.w.now, op);
  }

  trace(ev: TraceEvent): void {
    this.w.trace.push(ev);
    // Every field, by name and value: which node was promoted, which term, what offset, what reason.
    mixValue(this.w.digest, ev);
  }

  traceHash(): string {
    return digestHex(this.w.digest);
  }

  nodeId(idx: number): string {
    return idx >= 0 ? this.w.nodes[idx].id : '-';
  }

  azName(az: number): string {
    return AZS[az];
  }
}
