// `npm run bench`: the reference run of the simulation engine, not part of `npm test`. It runs as one
// esbuild bundle, as the app's worker does (Vite bundles it), not through tsx's per-file loader, which
// made the engine some 20% slower.
// Reference: the primary-crash scenario, 3 nodes, 10,000 operations/s (half writes, half reads), 60 simulated
// seconds, per preset, in three rounds (BENCH_ROUNDS). Prints simulated events per wall-clock second beside
// a bare priority-queue loop that processes the same number of events, and the ratio of the two.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outcomes } from '../src/check/outcomes';
import { parseScenario } from '../src/lesson/file';
import { Simulation } from '../src/sim/engine';
import { lostWrites } from '../src/sim/lost';
import { BYTES_PER_OPERATION, CHECKPOINT_BUDGET_BYTES } from '../src/sim/memory';
import { PaneRunner } from '../src/ui/worker/pane-runner';
import { createHeap, pop, push, type QueuedEvent } from '../src/sim/heap';
import { createRng, uniform } from '../src/sim/rng';
import { simulateRun } from '../src/sim/run';
import { summarize } from '../src/check/summarize';
import { resolveRuns } from '../src/scenario/load';

const file = 'scenarios/primary-crash.yaml';
const scenario = parseScenario(readFileSync(file, 'utf8'), file);
const specs = resolveRuns(scenario).map((s) => ({
  ...s,
  durationS: 60,
  topology: { ...s.topology, replicas: s.topology.replicas.slice(0, 2) },
  workload: { ...s.workload, writesPerSec: 5000, readsPerSec: 5000 },
}));

/** The same number of pops and pushes on the same heap, with nothing else to do. */
function bareQueue(events: number, inFlight: number): number {
  const heap = createHeap<QueuedEvent>();
  const rng = createRng(1, 9);
  for (let i = 0; i < inFlight; i++) push(heap, { t: Math.floor(uniform(rng) * 1000), seq: 0, kind: 1 });
  const t0 = performance.now();
  let now = 0;
  for (let i = 0; i < events; i++) {
    const e = pop(heap) as QueuedEvent;
    now = e.t;
    e.t = now + 1 + Math.floor(uniform(rng) * 1000);
    push(heap, e);
  }
  return performance.now() - t0;
}

/**
 * The bare loop runs in a child process of its own: its events have another shape than the engine's, and
 * run in this process they would make the heap functions the engine shares with it polymorphic, so the
 * preset timed after it would pay for the comparison.
 */
function bareQueueMs(events: number): number {
  const out = execFileSync(process.execPath, [__filename, '--bare', String(events)], { encoding: 'utf8' });
  return Number(out);
}

// Memory (README: "Memory budget"): bytes held per simulated operation after a collection, for the
// engine with the outcome folds (what the command line holds per run) and for a pane of the app (the
// folds kept with their checkpoints, the timeline of the run and the time machine's checkpoints). Each
// measured in a child process of its own, so nothing another measurement left behind is counted.
function memoryOf(i: number): { ops: number; engine: number; app: number; checkpoints: number } {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const held = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const spec = specs[i];
  const base = held();
  if (process.argv[4] === 'engine') {
    // The whole simulation kept, not only its result: its write table and log count too.
    const sim = new Simulation(spec);
    sim.runToEnd();
    const outcomes = Outcomes.of(sim.w.historyLog);
    void outcomes.counts(lostWrites(sim), sim.w.now);
    const bytes = held() - base;
    return { ops: opsOf(sim.w.historyLog), engine: bytes, app: 0, checkpoints: 0 };
  }
  const pane = new PaneRunner(spec, 0, 250_000);
  for (let t = 1e6; t <= spec.durationS * 1e6; t += 1e6) {
    pane.moveTo(t);
    pane.summary();
  }
  const bytes = held() - base;
  return { ops: opsOf(pane.tm.sim.w.historyLog), engine: 0, app: bytes, checkpoints: pane.tm.checkpointBytes };
}

function opsOf(h: { length: number; kind: Uint8Array }): number {
  let ops = 0;
  for (let i = 0; i < h.length; i++) if (h.kind[i] === 1) ops++;
  return ops;
}

if (process.argv[2] === '--memory') {
  process.stdout.write(JSON.stringify(memoryOf(Number(process.argv[3]))));
  process.exit(0);
}

if (process.argv[2] === '--bare') {
  process.stdout.write(String(bareQueue(Number(process.argv[3]), 2000)));
  process.exit(0);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
// Warm-up: each preset once over the whole scenario at a tenth of the rate, so that every path of the
// reference run (the crash and the failover included) has been compiled, as it has in a browser tab that
// has played the scenario once. The reference runs then time the engine, not the compiler.
// The checker too: the outcome folds, compiled on the warm-up runs, as they are after a first summary.
for (const spec of specs) summarize(simulateRun({ ...spec, workload: { ...spec.workload, writesPerSec: 500, readsPerSec: 500 } }), { linearizability: false });

console.log(`reference: ${file}, ${specs[0].topology.replicas.length + 1} nodes, 10,000 ops/s, 60 s simulated\n`);

/**
 * One timed reference run. Only numbers leave this function: a result kept alive into the next preset's
 * run (a quarter of a gigabyte of history) would make every collection during that run slower, which is
 * the benchmark measuring itself. The checker is timed afterwards, on runs of its own, for the same reason:
 * the history objects it builds would otherwise be the next run's garbage.
 */
function timeEngine(spec: (typeof specs)[number]): { events: number; engineMs: number } {
  const t0 = performance.now();
  const result = simulateRun(spec);
  return { events: result.events, engineMs: performance.now() - t0 };
}

function timeChecker(spec: (typeof specs)[number]): number {
  const result = simulateRun(spec);
  const t0 = performance.now();
  summarize(result, { linearizability: false });
  return performance.now() - t0;
}

// This machine's speed drifts by a quarter within minutes, so one run says little: the reference runs
// ROUNDS times (each round both presets, back to back) and the summary gives the median and the range.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const range = (xs: number[], f: (n: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const mega = (n: number) => `${(n / 1e6).toFixed(2)} M`;

/** One preset's timings over the rounds. */
interface Samples {
  events: number;
  ms: number[];
  rate: number[];
  ratio: number[];
}
const samples = (): Samples => ({ events: 0, ms: [], rate: [], ratio: [] });

/** A timed run into its preset's samples, beside the bare queue over as many events; returns the round's row. */
function record(p: Samples, round: number, label: string, events: number, engineMs: number): string[] {
  const rate = events / (engineMs / 1000);
  const bareRate = events / (bareQueueMs(events) / 1000);
  p.events = events;
  p.ms.push(engineMs);
  p.rate.push(rate);
  p.ratio.push(rate / bareRate);
  return [String(round), label, fmt(events), fmt(engineMs), fmt(rate), fmt(bareRate), (rate / bareRate).toFixed(2)];
}

/** A preset's summary row: events, then the median and range of its engine time, rate and ratio. */
function summaryRow(label: string, p: Samples): string {
  const r2 = (n: number) => n.toFixed(2);
  return [label, fmt(p.events), `${fmt(median(p.ms))} (${range(p.ms, fmt)})`, `${mega(median(p.rate))} (${range(p.rate, mega)})`, `${r2(median(p.ratio))} (${range(p.ratio, r2)})`].join('\t');
}

console.log(['round', 'preset', 'events', 'engine ms', 'events/s', 'bare queue events/s', 'engine / bare'].join('\t'));
const perPreset = specs.map(samples);
const totals: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  let totalMs = 0;
  specs.forEach((spec, i) => {
    const { events, engineMs } = timeEngine(spec);
    totalMs += engineMs;
    console.log(record(perPreset[i], round, spec.label, events, engineMs).join('\t'));
  });
  totals.push(totalMs);
}

console.log(`\nsummary over ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}: median (range)`);
console.log(['preset', 'events', 'engine ms', 'events/s', 'engine / bare'].join('\t'));
specs.forEach((spec, i) => console.log(summaryRow(spec.label, perPreset[i])));
console.log(`whole reference run (all presets, engine only): median ${fmt(median(totals))} ms (${range(totals, fmt)} ms)`);
const slowest = Math.min(...perPreset.flatMap((p) => p.rate));
const under = totals.filter((t) => t < 2000).length;
console.log(`targets: ≥ 1,000,000 events/s (slowest run ${fmt(slowest)}); all presets under 2,000 ms (${under} of ${ROUNDS} rounds)\n`);
// The outcome table (every number but linearizability) against the engine's time for the same run: the
// folds over the history columns should cost at most a quarter of computing the run.
console.log(['preset', 'outcome table ms', 'engine ms (median)', 'table / engine (target ≤ 0.25)'].join('\t'));
specs.forEach((spec, i) => {
  const ms = median([timeChecker(spec), timeChecker(spec), timeChecker(spec)]);
  const engine = median(perPreset[i].ms);
  console.log([spec.label, fmt(ms), fmt(engine), (ms / engine).toFixed(2)].join('\t'));
});

console.log(`\n${['preset', 'operations', 'engine + folds B/op (≤ 120)', `app pane B/op without checkpoints (≤ ${BYTES_PER_OPERATION})`, `checkpoints MB (≤ ${CHECKPOINT_BUDGET_BYTES / 2 ** 20})`].join('\t')}`);
specs.forEach((spec, i) => {
  const measure = (what: string) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, '--memory', String(i), what], { encoding: 'utf8' }));
  const e = measure('engine');
  const a = measure('app');
  console.log([spec.label, fmt(e.ops), (e.engine / e.ops).toFixed(1), ((a.app - a.checkpoints) / a.ops).toFixed(1), (a.checkpoints / 2 ** 20).toFixed(1)].join('\t'));
});

// The cluster reference: 10 shards × 3 nodes, 100,000 operations/s in all (half writes, half reads), 60
// simulated seconds, primaries spread over the AZs, the AZ of s1's primary lost at 20 s. BENCH_ROUNDS rounds
// of the three presets, as above (BENCH_CLUSTER=0 skips it): each run is about 20 million events.
if (process.env.BENCH_CLUSTER !== '0') {
  const base = specs[0];
  const clusterSpecs = (['elasticache', 'redis-cluster', 'memorydb'] as const).map((id) => {
    const found = resolveRuns(scenario, { presets: [id] })[0];
    return {
      ...found,
      durationS: 60,
      topology: { ...base.topology, shards: 10, spread: true },
      workload: { ...base.workload, writesPerSec: 50_000, readsPerSec: 50_000, keys: 100_000 },
      faults: [{ atS: 20, fault: { kind: 'az-outage' as const, az: 'a' as const, durationS: 30 } }],
    };
  });
  console.log(`\ncluster reference: 10 shards × 3 nodes, 100,000 ops/s in all, 60 s simulated, AZ a lost at 20 s for 30 s, ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}`);
  console.log(['round', 'preset', 'events', 'engine ms', 'events/s', 'bare queue events/s', 'engine / bare', 'acknowledged', 'lost'].join('\t'));
  const perCluster = clusterSpecs.map(samples);
  for (let round = 1; round <= ROUNDS; round++) {
    clusterSpecs.forEach((spec, i) => {
      const t0 = performance.now();
      const result = simulateRun(spec);
      const engineMs = performance.now() - t0;
      const acked = summarize(result, { linearizability: false });
      console.log([...record(perCluster[i], round, spec.label, result.events, engineMs), fmt(acked.acked), fmt(acked.lostAcked.length)].join('\t'));
    });
  }
  console.log(`\ncluster summary over ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}: median (range)`);
  console.log(['preset', 'events', 'engine ms', 'events/s', 'engine / bare (target ≥ 0.5)'].join('\t'));
  clusterSpecs.forEach((spec, i) => console.log(summaryRow(spec.label, perCluster[i])));
}

// The worst file the loader accepts for one run (the command line runs presets one after the other):
// one log-durable preset at the per-preset limit, past a node's capacity, five replicas, a million keys.
// Run by the command line in a child process, which reports its peak resident memory.
if (process.env.BENCH_WORST !== '0') {
  // Two candidates: the largest mixed load with MiB values and a crash, and the fastest open loop the
  // loader accepts, far past a node's ceiling, where every request waits out its timeout in the queue.
  const cases = [
    {
      name: 'memorydb, 100,000 + 100,000 requests/s × 25 s, 5 replicas, 1,000,000 keys, 1 MiB values',
      text:
        'title: Worst accepted run\ndurationS: 25\ntopology: { primary: a, replicas: [b, c, a, b, c], clients: [a, b, c] }\n' +
        'presets: [memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000, keys: 1000000, valueBytes: 1048576 }\n' +
        'faults:\n  - { at: 12, kind: crash, node: primary }\n',
    },
    {
      name: 'memorydb, 1,000,000 writes/s × 4.3 s (5× its ceiling), 5 replicas, 1,000,000 keys',
      text:
        'title: Worst accepted overload\ndurationS: 4.3\ntopology: { primary: a, replicas: [b, c, a, b, c], clients: [a, b, c] }\n' +
        'presets: [memorydb]\nworkload: { writesPerSec: 1000000, readsPerSec: 0, keys: 1000000 }\nfaults: []\n',
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'durability-lab-bench-'));
  for (const [i, c] of cases.entries()) {
    const file = join(dir, `worst-${i}.yaml`);
    writeFileSync(file, c.text);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/cli-peak-memory.ts', file], { encoding: 'utf8' });
    const peak = /peak-rss-kb (\d+)\s*$/.exec(r.stderr);
    console.log(`\nworst accepted run (${c.name}), command line:`);
    console.log(`exit ${r.status}, ${((performance.now() - t0) / 1000).toFixed(1)} s, peak resident memory ${peak ? fmt(Number(peak[1]) / 1024) : '?'} MB (budget 1,536 MB)`);
  }
}
