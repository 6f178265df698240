// What a cache-style node's lifecycle does to its data (model.md §2.1): a process death loses memory (a
// host's death the page cache too), a restart loads the AOF, the RDB or a backup, and a node the control
// plane still names as primary forks a new branch of history with whatever it loaded.
import { emptyDataset } from '../../dataset';
import { reachesRegion } from '../../network';
import type { Ev, Stream } from '../../world';
import type { Simulation } from '../../engine';
import { LoadDone, type LoadSource } from './events';
import { offsetAt, replay } from './lineage';
import { nodeAt, nodesOf, processRunning, sendNode, type CacheNode } from './node';

const ms = (x: number) => Math.round(x * 1000);
const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

export function onNodeAction(sim: Simulation, idx: number, type: string, params: Record<string, unknown>, prev: string): void {
  if (type !== 'entered') return;
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const state = params.state as string;
  sim.trace({ type: 'node-state', t: w.now, node: n.id, state });
  const wasRunning = prev === 'serving' || prev === 'syncing' || prev === 'loading';
  if (wasRunning && (state === 'down' || state === 'rebooting' || state === 'off' || state === 'replacing')) {
    die(sim, n, state !== 'down');
  }
  if (state === 'replacing') n.diskLost = true;
  if (state === 'loading') beginLoad(sim, n);
}

function die(sim: Simulation, n: CacheNode, hostToo: boolean): void {
  const w = sim.w;
  n.inc++;
  n.deathT = w.now;
  n.deathWasHost = hostToo;
  n.data = emptyDataset(sim.spec.workload.keys);
  n.busyUntil = w.now;
  n.fsyncBusy = false;
  n.fsyncWaiters = [];
  n.waitOps = [];
  n.link = 'down';
  // The OS page cache survives a process crash but not a reboot or a power cut.
  if (hostToo) {
    n.pageCacheLost = true;
    n.aofWritten = n.aofFsynced;
  }
}

/**
 * How much longer than an RDB file of the same data a pure command-log AOF takes to load. Replay costs per
 * command, so small values make it slow and large ones fast. An empirical fit to Redis 7.0.15 on
 * random values (calibration experiment 6): ≈ 2.2× at 100 bytes, 1.2× at 1 KB, 0.8× at 4 KB.
 */
export function commandLogLoadFactor(valueBytes: number): number {
  const f = 3.95 - 0.38 * Math.log(Math.max(1, valueBytes));
  return Math.min(4, Math.max(0.6, f));
}

/** Bytes of dataset per key beyond its value, to count the keys a dataset of datasetGB holds. [A] */
export const KEY_OVERHEAD_BYTES = 64;

/** Keys in a dataset of datasetGB with values of valueBytes (at least one). */
export function datasetKeys(datasetGB: number, valueBytes: number): number {
  return Math.max(1, Math.round((datasetGB * 1e9) / (valueBytes + KEY_OVERHEAD_BYTES)));
}

/**
 * How a command log's load ratio to RDB grows with the commands it holds: 1 at 100,000. Redis 7.0.15
 * loaded a pure command log in 1.3×, 1.5× and 2.2× the RDB time at 100K, 1M and 5M keys; a straight line
 * in the key count, 1.2986 + 1.81e-7 × keys, fits those three points within 1.5 %. This is an empirical
 * fit, not a mechanism (an RDB file sizes its hash table before loading; a replay grows it as it goes and
 * touches memory further from the CPU caches as the table grows). Held at 10M commands beyond the
 * measurements rather than extrapolated further.
 */
export function commandCountGrowth(commands: number): number {
  const line = (c: number) => 1.2986 + 1.81e-7 * c;
  return line(Math.min(1e7, Math.max(0, commands))) / line(100_000);
}

/**
 * A pure command-log AOF's load time as a multiple of an RDB file of the same data: the value-size fit
 * (commandLogLoadFactor) times the growth with the number of commands (commandCountGrowth). That the two
 * multiply is an assumption [A]: the key-count series was taken at one value size, and at 1 KB values,
 * where the value-size fit gives 1.3×, the product reproduces 1.3×, 1.5× and 2.2× within 3 %.
 */
export function pureAofLoadRatio(valueBytes: number, commands: number): number {
  return commandLogLoadFactor(valueBytes) * commandCountGrowth(commands);
}

/**
 * Load time of a pure command-log AOF holding the dataset (one command a key) and `writes` commands
 * after it, ms: each command costs an RDB load's time per key × pureAofLoadRatio.
 */
export function pureAofLoadMs(rdbMs: number, datasetGB: number, valueBytes: number, writes: number): number {
  const keys = datasetKeys(datasetGB, valueBytes);
  const commands = keys + Math.max(0, writes);
  return (rdbMs / keys) * commands * pureAofLoadRatio(valueBytes, commands);
}

function beginLoad(sim: Simulation, n: CacheNode): void {
  const w = sim.w;
  const p = sim.p;
  let src: LoadSource = { kind: 'empty', stream: -1, applied: 0, backupT: 0 };
  if (!n.diskLost && n.stream >= 0) {
    if (p.cache.aof.enabled) src = { kind: 'aof', stream: n.stream, applied: n.pageCacheLost ? n.aofFsynced : n.aofWritten, backupT: 0 };
    else if (n.rdb) src = { kind: 'rdb', stream: n.rdb.stream, applied: n.rdb.applied, backupT: 0 };
  }
  const others = nodesOf(sim).some((o) => o.idx !== n.idx && processRunning(o) && o.data.size > 0);
  const last = w.backups[w.backups.length - 1];
  if ((src.kind === 'empty' || src.applied === 0) && p.cache.failover.restoreBackupOnTotalLoss && w.primary === n.idx && !others && last) {
    src = { kind: 'backup', stream: last.stream, applied: last.applied, backupT: last.t };
  }
  const rdbMs = (p.server.datasetGB * 1000) / p.server.loadGBps;
  // A preamble AOF loads at RDB speed; a pure command log replays every command in the file, so its load
  // grows with the file: the dataset's keys plus the writes appended since.
  const aofMs = p.cache.aof.rdbPreamble ? rdbMs : pureAofLoadMs(rdbMs, p.server.datasetGB, sim.spec.workload.valueBytes, src.applied);
  const loadMs = src.kind === 'empty' ? 100 : src.kind === 'aof' ? aofMs : rdbMs;
  LoadDone.after(sim, ms(loadMs), n.idx, n.inc, src);
}

export function onLoadDone(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = nodeAt(sim, LoadDone.node(e));
  if (n.inc !== LoadDone.inc(e) || n.slot.value !== 'loading') return;
  const src = LoadDone.source(e);
  const previousStream = n.stream;
  n.data = replay(w.streams, w.writes, src.stream, src.applied, sim.spec.workload.keys);
  n.stream = src.kind === 'empty' ? -1 : src.stream;
  n.applied = src.kind === 'empty' ? 0 : src.applied;
  n.offset = offsetAt(w.streams, w.writes, n.stream, n.applied);
  n.aofWritten = n.aofFsynced = n.applied;
  n.diskLost = false;
  n.pageCacheLost = false;
  n.rdbChanges = 0;
  n.cutOffSince = reachesRegion(w, n.az) ? -1 : w.now;
  if (w.primary === n.idx) {
    // No failover happened: the control plane still points at this node, so it serves as primary with
    // whatever it loaded, under a new replication id. Replicas will copy it, however little it holds.
    const what =
      src.kind === 'empty'
        ? `${n.id} restarted at ${fmtS(w.now)} with no persistence and came back empty`
        : src.kind === 'backup'
          ? `the cluster was restored at ${fmtS(w.now)} from the backup taken at ${fmtS(src.backupT)} (offset ${n.offset})`
          : `${n.id} restarted at ${fmtS(w.now)} and loaded its ${src.kind.toUpperCase()} only up to offset ${n.offset}`;
    // An empty restart still descends from the history it forgot (keeping none of it), which is what
    // lets the lost writes name this restart as their cause.
    if (src.kind === 'empty') n.stream = previousStream;
    forkAsPrimary(sim, n, src.kind === 'backup' ? 'restore-backup' : 'restart', what);
  } else {
    n.role = 'replica';
    n.upstream = w.primary;
    n.link = 'down';
  }
  sendNode(sim, n.idx, { type: 'LOADED' });
}

/** Make n the primary of a new branch of history that keeps its current position. */
export function forkAsPrimary(sim: Simulation, n: CacheNode, cause: Stream['cause'], why: string): void {
  const w = sim.w;
  const fromTerm = n.stream >= 0 ? w.streams[n.stream].term : null;
  const term = w.nextTerm++;
  const s: Stream = {
    id: w.streams.length,
    parent: n.stream,
    base: n.stream >= 0 ? n.applied : 0,
    baseOffset: n.offset,
    entries: [],
    term,
    cause,
    why,
    t: w.now,
    node: n.idx,
  };
  w.streams.push(s);
  n.stream = s.id;
  if (s.parent < 0) {
    n.applied = 0;
    n.offset = 0;
  }
  n.term = term;
  n.role = 'primary';
  n.upstream = -1;
  n.link = 'down';
  n.ackOffset.fill(0);
  n.ackT.fill(-1); // no replica has acknowledged this new primary yet
  n.goodReplicas = 0;
  sim.trace({ type: 'term', t: w.now, node: n.id, term, fromTerm, forkOffset: n.offset, cause });
  sim.trace({ type: 'role', t: w.now, node: n.id, role: 'primary' });
}
