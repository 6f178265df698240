// Starts redis-server processes for the experiments: each on its own 127.0.0.1 port with its own folder
// and config file, never a system service. Every process is stopped by the pid recorded at spawn, and
// the registry below makes sure none outlives the suite, even when an experiment throws.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisClient } from './client';
import { RespError } from './resp';

export const REDIS_BIN = process.env.REDIS_SERVER ?? 'redis-server';

/** `redis-server --version` as e.g. "7.0.15", or null when Redis is not installed. */
export function redisVersion(): string | null {
  const r = spawnSync(REDIS_BIN, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /v=(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RedisNode {
  name: string;
  port: number;
  dir: string;
  confPath: string;
  pid: number;
  proc: ChildProcess;
  exited: Promise<void>;
}

const live = new Set<RedisNode>();
let workRoot: string | null = null;

function root(): string {
  workRoot ??= mkdtempSync(join(tmpdir(), 'durability-calibrate-'));
  return workRoot;
}

/** A fresh folder for one node; reusing `dir` keeps the node's files (a restart after a crash). */
export function nodeDir(name: string): string {
  const d = join(root(), `${name}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(d, { recursive: true });
  return d;
}

export interface StartOptions {
  name: string;
  /** Extra redis.conf lines, e.g. "appendonly yes". */
  conf?: string[];
  /** Reuse this folder (and its data files) instead of a fresh one. */
  dir?: string;
  port?: number;
  /** Give up waiting for the first PONG after this long. */
  readyTimeoutMs?: number;
  /** Run redis-server under this command (e.g. strace); its pid is then read from Redis's pidfile. */
  wrap?: string[];
}

export async function startRedis(o: StartOptions): Promise<RedisNode> {
  const port = o.port ?? (await freePort());
  const dir = o.dir ?? nodeDir(o.name);
  const confPath = join(dir, 'redis.conf');
  // Defaults chosen so that only what an experiment asks for persists or replicates.
  const lines = [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    'daemonize no',
    'protected-mode no',
    `logfile ${join(dir, 'redis.log')}`,
    'save ""',
    'appendonly no',
    'enable-debug-command yes',
    `pidfile ${join(dir, 'redis.pid')}`,
    ...(o.conf ?? []),
  ];
  writeFileSync(confPath, lines.join('\n') + '\n');
  const argv = [...(o.wrap ?? []), REDIS_BIN, confPath];
  const proc = spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
  if (proc.pid === undefined) throw new Error(`could not start ${argv[0]}`);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const node: RedisNode = { name: o.name, port, dir, confPath, pid: proc.pid, proc, exited };
  live.add(node);
  void exited.then(() => live.delete(node));
  await waitReady(node, o.readyTimeoutMs ?? 60_000);
  // Under a wrapper the spawned pid is the wrapper's; signals must go to Redis itself.
  if (o.wrap) node.pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8').trim());
  return node;
}

/** Resolves once the node answers PING with PONG (not LOADING). */
export async function waitReady(node: RedisNode, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (node.proc.exitCode !== null || node.proc.signalCode !== null) throw new Error(`${node.name} exited during start; see ${node.dir}/redis.log`);
    try {
      const c = await RedisClient.open(node.port);
      const r = await c.send('PING');
      c.close();
      if (r === 'PONG') return;
      if (!(r instanceof RespError) || r.code !== 'LOADING') throw new Error(`${node.name}: unexpected PING reply ${String(r)}`);
    } catch (e) {
      if (e instanceof Error && e.message.includes('unexpected')) throw e;
    }
    if (Date.now() > deadline) throw new Error(`${node.name} not ready after ${timeoutMs} ms`);
    await sleep(2);
  }
}

/** The crash: SIGKILL to the recorded pid. Nothing is flushed; the kernel keeps what was written. */
export async function crash(node: RedisNode): Promise<void> {
  if (live.has(node)) process.kill(node.pid, 'SIGKILL');
  await node.exited;
}

/** A clean stop, used at the end of an experiment. */
export async function stop(node: RedisNode): Promise<void> {
  if (!live.has(node)) return;
  process.kill(node.pid, 'SIGTERM');
  const timer = setTimeout(() => live.has(node) && process.kill(node.pid, 'SIGKILL'), 5_000);
  await node.exited;
  clearTimeout(timer);
}

/** Stop every node this suite started and remove their folders. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((n) => crash(n)));
  if (workRoot && !process.env.CALIBRATE_KEEP_FILES) rmSync(workRoot, { recursive: true, force: true });
  workRoot = null;
}

// Last resort if the suite is interrupted: kill the recorded pids synchronously.
process.once('exit', () => {
  for (const n of live) {
    try {
      process.kill(n.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
