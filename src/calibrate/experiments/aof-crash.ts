// Experiment 5. AOF everysec against always. A process crash keeps what Redis wrote (the kernel holds
// it), so both lose nothing. The death of the machine keeps only what was fsynced: modelled by cutting
// the AOF back to the last byte an fsync covered (found by tracing Redis's syscalls) and starting Redis
// on that file.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { RedisClient } from '../client';
import { durablePrefix } from '../fsync-trace';
import { measureFsyncMs } from '../fsync-cost';
import { crash, sleep, startRedis, stop } from '../redis-process';
import { row, type Row } from '../report';
import { meanOverSeeds } from '../sim-counterpart';
import { missingKeys, paceWrites } from '../workload';
import type { AppendFsync, PresetId } from '../../sim/types';
import type { Context, Experiment } from './context';

const RATE = 1000;
const WRITE_MS = 2300;

export function straceAvailable(): boolean {
  const r = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function conf(fsync: AppendFsync): string[] {
  // No RDB preamble and no automatic rewrite: the incremental AOF file then holds every write as a command.
  return ['appendonly yes', `appendfsync ${fsync}`, 'aof-use-rdb-preamble no', 'auto-aof-rewrite-percentage 0', 'aof-load-truncated yes'];
}

function aofFd(pid: number): { fd: number; path: string } {
  const dir = `/proc/${pid}/fd`;
  for (const f of readdirSync(dir)) {
    const target = readlinkSync(join(dir, f));
    if (target.endsWith('.incr.aof')) return { fd: Number(f), path: target };
  }
  throw new Error('redis-server has no incremental AOF open');
}

interface Measured {
  lost: number;
  acked: number;
  /** Time from the start of the last completed fsync to the crash, s (machine death only). */
  phaseS: number;
}

async function measure(fsync: AppendFsync, machineDies: boolean): Promise<Measured> {
  const name = `aof-${fsync}`;
  const tracePath = (dir: string) => join(dir, 'syscalls.txt');
  let node = await startRedis({ name, conf: conf(fsync) });
  if (machineDies) {
    // Start again, this time under strace, in the same folder so the AOF layout is already in place.
    const dir = node.dir;
    await stop(node);
    node = await startRedis({ name, dir, conf: conf(fsync), wrap: ['strace', '-f', '-qq', '-ttt', '-e', 'trace=write,fdatasync,fsync', '-o', tracePath(dir)] });
  }
  const { fd, path } = aofFd(node.pid);
  // Idle now, so the file's size and this instant mark where the traced writes start to count.
  const baseBytes = statSync(path).size;
  const sinceS = Date.now() / 1000;
  const c = await RedisClient.open(node.port);
  const w = paceWrites(c, RATE, 'a');
  await sleep(WRITE_MS);
  const crashAtS = Date.now() / 1000;
  await crash(node);
  const log = await w.stop();
  c.close();
  let phaseS = 0;
  if (machineDies) {
    const { lastFsync } = durablePrefix(readFileSync(tracePath(node.dir), 'utf8'), fd, sinceS);
    const keep = baseBytes + (lastFsync?.bytes ?? 0);
    if (keep > statSync(path).size) throw new Error(`trace says ${keep} bytes were fsynced but the AOF holds fewer`);
    truncateSync(path, keep);
    phaseS = lastFsync ? crashAtS - lastFsync.startedAtS : 0;
  }
  const restarted = await startRedis({ name, dir: node.dir, port: node.port, conf: conf(fsync) });
  try {
    const missing = await missingKeys(restarted.port, 'a', log.acked);
    return { lost: missing.length, acked: log.acked.length, phaseS };
  } finally {
    await stop(restarted);
  }
}

/**
 * Redis's everysec fsync is due a second after the last one started; on a busy machine it can start late,
 * and a crash more than a second after the last fsync then finds the next one not done.
 */
export function fsyncWasLate(phaseS: number): boolean {
  return phaseS >= 1;
}

export function predict(preset: PresetId, machineDies: boolean, phaseS: number, fsyncMs: number): number {
  // The model fsyncs on whole seconds; placing its crash `phaseS` after one reproduces the real timing.
  const at = 3 + (machineDies ? phaseS : 0.5);
  // When the real server's next fsync was late, the model's next one is held back the same way: an fsync
  // stall from between the two until after the crash, so neither covers the writes after the last fsync.
  const late = machineDies && fsyncWasLate(phaseS) ? [{ atS: 3.5, fault: { kind: 'fsync-stall' as const, node: 'primary', durationMs: Math.round((at + 0.5 - 3.5) * 1000) } }] : [];
  const faults = machineDies
    ? [...late, { atS: at, fault: { kind: 'power-loss' as const, durationS: 0.2 } }]
    : [
        { atS: at, fault: { kind: 'crash' as const, node: 'primary' } },
        { atS: at + 0.1, fault: { kind: 'restart' as const, node: 'primary' } },
      ];
  return meanOverSeeds(
    {
      preset,
      params: { server: { fsyncMs, rebootMs: 100 }, cache: { failover: { mode: 'none' } } },
      writesPerSec: RATE,
      replicas: 0,
      faults,
      durationS: at + 3,
    },
    3,
    (s) => s.lostAcked.length,
  );
}

export const aofCrash: Experiment = {
  id: 'aof-crash',
  title: 'AOF everysec against always: process crash and machine death',
  async run(ctx: Context): Promise<Row[]> {
    const rows: Row[] = [];
    const fsyncMs = measureFsyncMs();
    const cases: { fsync: AppendFsync; preset: PresetId; dies: boolean }[] = [
      { fsync: 'everysec', preset: 'redis-aof-everysec', dies: true },
      { fsync: 'always', preset: 'redis-aof-always', dies: true },
      ...(ctx.quick
        ? []
        : [
            { fsync: 'everysec' as const, preset: 'redis-aof-everysec' as const, dies: false },
            { fsync: 'always' as const, preset: 'redis-aof-always' as const, dies: false },
          ]),
    ];
    const tracing = straceAvailable();
    for (const k of cases) {
      if (k.dies && !tracing) {
        ctx.log(`  skipped AOF ${k.fsync} machine death: strace is not installed`);
        continue;
      }
      const m = await measure(k.fsync, k.dies);
      const p = predict(k.preset, k.dies, m.phaseS, fsyncMs);
      const what = k.dies ? 'machine dies' : 'process crash';
      ctx.log(`  AOF ${k.fsync}, ${what}: lost ${m.lost} of ${m.acked} (model ${p.toFixed(1)})`);
      rows.push(
        row(
          '5 AOF persistence',
          `appendfsync ${k.fsync}, ${what}`,
          m.lost,
          p,
          'lost acked writes',
          k.fsync === 'always' || !k.dies ? { kind: 'exact' } : { kind: 'near', abs: 15, rel: 0.15 },
          k.dies
            ? `AOF cut to the last fsynced byte; crash ${m.phaseS.toFixed(3)} s after that fsync started${fsyncWasLate(m.phaseS) ? ' (the next one was late: the model is given an fsync stall to match)' : ''}; ${RATE} writes/s`
            : `restart on the untouched AOF; ${RATE} writes/s`,
        ),
      );
    }
    return rows;
  },
};
