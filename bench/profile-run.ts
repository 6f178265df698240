import { simulateRun } from '../src/sim/run';
import { PRESETS } from '../src/sim/presets';
import type { RunSpec } from '../src/sim/types';
const id = (process.argv[2] ?? 'elasticache') as 'elasticache';
const spec: RunSpec = { presetId: id, label: id, params: PRESETS[id].params, topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'] },
  workload: { writesPerSec: 5000, readsPerSec: 5000, keys: 1000, valueBytes: 100, incrFraction: 0.2, readFromReplicas: false },
  faults: [{ atS: 20, fault: { kind: 'crash', node: 'primary' } }], durationS: 60, seed: 1 };
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  const r = simulateRun(spec);
  const t1 = performance.now();
  console.log(id, 'events', r.events, 'ms', (t1 - t0).toFixed(0), 'ev/s', Math.round(r.events / ((t1 - t0) / 1000)), 'lost', r.lost.length);
}
