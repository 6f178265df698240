// Random fault schedules for property tests.
import fc from 'fast-check';
import type { FaultSpec, ScheduledFault } from '../../src/sim/types';

const az = fc.constantFrom('a' as const, 'b' as const, 'c' as const);
const node = fc.constantFrom('primary', 'replica', 'a1', 'b1', 'c1');
const dur = fc.integer({ min: 1, max: 8 });

const fault: fc.Arbitrary<FaultSpec> = fc.oneof(
  node.map((n) => ({ kind: 'crash' as const, node: n })),
  node.map((n) => ({ kind: 'restart' as const, node: n })),
  node.map((n) => ({ kind: 'reboot' as const, node: n })),
  node.map((n) => ({ kind: 'host-loss' as const, node: n })),
  fc.record({ az, durationS: dur }).map((f) => ({ kind: 'az-outage' as const, ...f })),
  fc.record({ az, durationS: dur }).map((f) => ({ kind: 'az-isolate' as const, ...f })),
  fc.integer({ min: 1, max: 5 }).map((d) => ({ kind: 'power-loss' as const, durationS: d })),
  fc.record({ node, delayMs: fc.integer({ min: 5, max: 500 }), durationS: dur }).map((f) => ({ kind: 'link-delay' as const, ...f })),
  fc.record({ node, durationS: dur }).map((f) => ({ kind: 'link-stall' as const, ...f })),
  fc.record({ node, durationMs: fc.integer({ min: 10, max: 3000 }) }).map((f) => ({ kind: 'fsync-stall' as const, ...f })),
  node.map((n) => ({ kind: 'promote' as const, node: n })),
);

export const faultSchedule: fc.Arbitrary<ScheduledFault[]> = fc
  .array(fc.record({ atS: fc.integer({ min: 20, max: 120 }).map((x) => x / 10), fault }), { minLength: 1, maxLength: 4 })
  .map((fs) => [...fs].sort((a, b) => a.atS - b.atS));
