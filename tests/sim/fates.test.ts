// Every acknowledged write's fate at an instant: lost counts equal the model's lost-write list at every
// instant of every built-in scenario, whatever path led there (playing, seeking, forking), and at-risk
// writes are those only the primary holds.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { TimeMachine } from '../../src/sim/timemachine';
import { fatesView, forgetFates } from '../../src/sim/fates';
import { lostWrites } from '../../src/sim/lost';
import type { RunSpec } from '../../src/sim/types';

function specsOf(name: string): RunSpec[] {
  const file = `scenarios/${name}.yaml`;
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
}

/** A log design that replies only after the commit: nothing acknowledged is ever at risk or lost. */
const commitFirst = (spec: RunSpec) => spec.params.family === 'durable' && spec.params.durable.durability === 'sync';

const builtins = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

describe('fates of acknowledged writes', () => {
  for (const name of builtins) {
    it(`${name}: the lost count equals the model's list at every instant, played or sought`, () => {
      for (const spec of specsOf(name)) {
        const end = spec.durationS * 1e6;
        const instants = Array.from({ length: 40 }, (_, i) => Math.round(((i + 1) / 40) * end) - 137);
        const played = new TimeMachine(spec);
        const sought = new TimeMachine(spec);
        let lostSeen = 0;
        for (const t of instants) {
          played.advance(t);
          const f = fatesView(played.sim);
          const model = lostWrites(played.sim);
          expect(f.lost, `${spec.label} at ${t / 1e6} s`).toBe(model.length);
          if (model.length > 0) {
            expect(f.lostFromUs).toBe(model.ackedUsAt(0));
            expect(f.lostToUs).toBe(model.ackedUsAt(model.length - 1));
          }
          sought.seek(instants[(instants.indexOf(t) * 7) % instants.length]);
          sought.seek(t);
          expect(fatesView(sought.sim)).toEqual(f);
          lostSeen = Math.max(lostSeen, f.lost);
          if (commitFirst(spec)) expect(f.atRisk).toBe(0);
          for (const m of f.recent) expect(['safe', 'at-risk', 'lost']).toContain(m.fate);
          expect(f.recent.filter((m) => m.fate === 'lost').length).toBeLessThanOrEqual(f.lost);
          expect(f.recent.filter((m) => m.fate === 'at-risk').length).toBeLessThanOrEqual(f.atRisk);
        }
        if (commitFirst(spec)) expect(lostSeen).toBe(0);
      }
    });
  }

  it('at risk: the writes still in the primary\'s outbound buffer, about rate × delay, and lost when it crashes', () => {
    const [cache] = specsOf('primary-crash'); // 1,000 writes/s, 20 ms held back, crash at 20 s
    const tm = new TimeMachine(cache);
    tm.seek(10e6);
    const before = fatesView(tm.sim);
    expect(before.atRisk).toBeGreaterThanOrEqual(8);
    expect(before.atRisk).toBeLessThanOrEqual(45);
    expect(before.lost).toBe(0);
    // Only the primary holds an at-risk write; a safe one is held by a replica too.
    for (const m of before.recent) {
      const onReplica = m.holding.slice(1).some((x) => x === 'held');
      expect(m.fate === 'safe').toBe(onReplica);
      expect(m.holding[0]).toBe('held');
    }
    tm.seek(20.01e6);
    const after = fatesView(tm.sim);
    expect(after.atRisk).toBe(0);
    expect(after.lost).toBeGreaterThan(0);
    // The lost tail stays drawn on the old primary, whose memory is gone.
    expect(after.recent.filter((m) => m.fate === 'lost').every((m) => m.holding[0] === 'gone')).toBe(true);
  });

  it('a fault injected in the past gives the fates of a straight run with that fault', () => {
    const [cache] = specsOf('primary-crash');
    const tm = new TimeMachine(cache);
    tm.seek(30e6);
    fatesView(tm.sim);
    forgetFates(tm.sim);
    tm.inject(12e6, { kind: 'crash', node: 'b1' });
    tm.seek(25e6);
    const straight = new TimeMachine(cache, [{ t: 12e6, fault: { kind: 'crash', node: 'b1' } }]);
    straight.seek(25e6);
    expect(fatesView(tm.sim)).toEqual(fatesView(straight.sim));
  });
});
