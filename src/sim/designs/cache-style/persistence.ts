// Node-local persistence (model.md §2.1): the AOF with its fsync policy, periodic RDB snapshots, and the
// service's backups of the primary.
import { reply } from '../../clients';
import type { Ev } from '../../world';
import type { Simulation } from '../../engine';
import { CACHE_KIND, ControlTick, FsyncDone, NodeTick } from './events';
import { nodeAt, processRunning, type CacheNode } from './node';

const ms = (x: number) => Math.round(x * 1000);

export function startFsync(sim: Simulation, n: CacheNode): void {
  const w = sim.w;
  n.fsyncBusy = true;
  n.fsyncStartT = w.now;
  const done = Math.max(w.now + ms(sim.p.server.fsyncMs), n.fsyncStallUntil);
  FsyncDone.at(sim, done, n.idx, n.aofWritten, n.inc);
}

export function onFsyncDone(sim: Simulation, e: Ev): void {
  const n = nodeAt(sim, FsyncDone.node(e));
  if (n.inc !== FsyncDone.inc(e)) return;
  n.fsyncBusy = false;
  const upTo = FsyncDone.upTo(e);
  if (upTo > n.aofFsynced) n.aofFsynced = upTo;
  if (n.fsyncWaiters.length > 0) {
    const keep: typeof n.fsyncWaiters = [];
    for (const wt of n.fsyncWaiters) {
      if (wt.idx <= n.aofFsynced) reply(sim, wt.op, n.idx, Math.max(sim.w.now, wt.finish), -1);
      else keep.push(wt);
    }
    n.fsyncWaiters = keep;
    if (keep.length > 0) startFsync(sim, n);
  }
}

export function onFsyncTick(sim: Simulation, idx: number): void {
  const n = nodeAt(sim, idx);
  const aof = sim.p.cache.aof;
  NodeTick.after(sim, CACHE_KIND.FSYNC_TICK, ms(aof.fsync === 'everysec' ? 1000 : aof.osFlushMs), idx);
  if (!processRunning(n)) return;
  if (aof.fsync === 'no') {
    if (sim.w.now >= n.fsyncStallUntil) n.aofFsynced = n.aofWritten; // the kernel's periodic writeback
    return;
  }
  if (!n.fsyncBusy && n.aofWritten > n.aofFsynced) startFsync(sim, n);
}

export function onRdbTick(sim: Simulation, idx: number): void {
  const n = nodeAt(sim, idx);
  const rdb = sim.p.cache.rdb;
  NodeTick.after(sim, CACHE_KIND.RDB_TICK, rdb.everyS * 1e6, idx);
  if (n.slot.value !== 'serving' || n.rdbChanges < rdb.minChanges || n.stream < 0) return;
  // BGSAVE: the fork stalls the node; the file then holds the data as of the fork. (Writing it takes
  // time in reality; the model makes it available at once, which can only understate RDB's loss.)
  const srv = sim.p.server;
  n.busyUntil = Math.max(sim.w.now, n.busyUntil) + Math.round(srv.forkMsPerGB * srv.datasetGB * 1000);
  n.rdb = { stream: n.stream, applied: n.applied, offset: n.offset };
  n.rdbChanges = 0;
}

export function onBackupTick(sim: Simulation): void {
  const w = sim.w;
  ControlTick.after(sim, CACHE_KIND.BACKUP_TICK, sim.p.cache.backup.intervalS * 1e6);
  const p = nodeAt(sim, w.primary);
  if (p.slot.value !== 'serving' || p.role !== 'primary' || p.stream < 0) return;
  w.backups.push({ t: w.now, stream: p.stream, applied: p.applied, offset: p.offset, term: p.term });
  sim.trace({ type: 'backup', t: w.now, offset: p.offset, term: p.term });
}
