// The one list of faults injected by hand: it keeps every fault whatever the clock did in between, lists
// them in the order the time machine applies them (by time, same-instant faults in the order made), and
// the share link, the export and a replay from 0 s all keep that order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { exportScenario } from '../../src/share/file';
import { decodeShareState, encodeShareState } from '../../src/share/url';
import { TimeMachine } from '../../src/sim/timemachine';
import type { FaultSpec } from '../../src/sim/types';
import { FaultPlan } from '../../src/ui/faults/plan';
import { shareStateOf } from '../../src/ui/share/state';
import { completeRun } from '../../src/ui/worker/complete-run';

const text = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');
const source = { text, sourceName: 'scenarios/primary-crash.yaml' };
const BUILTINS = [{ id: 'primary-crash', text }];
const crash = (node: string): FaultSpec => ({ kind: 'crash', node });

describe('fault plan', () => {
  it('keeps a later fault when an earlier one is injected after rewinding', () => {
    const plan = FaultPlan.empty.inject(30_000_000, crash('b1')).inject(10_000_000, crash('c1'));
    expect(plan.injected.map((f) => [f.tUs, f.fault])).toEqual([
      [10_000_000, crash('c1')],
      [30_000_000, crash('b1')],
    ]);
    expect(plan.edits.map((e) => e.tUs)).toEqual([30_000_000, 10_000_000]);
    expect(FaultPlan.empty.injected).toEqual([]); // plans are values: the empty one is untouched
  });

  it('keeps same-instant faults in the order they were injected, with distinct ids', () => {
    const plan = FaultPlan.empty.inject(10_000_000, crash('b1')).inject(10_000_000, { kind: 'az-isolate', az: 'c' }).inject(10_000_000, crash('b1'));
    expect(plan.injected.map((f) => f.fault.kind)).toEqual(['crash', 'az-isolate', 'crash']);
    expect(new Set(plan.injected.map((f) => f.id)).size).toBe(3);
    expect(FaultPlan.of(plan.toInjected()).toInjected()).toEqual(plan.toInjected());
  });

  it('copies what it is given and rounds times as the time machine does', () => {
    const fault = { kind: 'crash' as const, node: 'b1' };
    const plan = FaultPlan.empty.inject(1_234_567.6, fault);
    fault.node = 'c1';
    expect(plan.toInjected()).toEqual([{ t: 1_234_568, fault: crash('b1') }]);
  });

  it('lists faults in the order the time machine applies them, and a replay from 0 s gives the same run', () => {
    const spec = { ...resolveRuns(parseScenario(text, source.sourceName))[0], durationS: 4 };
    const tm = new TimeMachine(spec);
    let plan = FaultPlan.empty;
    const hand: Array<[number, FaultSpec]> = [
      [3_000_000, crash('b1')],
      [1_000_000, crash('c1')],
      [1_000_000, { kind: 'az-isolate', az: 'b' }],
      [3_000_000, { kind: 'restart', node: 'b1' }],
    ];
    for (const [t, fault] of hand) {
      tm.seek(t);
      tm.inject(t, fault);
      plan = plan.inject(t, fault);
    }
    expect(tm.faults).toEqual(plan.toInjected());
    tm.seek(tm.endUs);
    expect(completeRun(spec, plan.toInjected()).sim.traceHash()).toBe(tm.sim.traceHash());
  });

  it('200 faults at one instant keep their order through the share link and the export', async () => {
    let plan = FaultPlan.empty;
    const kindsInTurn: FaultSpec[] = [crash('b1'), { kind: 'restart', node: 'b1' }, { kind: 'az-isolate', az: 'c' }];
    for (let i = 0; i < 200; i++) plan = plan.inject(10_000_000, kindsInTurn[(i * i) % 3]);
    const kinds = plan.injected.map((f) => f.fault.kind);
    const state = shareStateOf({ source, tUs: 12_000_000, injected: plan.injected }, BUILTINS);
    const decoded = await decodeShareState(await encodeShareState(state));
    expect(decoded!.injected).toEqual(plan.toInjected());

    // The built-in has a fault of its own, and a file holds at most 200: export 199 of them.
    const some = plan.toInjected().slice(0, 199);
    const exported = parseScenario(exportScenario(text, some, source.sourceName).text, 'x.yaml');
    expect(exported.faults.slice(1).map((f) => f.fault.kind)).toEqual(kinds.slice(0, 199));
    expect(exported.faults.slice(1).every((f) => f.atS === 10)).toBe(true);
  });
});
