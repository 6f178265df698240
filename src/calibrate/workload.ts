// Client-side workloads against a real Redis: an open-loop writer at a fixed rate (like the simulator's
// clients, requests do not wait for earlier replies) and the check of which acknowledged writes a node
// still holds. Every write has its own key, so each one can be looked up afterwards.
import { RedisClient } from './client';
import { RespError } from './resp';

export interface WriteLog {
  prefix: string;
  sent: number;
  /** Index of every write the server acknowledged with OK, in send order. */
  acked: number[];
  /** Indices refused with an error reply, with the error's code. */
  refused: { i: number; code: string; atMs: number }[];
  startedAt: number;
}

export function keyOf(prefix: string, i: number): string {
  return `${prefix}:${i}`;
}

/**
 * Sends SETs at `rate` per second until stop() is called. Paced by elapsed time rather than by timer ticks,
 * so a late timer sends a small burst instead of lowering the rate.
 */
export function paceWrites(client: RedisClient, rate: number, prefix: string): { log: WriteLog; stop: () => Promise<WriteLog> } {
  const log: WriteLog = { prefix, sent: 0, acked: [], refused: [], startedAt: Date.now() };
  const pending: Promise<void>[] = [];
  let running = true;
  const tick = () => {
    if (!running || client.isClosed) return;
    const due = Math.floor(((Date.now() - log.startedAt) * rate) / 1000);
    while (log.sent < due) {
      const i = log.sent++;
      pending.push(
        client.send('SET', keyOf(prefix, i), `v${i}`).then((r) => {
          if (r === 'OK') log.acked.push(i);
          else if (r instanceof RespError && r.code !== 'CONNLOST') log.refused.push({ i, code: r.code, atMs: Date.now() - log.startedAt });
        }),
      );
    }
    setTimeout(tick, 1);
  };
  tick();
  return {
    log,
    stop: async () => {
      running = false;
      await Promise.all(pending);
      log.acked.sort((a, b) => a - b);
      return log;
    },
  };
}

/** Which of `indices` the node at `port` does not hold. */
export async function missingKeys(port: number, prefix: string, indices: number[]): Promise<number[]> {
  const c = await RedisClient.open(port);
  const missing: number[] = [];
  try {
    for (let s = 0; s < indices.length; s += 1000) {
      const batch = indices.slice(s, s + 1000);
      const r = await c.must('MGET', ...batch.map((i) => keyOf(prefix, i)));
      (r as (string | null)[]).forEach((v, k) => {
        if (v === null) missing.push(batch[k]);
      });
    }
  } finally {
    c.close();
  }
  return missing;
}
