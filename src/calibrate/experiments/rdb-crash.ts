// Experiment 4. RDB only: a crash loses exactly the changes made since the last save (the fork point of
// the last BGSAVE). The save is triggered by hand so both sides know when it happened.
import { RedisClient } from '../client';
import { crash, sleep, startRedis, stop } from '../redis-process';
import { row, type Row } from '../report';
import { meanOverSeeds } from '../sim-counterpart';
import { missingKeys, paceWrites } from '../workload';
import type { Context, Experiment } from './context';

const RATE = 1000;
/** The model saves every `SAVE_AT_S` seconds; the crash falls after the first save, before the second. */
const SAVE_AT_S = 10;

async function measure(afterSaveMs: number): Promise<{ lost: number; changesAtCrash: number; afterSaveS: number }> {
  const node = await startRedis({ name: 'rdb', conf: ['save ""', 'appendonly no'] });
  const c = await RedisClient.open(node.port);
  try {
    const w = paceWrites(c, RATE, 'r');
    await sleep(1000);
    const admin = await RedisClient.open(node.port);
    const savedAt = Date.now();
    await admin.must('BGSAVE');
    await sleep(afterSaveMs);
    const info = await admin.info('persistence');
    if (info.rdb_last_bgsave_status !== 'ok' || info.rdb_bgsave_in_progress !== '0') throw new Error('BGSAVE did not finish in time');
    admin.close();
    const afterSaveS = (Date.now() - savedAt) / 1000;
    await crash(node);
    const log = await w.stop();
    const restarted = await startRedis({ name: 'rdb', dir: node.dir, port: node.port, conf: ['save ""', 'appendonly no'] });
    const missing = await missingKeys(restarted.port, 'r', log.acked);
    await stop(restarted);
    return { lost: missing.length, changesAtCrash: Number(info.rdb_changes_since_last_save), afterSaveS };
  } finally {
    c.close();
    await stop(node);
  }
}

export function predict(afterSaveS: number): number {
  const crashAt = SAVE_AT_S + afterSaveS;
  return meanOverSeeds(
    {
      preset: 'elasticache',
      params: { cache: { rdb: { everyS: SAVE_AT_S, minChanges: 1 }, backup: { enabled: false }, failover: { mode: 'none' } } },
      writesPerSec: RATE,
      replicas: 0,
      faults: [
        { atS: crashAt, fault: { kind: 'crash', node: 'primary' } },
        { atS: crashAt + 0.1, fault: { kind: 'restart', node: 'primary' } },
      ],
      durationS: crashAt + 3,
    },
    3,
    (s) => s.lostAcked.length,
  );
}

export const rdbCrash: Experiment = {
  id: 'rdb-crash',
  title: 'RDB only: loss equals the changes since the last save',
  async run(ctx: Context): Promise<Row[]> {
    const rows: Row[] = [];
    for (const ms of ctx.quick ? [500] : [300, 1500]) {
      const m = await measure(ms);
      const p = predict(m.afterSaveS);
      ctx.log(`  crash ${m.afterSaveS.toFixed(2)} s after BGSAVE: lost ${m.lost} (changes since save ${m.changesAtCrash}, model ${p.toFixed(1)})`);
      rows.push(
        row('4 RDB only, crash', `crash ${m.afterSaveS.toFixed(2)} s after BGSAVE, ${RATE} writes/s`, m.lost, p, 'lost acked writes', { kind: 'near', abs: 10, rel: 0.1 }, `Redis reported ${m.changesAtCrash} changes since the last save just before the crash`),
      );
    }
    return rows;
  },
};
