// The command line within its memory budget (README: "Memory budget"), as a child process: its exit code
// and its peak resident memory. Files past the budget are refused before anything runs; a heavy file
// within it runs its presets one after the other and keeps only their summaries.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sim(yaml: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; peakMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'durability-lab-memory-'));
  const file = join(dir, 'heavy.yaml');
  writeFileSync(file, yaml);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/cli-peak-memory.ts', file, ...args], { encoding: 'utf8', timeout: 300_000 });
  const peak = /peak-rss-kb (\d+)\s*$/.exec(r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, peakMb: peak ? Number(peak[1]) / 1024 : NaN };
}

describe('command line memory', () => {
  it('refuses, before running anything, a file whose runs would not fit, naming the numbers', () => {
    // 100,000 writes/s for 50 s with the two default presets: within the per-preset limit of 5,000,000
    // operations, and once a heap-exhausted crash after 1.5 minutes.
    const r = sim('title: Heavy\ndurationS: 50\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 0 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workload: found 2 presets × 5,050,000 operations \(× 125 bytes\) and 1,000 keys × 3 nodes, about [\d,]+ MB to run; expected at most 1,200 MB/);
    expect(r.stdout).toBe('');
    expect(r.peakMb).toBeLessThan(300);
  });

  it('runs a heavy file within the budget with the memory of one run at a time', () => {
    // Four presets past a node's capacity (200,000 requests/s), five replicas, 100,000 keys: 1.6 million
    // operations in all. Holding every run's history (as the command line once did, at about 480 bytes
    // an operation) took 930 MB here; it now takes about 400.
    const r = sim(
      'title: Heavy\ndurationS: 2\ntopology: { primary: a, replicas: [b, c, a, b, c], clients: [a, b, c] }\n' +
        'presets: [elasticache, memorydb, redis-aof-everysec, redis-wait]\n' +
        'workload: { writesPerSec: 100000, readsPerSec: 100000, keys: 100000, valueBytes: 1048576 }\n' +
        'faults:\n  - { at: 1, kind: crash, node: primary }\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('acknowledged writes');
    expect(r.peakMb).toBeLessThan(550);
  });
});
