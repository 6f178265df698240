// The cost of one fsync on this machine's disk. The model's default (2 ms) stands for EBS; comparing the
// model with a local Redis is only fair with the local figure, so it is measured and passed to the model.
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDir } from './redis-process';

/** Median time of appending a small record and fdatasync-ing it, in ms (what appendfsync always does). */
export function measureFsyncMs(samples = 200): number {
  const dir = nodeDir('fsync-probe');
  const path = join(dir, 'probe.aof');
  const fd = openSync(path, 'a');
  const times: number[] = [];
  try {
    const record = Buffer.alloc(64, 'x');
    for (let i = 0; i < samples; i++) {
      writeSync(fd, record);
      const t = process.hrtime.bigint();
      fdatasyncSync(fd);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
