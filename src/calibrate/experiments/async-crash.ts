// Experiment 1. Asynchronous replication, primary crash, replica promoted: the acknowledged writes lost
// should be about write rate × replication delay, because the delay is data the primary already
// acknowledged but that had not left for the replica when it died.
import { RedisClient } from '../client';
import { crash, sleep } from '../redis-process';
import { promote, startPair, stopPair } from '../replication';
import { row, type Row } from '../report';
import { meanOverSeeds } from '../sim-counterpart';
import { missingKeys, paceWrites } from '../workload';
import type { Context, Experiment } from './context';

const WRITE_S = 1.5;

export async function measureCrashLoss(rate: number, delayMs: number): Promise<{ lost: number; acked: number; rate: number }> {
  const pair = await startPair(`async-${rate}-${delayMs}`, delayMs);
  try {
    const c = await RedisClient.open(pair.primary.port);
    const w = paceWrites(c, rate, 'k');
    // Run past the delay so the link is in a steady state when the crash hits.
    await sleep(Math.max(WRITE_S * 1000, 2 * delayMs + 500));
    const sentAtCrash = w.log.sent;
    const crashSpanS = (Date.now() - w.log.startedAt) / 1000;
    await crash(pair.primary);
    const log = await w.stop();
    c.close();
    // Whatever the proxy had already forwarded is in the replica's socket: let it be applied.
    await sleep(100);
    await promote(pair.replica);
    const missing = await missingKeys(pair.replica.port, 'k', log.acked);
    return { lost: missing.length, acked: log.acked.length, rate: sentAtCrash / crashSpanS };
  } finally {
    await stopPair(pair);
  }
}

export function predictCrashLoss(rate: number, delayMs: number): number {
  const crashAtS = Math.max(WRITE_S, (2 * delayMs + 500) / 1000) + 0.5;
  return meanOverSeeds(
    {
      preset: 'elasticache',
      params: { cache: { replicationDelayMs: delayMs } },
      writesPerSec: rate,
      replicas: 1,
      faults: [{ atS: crashAtS, fault: { kind: 'crash', node: 'primary' } }],
      durationS: crashAtS + 2,
    },
    rate * delayMs < 100_000 ? 5 : 2,
    (s) => s.lostAcked.length,
  );
}

export const asyncCrash: Experiment = {
  id: 'async-crash',
  title: 'Asynchronous replication: primary crash, replica promoted',
  async run(ctx: Context): Promise<Row[]> {
    const cases: [number, number][] = ctx.quick
      ? [[1000, 100]]
      : [
          [1000, 10],
          [1000, 100],
          [1000, 500],
          [1000, 1000],
          [5000, 100],
        ];
    const rows: Row[] = [];
    for (const [rate, delay] of cases) {
      const m = await measureCrashLoss(rate, delay);
      const p = predictCrashLoss(rate, delay);
      ctx.log(`  ${rate}/s × ${delay} ms: lost ${m.lost} of ${m.acked} acknowledged (predicted ${p.toFixed(1)})`);
      rows.push(
        row(
          '1 async replication crash',
          `${rate} writes/s, ${delay} ms delay`,
          m.lost,
          p,
          'lost acked writes',
          // Small counts are Poisson-noisy (±√n) and timers on a busy 2-core machine add a few ms.
          { kind: 'near', abs: 8, rel: 0.25 },
          `rate × delay = ${(rate * delay) / 1000}; measured rate ${Math.round(m.rate)}/s, ${m.acked} acknowledged`,
        ),
      );
    }
    return rows;
  },
};
