// Removing or moving one of the scenario's own faults is an edit of the scenario file: the result runs as
// the change asks (no crash, no failover, no loss; or the crash at its new instant), comments survive, and
// a bad change is refused with a message that says where and what.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { ScenarioError } from '../../src/scenario/errors';
import { simulateRun } from '../../src/sim/run';
import { editFault } from '../../src/ui/share/edit';

const FILE = 'scenarios/primary-crash.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function cacheRun(text: string) {
  const spec = resolveRuns(parseScenario(text, FILE)).find((s) => s.params.family === 'cache')!;
  return simulateRun({ ...spec, durationS: 40 });
}

describe('editing a scenario fault', () => {
  it('removing the crash leaves a run with no failover and no lost write', () => {
    const before = cacheRun(TEXT);
    expect(before.lost.length).toBeGreaterThan(0);
    const text = editFault(TEXT, FILE, { index: 0, remove: true });
    expect(parseScenario(text, FILE).faults).toEqual(parseScenario(TEXT, FILE).faults.slice(1));
    const after = cacheRun(text);
    expect(after.lost.length).toBe(0);
    expect(after.traceHash).not.toBe(before.traceHash);
    // Comments in the file survive.
    expect(text.split('\n').filter((l) => l.trim().startsWith('#')).length).toBe(TEXT.split('\n').filter((l) => l.trim().startsWith('#')).length);
  });

  it('moving the crash moves the loss with it', () => {
    const text = editFault(TEXT, FILE, { index: 0, atS: 30 });
    expect(parseScenario(text, FILE).faults[0].atS).toBe(30);
    const run = cacheRun(text);
    expect(run.lost.length).toBeGreaterThan(0);
    expect(run.lost.ackedUsAt(0)).toBeGreaterThan(29e6);
  });

  it('refuses an instant past the end or a fault that is not there, saying where', () => {
    expect(() => editFault(TEXT, FILE, { index: 0, atS: 1e9 })).toThrow(ScenarioError);
    expect(() => editFault(TEXT, FILE, { index: 0, atS: 1e9 })).toThrow(/faults\[0\]\.at.*expected a time from 0 to 60 s/);
    expect(() => editFault(TEXT, FILE, { index: 7, remove: true })).toThrow(/faults\[7\].*found no fault there/);
  });
});
