import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/run';
import type { InvokeEvent } from '../../src/sim/types';
import { specFor } from './spec';

const crash = [{ atS: 10, fault: { kind: 'crash' as const, node: 'primary' } }];

describe('determinism', () => {
  for (const preset of ['elasticache', 'memorydb'] as const) {
    it(`${preset}: the same scenario and seed give the same trace, another seed another`, () => {
      const a = simulateRun(specFor(preset, { faults: crash }));
      const b = simulateRun(specFor(preset, { faults: crash }));
      const c = simulateRun(specFor(preset, { faults: crash, seed: 8 }));
      expect(a.traceHash).toBe(b.traceHash);
      expect(a.historyLog.events()).toEqual(b.historyLog.events());
      expect(c.traceHash).not.toBe(a.traceHash);
    });

    it(`${preset}: faults do not shift the workload stream (same invocations with and without a fault)`, () => {
      const calm = simulateRun(specFor(preset));
      const broken = simulateRun(specFor(preset, { faults: [...crash, { atS: 12, fault: { kind: 'link-delay', node: 'b1', delayMs: 40 } }] }));
      const inv = (h: ReturnType<typeof calm.historyLog.events>) =>
        h.filter((e): e is InvokeEvent => e.type === 'invoke').map((e) => [e.t, e.op, e.cmd, e.key, e.client]);
      expect(inv(broken.historyLog.events())).toEqual(inv(calm.historyLog.events()));
      expect(broken.traceHash).not.toBe(calm.traceHash);
    });
  }
});
