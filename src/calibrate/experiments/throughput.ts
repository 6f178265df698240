// Experiment 8. Throughput with a fixed number of connections, as redis-benchmark drives a server: past
// the CPU's ceiling the throughput stays where it is and the latency grows with the connections waiting
// (Little's law). Absolute figures on one shared machine say little about a cloud node (redis-benchmark
// itself takes one of the two cores), so the rows compare ratios: GET against SET at the same
// connections, throughput at 200 connections against 50, and p50 latency at 200 against 50. The model
// runs the same closed loop with the client's measured PING round trip as its network.
import { spawn } from 'node:child_process';
import { RedisClient } from '../client';
import { startRedis, stop } from '../redis-process';
import { row, type Row } from '../report';
import { counterpartSpec } from '../sim-counterpart';
import { Simulation } from '../../sim/engine';
import { ROW } from '../../sim/history';
import type { Context, Experiment } from './context';

const BENCH_BIN = process.env.REDIS_BENCHMARK ?? 'redis-benchmark';
const REQUESTS = 300_000;

interface Figures {
  rps: number;
  p50Ms: number;
}

/** redis-benchmark's CSV line for one test: "SET","rps","avg","min","p50",… */
async function benchmark(port: number, test: 'set' | 'get', connections: number): Promise<Figures> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', test, '-n', String(REQUESTS), '-c', String(connections), '-P', '1', '-r', '100000', '-d', '8', '--csv'];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(BENCH_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`${BENCH_BIN} could not start (${e.message}); it comes with Debian's redis-tools`)));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`${BENCH_BIN} exited ${code}: ${err.trim().slice(0, 200)}`))));
  });
  const line = out
    .split('\n')
    .map((l) => l.split(',').map((x) => x.replace(/"/g, '')))
    .find((f) => f[0] === test.toUpperCase());
  if (!line || line.length < 5) throw new Error(`no ${test.toUpperCase()} line in redis-benchmark's output: ${out.slice(0, 200)}`);
  return { rps: Number(line[1]), p50Ms: Number(line[4]) };
}

async function pingRttMs(port: number): Promise<number> {
  const c = await RedisClient.open(port);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 500; i++) {
      const t = process.hrtime.bigint();
      await c.must('PING');
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    c.close();
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/** The model's closed loop on one node: requests per second and p50 latency from 0.2 s on. */
export function modelFigures(connections: number, writeFraction: number, rttMs: number): Figures {
  const spec = counterpartSpec({
    preset: 'elasticache',
    params: { network: { intraAzRttMs: rttMs, crossAzRttMs: rttMs } },
    writesPerSec: 0,
    replicas: 0,
    faults: [],
    durationS: 1,
    closedLoop: { connections, pipeline: 1, writeFraction },
  });
  const sim = new Simulation(spec);
  sim.runToEnd();
  const h = sim.w.historyLog;
  const lat: number[] = [];
  for (let i = 0; i < h.length; i++) if (h.kind[i] === ROW.ok && h.t[i] >= 200_000) lat.push(h.t[i] - h.t[h.invokeRowOf(h.op[i])]);
  lat.sort((a, b) => a - b);
  return { rps: lat.length / 0.8, p50Ms: lat[lat.length >> 1] / 1000 };
}

export const throughput: Experiment = {
  id: 'throughput',
  title: 'Throughput with fixed connections (redis-benchmark)',
  async run(ctx: Context): Promise<Row[]> {
    // Both cores are taken (the server and redis-benchmark), so anything else running skews the ratios.
    if (ctx.quick) {
      ctx.log('  skipped in the reduced set: throughput needs a quiet machine (npm run calibrate)');
      return [];
    }
    const node = await startRedis({ name: 'throughput', conf: ['appendonly no'] });
    try {
      const rtt = await pingRttMs(node.port);
      const set50 = await benchmark(node.port, 'set', 50);
      const get50 = await benchmark(node.port, 'get', 50);
      const set200 = await benchmark(node.port, 'set', 200);
      ctx.log(`  SET c=50 ${Math.round(set50.rps)}/s p50 ${set50.p50Ms} ms; GET c=50 ${Math.round(get50.rps)}/s; SET c=200 ${Math.round(set200.rps)}/s p50 ${set200.p50Ms} ms; PING ${rtt.toFixed(3)} ms`);
      const m = { set50: modelFigures(50, 1, rtt), get50: modelFigures(50, 0, rtt), set200: modelFigures(200, 1, rtt) };
      const note = (what: string) => `${what}; redis-benchmark -n ${REQUESTS} -P 1 on loopback (measured SET ${Math.round(set50.rps)}/s at 50 connections); model: closed loop, ceiling ${Math.round(m.set50.rps)}/s`;
      const near = { kind: 'near' as const, abs: 0, rel: 0.15 };
      return [
        row('8 throughput', 'GET / SET throughput, 50 connections', get50.rps / set50.rps, m.get50.rps / m.set50.rps, 'ratio', near, note('a read costs the CPU what a write does')),
        row('8 throughput', 'throughput 200 / 50 connections', set200.rps / set50.rps, m.set200.rps / m.set50.rps, 'ratio', near, note('past the ceiling more connections add no throughput')),
        row('8 throughput', 'SET p50 latency 200 / 50 connections', set200.p50Ms / set50.p50Ms, m.set200.p50Ms / m.set50.p50Ms, 'ratio', { kind: 'near', abs: 0, rel: 0.25 }, note('the queue grows with the connections waiting')),
      ];
    } finally {
      await stop(node);
    }
  },
};
