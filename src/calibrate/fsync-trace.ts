// Reads an `strace -f -ttt -e trace=write,fdatasync,fsync` log of redis-server to find how many bytes of
// the AOF were on disk for sure: the bytes written to the AOF's descriptor before the start of the last
// fdatasync/fsync of it that completed. A machine that dies keeps exactly that prefix of the file.

export interface FsyncPoint {
  /** Wall-clock time (s since the epoch) at which that fsync started. */
  startedAtS: number;
  /** Bytes it covered. */
  bytes: number;
}

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;

/**
 * Only lines from `sinceS` on count: descriptor numbers are reused, so writes to the same number before
 * the AOF was opened belong to other files. `bytes` are counted from that moment.
 */
export function durablePrefix(trace: string, fd: number, sinceS = 0): { bytesWritten: number; lastFsync: FsyncPoint | null } {
  let written = 0;
  let last: FsyncPoint | null = null;
  // fsyncs that started but whose result line has not been seen yet, per thread.
  const open = new Map<string, FsyncPoint>();
  const syncCall = new RegExp(`^(fdatasync|fsync)\\(${fd}\\b`);
  const writeCall = new RegExp(`^write\\(${fd},.*\\)\\s+=\\s+(\\d+)`);
  const writeStart = new RegExp(`^write\\(${fd},`);
  const pendingWrite = new Set<string>();
  for (const raw of trace.split('\n')) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const [, tid, ts, rest] = m;
    const t = Number(ts);
    if (t < sinceS) continue;
    const sync = syncCall.exec(rest);
    if (sync) {
      const point = { startedAtS: t, bytes: written };
      if (/\)\s+=\s+0/.test(rest)) last = point;
      else if (rest.includes('<unfinished ...>')) open.set(tid, point);
      continue;
    }
    const resumedSync = /^<\.\.\. (fdatasync|fsync) resumed>.*=\s+(-?\d+)/.exec(rest);
    if (resumedSync) {
      const p = open.get(tid);
      open.delete(tid);
      if (p && resumedSync[2] === '0') last = p;
      continue;
    }
    const w = writeCall.exec(rest);
    if (w) {
      written += Number(w[1]);
      continue;
    }
    if (writeStart.test(rest) && rest.includes('<unfinished ...>')) {
      pendingWrite.add(tid);
      continue;
    }
    const resumedWrite = /^<\.\.\. write resumed>.*=\s+(\d+)/.exec(rest);
    if (resumedWrite && pendingWrite.has(tid)) {
      pendingWrite.delete(tid);
      written += Number(resumedWrite[1]);
    }
  }
  return { bytesWritten: written, lastFsync: last };
}
