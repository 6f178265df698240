// Every built-in scenario is also a test: run it through the engine and the checker, and hold its
// `expect` block. A scenario without expectations for a preset fails here, so none slips through.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { runScenario } from '../../src/scenario/run-scenario';

const dir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('built-in scenarios hold their expectations', () => {
  it('there are at least the seven required scenarios', () => {
    for (const id of ['primary-crash', 'az-outage', 'az-isolation', 'power-loss', 'primary-reboot', 'aof-fsync-power-loss', 'replica-lag-reads']) {
      expect(files).toContain(`${id}.yaml`);
    }
  });

  for (const file of files) {
    it(file, () => {
      const scenario = parseScenario(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`);
      const outcome = runScenario(scenario);
      for (const run of outcome.runs) {
        expect(run.expect, `${file}: no expectations for ${run.spec.label}`).not.toBeNull();
        expect(run.expect?.failures ?? [], `${file}: ${run.spec.label}`).toEqual([]);
        expect(run.expect?.passed).toBe(true);
      }
    });
  }
});
