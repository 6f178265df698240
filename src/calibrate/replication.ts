// A primary and one replica whose replication link runs through the delaying proxy.
import { RedisClient } from './client';
import { DelayProxy } from './proxy';
import { sleep, startRedis, stop, type RedisNode } from './redis-process';

export interface Pair {
  primary: RedisNode;
  replica: RedisNode;
  /** null when the replica talks to the primary directly. */
  proxy: DelayProxy | null;
}

/** delayMs null: no proxy at all, for measurements where the proxy's own hop would distort latency. */
export async function startPair(name: string, delayMs: number | null, primaryConf: string[] = []): Promise<Pair> {
  // No 5 s wait for more replicas before a diskless full sync: there is only ever one.
  const primary = await startRedis({ name: `${name}-primary`, conf: ['repl-diskless-sync-delay 0', ...primaryConf] });
  const proxy = delayMs === null ? null : new DelayProxy(primary.port, delayMs);
  const upstreamPort = proxy ? await proxy.listen() : primary.port;
  // The replica never saves: what it holds after promotion is exactly what reached it over the link.
  const replica = await startRedis({ name: `${name}-replica`, conf: [`replicaof 127.0.0.1 ${upstreamPort}`, 'repl-diskless-load disabled'] });
  await waitInSync(replica, 20_000);
  await waitReplicaOnline(primary, 20_000);
  return { primary, replica, proxy };
}

/**
 * The replica's own "link up" comes before the primary counts it: after a diskless sync the primary marks
 * it online only when its first acknowledgement arrives, and until then WAIT does not count it.
 */
async function waitReplicaOnline(primary: RedisNode, timeoutMs: number): Promise<void> {
  const c = await RedisClient.open(primary.port);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const info = await c.info('replication');
      if (info.slave0?.includes('state=online')) return;
      if (Date.now() > deadline) throw new Error(`${primary.name} did not see its replica online in ${timeoutMs} ms (${info.slave0 ?? 'no replica'})`);
      await sleep(20);
    }
  } finally {
    c.close();
  }
}

export async function waitInSync(replica: RedisNode, timeoutMs: number): Promise<void> {
  const c = await RedisClient.open(replica.port);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const info = await c.info('replication');
      if (info.master_link_status === 'up' && info.master_sync_in_progress === '0') return;
      if (Date.now() > deadline) throw new Error(`${replica.name} did not finish its sync in ${timeoutMs} ms`);
      await sleep(20);
    }
  } finally {
    c.close();
  }
}

/** After the primary died: make the replica a primary of its own (REPLICAOF NO ONE), as a failover would. */
export async function promote(replica: RedisNode): Promise<void> {
  const c = await RedisClient.open(replica.port);
  try {
    await c.must('REPLICAOF', 'NO', 'ONE');
  } finally {
    c.close();
  }
}

export async function stopPair(pair: Pair): Promise<void> {
  await pair.proxy?.close();
  await stop(pair.replica);
  await stop(pair.primary);
}
