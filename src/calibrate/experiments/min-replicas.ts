// Experiment 3. min-replicas-to-write 1. On a stalled link the primary refuses writes once the replica's
// last ACK is more than min-replicas-max-lag whole seconds old, which bounds what a crash can lose: measured
// with max-lag 1 s and 2 s, the primary killed while it refuses, the replica promoted. Under a steady
// delay the replica still ACKs every second, so nothing is refused and the loss is rate × delay.
//
// Redis counts this in replicationCron, once a second: the replica sends REPLCONF ACK from its cron, the
// primary refreshes its good-replica count from its own, with ACK ages in whole seconds of its clock. So
// the refusal comes about max-lag + 1 s after the last ACK the link carried, and how long after the stall
// depends on when in the second the stall began. The proxy records when each ACK passed, and the model's
// stall is placed as long after one of its replica's ACKs as the real stall came after Redis's last one.
import { RedisClient } from '../client';
import { crash, sleep } from '../redis-process';
import { promote, startPair, stopPair } from '../replication';
import { row, type Row } from '../report';
import { counterpartSpec, meanOverSeeds, type CounterpartOptions } from '../sim-counterpart';
import { simulateRun } from '../../sim/run';
import { replicationCronPhaseUs } from '../../sim/designs/cache-style/replication';
import { missingKeys, paceWrites } from '../workload';
import type { Context, Experiment } from './context';

const RATE = 1000;
const STALL_LAGS_S = [1, 2];
const STEADY_LAG_S = 2;
/** How long after the first refusal the primary is killed: still inside the stall, writes refused. */
const CRASH_AFTER_REFUSAL_MS = 300;
const conf = (maxLagS: number) => ['min-replicas-to-write 1', `min-replicas-max-lag ${maxLagS}`];

export interface StallMeasurement {
  maxLagS: number;
  /** From the stall to the first NOREPLICAS reply. */
  refusedAfterS: number;
  /** Acknowledged writes the promoted replica does not have. */
  lost: number;
  /** From the replica's last REPLCONF ACK before the stall to the stall. */
  ackToStallMs: number;
  /** From the stall to the primary's death. */
  crashAfterS: number;
  /** From the refusal (the primary's replicationCron) to the nearest ACK from the replica's cron (held by the stall). */
  refusalToAckMs: number;
}

async function stalled(maxLagS: number): Promise<StallMeasurement> {
  const pair = await startPair(`minrep-stall-${maxLagS}`, 0, conf(maxLagS));
  try {
    const proxy = pair.proxy!;
    const c = await RedisClient.open(pair.primary.port);
    const w = paceWrites(c, RATE, 's');
    await sleep(1000);
    const stallT = Date.now();
    const stallAt = stallT - w.log.startedAt;
    proxy.stall();
    const lastAck = proxy.replicaAcks.filter((t) => t <= stallT).at(-1);
    const deadline = Date.now() + (maxLagS + 6) * 1000;
    // A primary whose replica has only just connected can refuse a few writes before its once-a-second
    // recount sees the replica: only refusals from the stall on are measured.
    const afterStall = () => w.log.refused.find((r) => r.atMs >= stallAt);
    while (!afterStall() && Date.now() < deadline) await sleep(20);
    const first = afterStall();
    if (!first) throw new Error(`max-lag ${maxLagS} s: no write was refused within ${maxLagS + 6} s of the stall`);
    if (lastAck === undefined) throw new Error(`max-lag ${maxLagS} s: the proxy saw no REPLCONF ACK before the stall`);
    await sleep(CRASH_AFTER_REFUSAL_MS);
    const crashT = Date.now();
    await crash(pair.primary);
    const log = await w.stop();
    c.close();
    await sleep(100);
    await promote(pair.replica);
    const refusalT = first.atMs + w.log.startedAt;
    const nearest = proxy.replicaAcks.reduce((a, t) => (Math.abs(t - refusalT) < Math.abs(a - refusalT) ? t : a), Infinity);
    return {
      maxLagS,
      refusedAfterS: (first.atMs - stallAt) / 1000,
      lost: (await missingKeys(pair.replica.port, 's', log.acked)).length,
      ackToStallMs: stallT - lastAck,
      crashAfterS: (crashT - stallT) / 1000,
      refusalToAckMs: nearest - refusalT,
    };
  } finally {
    await stopPair(pair);
  }
}

/**
 * The model's counterpart of a stalled run: the stall as long after one of the model replica's ACKs (sent
 * from its replication cron) as the real one came after Redis's, the crash as long after the stall.
 */
export function stallCounterpart(maxLagS: number, ackToStallMs: number, crashAfterS: number): CounterpartOptions {
  const params = { cache: { minReplicasMaxLagS: maxLagS } };
  const base = counterpartSpec({ preset: 'redis-min-replicas', params, writesPerSec: RATE, replicas: 1, faults: [], durationS: 1 });
  const stallS = 1 + replicationCronPhaseUs(base.params) / 1e6 + ackToStallMs / 1000;
  return {
    preset: 'redis-min-replicas',
    params,
    writesPerSec: RATE,
    replicas: 1,
    faults: [
      { atS: stallS, fault: { kind: 'link-stall', node: 'replica' } },
      { atS: stallS + crashAfterS, fault: { kind: 'crash', node: 'primary' } },
    ],
    durationS: Math.ceil(stallS + crashAfterS + 3),
  };
}

/** The model's first NOREPLICAS after the stall, in seconds from it, and its mean loss over a few seeds. */
export function predictStall(o: CounterpartOptions): { refusedAfterS: number; lost: number } {
  const stallUs = Math.round(o.faults[0].atS * 1e6);
  const first = simulateRun(counterpartSpec(o))
    .historyLog.events()
    .find((e) => e.type === 'fail' && e.error === 'NOREPLICAS' && e.t >= stallUs);
  return { refusedAfterS: first ? (first.t - stallUs) / 1e6 : Infinity, lost: meanOverSeeds(o, 3, (s) => s.lostAcked.length) };
}

async function steadyDelay(delayMs: number): Promise<{ refused: number; lost: number }> {
  const pair = await startPair('minrep-delay', delayMs, conf(STEADY_LAG_S));
  try {
    const c = await RedisClient.open(pair.primary.port);
    const w = paceWrites(c, RATE, 'd');
    await sleep(2500);
    await crash(pair.primary);
    const log = await w.stop();
    c.close();
    await sleep(100);
    await promote(pair.replica);
    return { refused: log.refused.length, lost: (await missingKeys(pair.replica.port, 'd', log.acked)).length };
  } finally {
    await stopPair(pair);
  }
}

const WITHIN_15 = { kind: 'near', abs: 0, rel: 0.15 } as const;

/** Where the primary's recount fell against the replica's cron (the model puts them at one instant). */
const recount = (ms: number) => `Redis's recount ran ${Math.abs(ms)} ms ${ms >= 0 ? 'before' : 'after'} an ACK from the replica's cron`;

export const minReplicas: Experiment = {
  id: 'min-replicas',
  title: 'min-replicas-to-write 1: a stalled link (max-lag 1 s, 2 s) and a steady delay (max-lag 2 s)',
  async run(ctx: Context): Promise<Row[]> {
    const rows: Row[] = [];
    for (const lag of STALL_LAGS_S) {
      const s = await stalled(lag);
      const p = predictStall(stallCounterpart(lag, s.ackToStallMs, s.crashAfterS));
      ctx.log(
        `  max-lag ${lag} s, stalled link: refused ${s.refusedAfterS.toFixed(3)} s after the stall (model ${p.refusedAfterS.toFixed(3)} s), ` +
          `lost ${s.lost} (model ${p.lost.toFixed(0)}); last ACK ${s.ackToStallMs} ms before the stall; ${recount(s.refusalToAckMs)}`,
      );
      const geometry = `the stall began ${s.ackToStallMs} ms after the replica's last ACK, and so does the model's`;
      rows.push(
        row('3 min-replicas', `stalled link, max-lag ${lag} s: first NOREPLICAS after the stall`, s.refusedAfterS, p.refusedAfterS, 's', WITHIN_15, `${geometry}; ${recount(s.refusalToAckMs)}`),
        row('3 min-replicas', `stalled link, max-lag ${lag} s: lost when the primary dies in the stall`, s.lost, p.lost, 'lost acked writes', WITHIN_15, `primary killed ${s.crashAfterS.toFixed(2)} s after the stall, replica promoted; ≈ ${RATE} writes/s × the time to the first refusal`),
      );
    }
    const delay = 500;
    const d = await steadyDelay(delay);
    const base = {
      preset: 'redis-min-replicas' as const,
      params: { cache: { minReplicasMaxLagS: STEADY_LAG_S, replicationDelayMs: delay } },
      writesPerSec: RATE,
      replicas: 1 as const,
      faults: [{ atS: 3, fault: { kind: 'crash' as const, node: 'primary' } }],
      durationS: 5,
    };
    const pLost = meanOverSeeds(base, 2, (x) => x.lostAcked.length);
    // Refusals between the first second and the crash; after the crash the promoted node has no replica
    // and refuses by design, while the real promoted replica has no such setting.
    const hist = simulateRun(counterpartSpec(base)).historyLog.events();
    const pRefused = hist.filter((e) => e.type === 'fail' && e.error === 'NOREPLICAS' && e.t > 1e6 && e.t < 3e6).length;
    ctx.log(`  steady ${delay} ms delay: refused ${d.refused}, lost ${d.lost} (model ${pRefused}, ${pLost.toFixed(1)})`);
    rows.push(
      row('3 min-replicas', `steady ${delay} ms delay: writes refused`, d.refused, pRefused, 'writes', { kind: 'exact' }, 'the replica keeps acknowledging every second, so its lag looks fresh'),
      row('3 min-replicas', `steady ${delay} ms delay: lost after crash`, d.lost, pLost, 'lost acked writes', { kind: 'near', abs: 8, rel: 0.25 }, `not bounded by min-replicas: rate × delay = ${(RATE * delay) / 1000}`),
    );
    return rows;
  },
};
