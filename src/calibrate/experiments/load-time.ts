// Experiment 6. Recovery time against dataset size, RDB against AOF. Absolute load speeds depend on the
// machine, so only ratios are compared: how load time grows with the dataset, and how an AOF compares to an
// RDB file of the same data. The real datasets are random (incompressible) values written by pipelined
// SETs; each is saved as an RDB file, as a pure command log (aof-use-rdb-preamble no) and as Redis 7's
// default multi-part AOF whose base file is an RDB preamble. Redis is then restarted on each file and the
// load time is read from its log ("DB loaded from ...: X seconds").
import { cpSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { RedisClient } from '../client';
import { nodeDir, sleep, startRedis, stop } from '../redis-process';
import { row, type Row } from '../report';
import { counterpartSpec, type CounterpartOptions } from '../sim-counterpart';
import { simulateRun } from '../../sim/run';
import type { Tolerance } from '../verdict';
import type { Context, Experiment } from './context';

const VALUE_BYTES = 4000;
const TOL: Tolerance = { kind: 'near', abs: 0, rel: 0.35 };

export type LoadFormat = 'rdb' | 'aof-pure' | 'aof-preamble';

/** Seconds Redis reports for its last load of `format` in this log, or null when the log has none. */
export function parseLoadSeconds(log: string, format: LoadFormat): number | null {
  const re = format === 'rdb' ? /DB loaded from disk: ([\d.]+) seconds/g : /DB loaded from append only file: ([\d.]+) seconds/g;
  let last: number | null = null;
  for (const m of log.matchAll(re)) last = Number(m[1]);
  return last;
}

export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The model's load time for a restart, ms: the time from the node's `loading` state to `serving` in a
 * simulated crash and restart, with the simulator's own rule deciding (beginLoad in src/sim/designs/cache-style/lifecycle.ts).
 */
export function simLoadMs(format: LoadFormat, datasetGB: number, valueBytes = VALUE_BYTES): number {
  const o: CounterpartOptions = {
    preset: 'elasticache',
    params: {
      server: { datasetGB, loadGBps: 0.5 },
      cache: { aof: { enabled: format !== 'rdb', rdbPreamble: format === 'aof-preamble' }, rdb: { everyS: 1, minChanges: 1 }, backup: { enabled: false }, failover: { mode: 'none' } },
    },
    writesPerSec: 100,
    valueBytes,
    replicas: 0,
    faults: [
      { atS: 3, fault: { kind: 'crash', node: 'primary' } },
      { atS: 3.1, fault: { kind: 'restart', node: 'primary' } },
    ],
    // Loads take at most 4 × 2.4 × datasetGB / 0.5 s (the caps of commandLogLoadFactor and
    // commandCountGrowth); the run ends well after.
    durationS: 3.1 + 20 * datasetGB + 2,
  };
  const states = simulateRun(counterpartSpec(o)).trace.filter((t) => t.type === 'node-state');
  const i = states.findIndex((t) => t.state === 'loading');
  const done = states.slice(i + 1).find((t) => t.node === states[i]?.node);
  if (i < 0 || !done) throw new Error('the simulated node never finished loading');
  return (done.t - states[i].t) / 1000;
}

interface SizeResult {
  mb: number;
  keys: number;
  /** Redis's used_memory_dataset after the fill, GB: the model's datasetGB. */
  datasetGB: number;
  /** Median load seconds per format. */
  load: Record<LoadFormat, number>;
  samples: Record<LoadFormat, number[]>;
  fileMB: Record<LoadFormat, number>;
}

/** SETs of distinct random values, pipelined in batches. */
async function fill(c: RedisClient, keys: number): Promise<void> {
  const pool = randomBytes(1 << 20).toString('base64');
  const batch = 2000;
  for (let start = 0; start < keys; start += batch) {
    const sends: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(keys, start + batch); i++) {
      const off = (i * 7919) % (pool.length - VALUE_BYTES);
      sends.push(c.send('SET', `d:${i}`, pool.slice(off, off + VALUE_BYTES)));
    }
    const replies = await Promise.all(sends);
    if (replies.some((r) => r !== 'OK')) throw new Error('a fill SET was refused');
  }
}

async function waitRewrite(c: RedisClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const i = await c.info('persistence');
    if (i.aof_rewrite_in_progress === '0' && i.aof_rewrite_scheduled === '0' && i.aof_enabled === '1') {
      if (i.aof_last_bgrewrite_status !== 'ok') throw new Error('AOF rewrite failed');
      return;
    }
    if (Date.now() > deadline) throw new Error('AOF rewrite did not finish');
    await sleep(10);
  }
}

function fileMB(dir: string, format: LoadFormat): number {
  const names = format === 'rdb' ? ['dump.rdb'] : readFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), 'utf8').split('\n').map((l) => /file (\S+)/.exec(l)?.[1]).filter((f): f is string => !!f);
  let bytes = 0;
  for (const n of names) bytes += readFileSync(join(dir, format === 'rdb' ? '' : 'appendonlydir', n)).length;
  return bytes / 1e6;
}

function confFor(format: LoadFormat): string[] {
  if (format === 'rdb') return ['appendonly no'];
  return ['appendonly yes', `aof-use-rdb-preamble ${format === 'aof-preamble' ? 'yes' : 'no'}`, 'auto-aof-rewrite-percentage 0'];
}

async function measureSize(mb: number, repeats: number): Promise<SizeResult> {
  const keys = Math.round((mb * 1e6) / VALUE_BYTES);
  const dirs: Record<LoadFormat, string> = { rdb: '', 'aof-pure': nodeDir(`load-${mb}-pure`), 'aof-preamble': nodeDir(`load-${mb}-preamble`) };
  const node = await startRedis({ name: `load-${mb}`, conf: ['aof-use-rdb-preamble no', 'auto-aof-rewrite-percentage 0'] });
  dirs.rdb = node.dir;
  let datasetGB: number;
  try {
    const c = await RedisClient.open(node.port);
    await fill(c, keys);
    datasetGB = Number((await c.info('memory')).used_memory_dataset) / 1e9;
    await c.must('SAVE');
    // Turning AOF on writes the whole dataset as a new base file: a command log while the preamble is off.
    await c.must('CONFIG', 'SET', 'appendonly', 'yes');
    await waitRewrite(c);
    cpSync(join(node.dir, 'appendonlydir'), join(dirs['aof-pure'], 'appendonlydir'), { recursive: true });
    await c.must('CONFIG', 'SET', 'aof-use-rdb-preamble', 'yes');
    await c.must('BGREWRITEAOF');
    await sleep(20);
    await waitRewrite(c);
    cpSync(join(node.dir, 'appendonlydir'), join(dirs['aof-preamble'], 'appendonlydir'), { recursive: true });
    c.close();
  } finally {
    await stop(node);
  }
  const formats: LoadFormat[] = ['rdb', 'aof-pure', 'aof-preamble'];
  const samples = { rdb: [], 'aof-pure': [], 'aof-preamble': [] } as Record<LoadFormat, number[]>;
  // Interleaved, so a slow spell of the machine touches every format rather than one.
  for (let r = 0; r < repeats; r++) {
    for (const f of formats) {
      const n = await startRedis({ name: `load-${mb}-${f}`, dir: dirs[f], conf: confFor(f) });
      try {
        if (r === 0) {
          const c = await RedisClient.open(n.port);
          const size = await c.must('DBSIZE');
          c.close();
          if (size !== keys) throw new Error(`${f} restart of ${mb} MB holds ${String(size)} keys, expected ${keys}`);
        }
      } finally {
        await stop(n);
      }
      const s = parseLoadSeconds(readFileSync(join(dirs[f], 'redis.log'), 'utf8'), f);
      if (s === null) throw new Error(`no load time in ${dirs[f]}/redis.log`);
      samples[f].push(s);
    }
  }
  const load = { rdb: median(samples.rdb), 'aof-pure': median(samples['aof-pure']), 'aof-preamble': median(samples['aof-preamble']) };
  const files = { rdb: fileMB(dirs.rdb, 'rdb'), 'aof-pure': fileMB(dirs['aof-pure'], 'aof-pure'), 'aof-preamble': fileMB(dirs['aof-preamble'], 'aof-preamble') };
  return { mb, keys, datasetGB, load, samples, fileMB: files };
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(3)).join('/');

export const loadTime: Experiment = {
  id: 'load-time',
  title: 'Recovery time against dataset size, RDB against AOF (ratios)',
  async run(ctx: Context): Promise<Row[]> {
    // Load times of tenths of a second swing by 2× while other tests share the CPU, so this experiment
    // runs in the full suite (npm run calibrate) on a quiet machine, not in the reduced set of npm test.
    if (ctx.quick) {
      ctx.log('  skipped in the reduced set: wall-clock load times need a quiet machine (npm run calibrate)');
      return [];
    }
    const sizes = [20, 80, 160];
    const repeats = 5;
    const results: SizeResult[] = [];
    for (const mb of sizes) {
      const m = await measureSize(mb, repeats);
      ctx.log(
        `  ${mb} MB (${m.keys} keys, dataset ${(m.datasetGB * 1000).toFixed(1)} MB): load s RDB ${fmt(m.samples.rdb)}, pure AOF ${fmt(m.samples['aof-pure'])}, AOF+preamble ${fmt(m.samples['aof-preamble'])}`,
      );
      results.push(m);
    }
    const rows: Row[] = [];
    const small = results[0];
    for (const big of results.slice(1)) {
      const measured = big.load.rdb / small.load.rdb;
      const predicted = simLoadMs('rdb', big.datasetGB) / simLoadMs('rdb', small.datasetGB);
      rows.push(
        row(
          '6 load time',
          `RDB load time ${big.mb} MB / ${small.mb} MB`,
          measured,
          predicted,
          'ratio',
          TOL,
          `median of ${repeats} loads: ${big.load.rdb.toFixed(3)} s / ${small.load.rdb.toFixed(3)} s; datasets ${(big.datasetGB * 1000).toFixed(1)} / ${(small.datasetGB * 1000).toFixed(1)} MB (used_memory_dataset); ${VALUE_BYTES}-byte random values`,
        ),
      );
    }
    const big = results[results.length - 1];
    for (const f of ['aof-pure', 'aof-preamble'] as const) {
      rows.push(
        row(
          '6 load time',
          f === 'aof-pure' ? 'AOF / RDB load time, pure command log' : 'AOF / RDB load time, RDB preamble (default)',
          big.load[f] / big.load.rdb,
          simLoadMs(f, big.datasetGB) / simLoadMs('rdb', big.datasetGB),
          'ratio',
          TOL,
          `${big.mb} MB dataset, median of ${repeats} loads: ${big.load[f].toFixed(3)} s / ${big.load.rdb.toFixed(3)} s; files ${big.fileMB[f].toFixed(1)} MB / ${big.fileMB.rdb.toFixed(1)} MB`,
        ),
      );
    }
    return rows;
  },
};
