import { describe, expect, it } from 'vitest';
import { durablePrefix } from '../../src/calibrate/fsync-trace';

// Shaped like `strace -f -qq -ttt -e trace=write,fdatasync,fsync` output of redis-server.
const TRACE = [
  '100 1000.000000 write(9, "old file"..., 50) = 50',
  '100 1000.500000 write(7, "*3\\r\\n$3\\r\\nSET"..., 40) = 40',
  '101 1000.600000 fdatasync(7 <unfinished ...>',
  '100 1000.600100 write(7, "*3\\r\\n$3\\r\\nSET"..., 40) = 40',
  '101 1000.602000 <... fdatasync resumed>) = 0',
  '100 1000.700000 write(7, "*3\\r\\n$3\\r\\nSET"..., 40 <unfinished ...>',
  '100 1000.700100 <... write resumed>) = 40',
  '101 1001.600000 fdatasync(7 <unfinished ...>',
].join('\n');

describe('the fsynced prefix of the AOF', () => {
  it('covers the bytes written before the last fsync that completed, not one still running', () => {
    const r = durablePrefix(TRACE, 7);
    expect(r.bytesWritten).toBe(120);
    expect(r.lastFsync).toEqual({ startedAtS: 1000.6, bytes: 40 });
  });

  it('ignores other descriptors and lines before the AOF was opened', () => {
    expect(durablePrefix(TRACE, 7, 1000.6).lastFsync).toEqual({ startedAtS: 1000.6, bytes: 0 });
    expect(durablePrefix(TRACE, 9).bytesWritten).toBe(50);
  });

  it('reads an fsync that strace printed on one line (appendfsync always, main thread)', () => {
    const t = '100 5.0 write(7, "x"..., 10) = 10\n100 5.1 fdatasync(7) = 0\n100 5.2 write(7, "y"..., 10) = 10';
    expect(durablePrefix(t, 7).lastFsync).toEqual({ startedAtS: 5.1, bytes: 10 });
  });
});
