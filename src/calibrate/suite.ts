// Runs the experiments against real Redis and collects the report. Shared by the CLI and the tests.
import { cpus, platform } from 'node:os';
import { EXPERIMENTS } from './experiments/index';
import type { Context, Experiment } from './experiments/context';
import { latencyFigureRows } from './latency-figures';
import { redisVersion, stopAll } from './redis-process';
import type { Report, Row } from './report';

export interface SuiteOptions {
  quick: boolean;
  /** Only these experiment ids (default: all). */
  only?: string[];
  log?: (line: string) => void;
}

/**
 * An experiment that throws (a real process on a busy machine: a port taken, an fsync the trace saw that
 * the file does not hold yet) is run once more; only a second exception ends the suite. Disagreements
 * are not retried here: a failing row stays in the report.
 */
export async function runOnceMore(e: Experiment, ctx: Context): Promise<Row[]> {
  try {
    return await e.run(ctx);
  } catch (first) {
    ctx.log(`  ${e.id} threw (${first instanceof Error ? first.message : String(first)}); running it once more`);
    await stopAll();
    return await e.run(ctx);
  }
}

export async function runSuite(o: SuiteOptions): Promise<Report> {
  const version = redisVersion();
  if (version === null) throw new Error('redis-server is not installed (try: bash scripts/ensure-redis.sh)');
  const log = o.log ?? (() => {});
  const started = Date.now();
  const rows: Row[] = latencyFigureRows();
  try {
    for (const e of EXPERIMENTS) {
      if (o.only && !o.only.includes(e.id)) continue;
      log(`${e.title}`);
      rows.push(...(await runOnceMore(e, { quick: o.quick, log })));
    }
  } finally {
    await stopAll();
  }
  return {
    redisVersion: version,
    date: new Date().toISOString(),
    quick: o.quick,
    machine: {
      platform: `${platform()} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      notes: 'all processes on one machine over 127.0.0.1; replication delay and stalls from a delaying proxy whose queue is dropped at the crash',
    },
    durationS: Math.round((Date.now() - started) / 100) / 10,
    rows,
  };
}
