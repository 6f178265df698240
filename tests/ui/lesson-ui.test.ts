// Pure logic behind the lesson panel: highlights, the ?lesson= parameter, progress storage, goal words and
// checks, knob edits written into the scenario text.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { parseScenario } from '../../src/lesson/file';
import { emptyProgress, PROGRESS_STORAGE_KEY, withLesson } from '../../src/lesson/progress';
import { asRunSummary, checkTask, describeGoal } from '../../src/ui/lesson/goals';
import { describeHighlight, marksFor } from '../../src/ui/lesson/highlight';
import { knobValues, validKnob } from '../../src/ui/lesson/knobs';
import { withCacheKnobs } from '../../src/ui/lesson/knobs-edit';
import { findLesson, lessonFromSearch } from '../../src/ui/lesson/lesson-url';
import { readProgress, writeProgress, type ProgressStore } from '../../src/ui/lesson/storage';
import { describeUntil } from '../../src/ui/lesson/words';
import type { LiveSummary } from '../../src/ui/worker/protocol';
import type { NodeView, PaneView } from '../../src/sim/view';
import { WIDTH } from '../../src/ui/panes/layout';

const panes = [
  { label: 'ElastiCache 5 ms behind', presetId: 'elasticache' },
  { label: 'ElastiCache 100 ms behind', presetId: 'elasticache' },
];
const node = (id: string, az: 'a' | 'b' | 'c', role: 'primary' | 'replica') => ({ id, az, role }) as NodeView;
const view: Pick<PaneView, 'nodes' | 'log'> = { nodes: [node('a1', 'a', 'primary'), node('b1', 'b', 'replica'), node('c1', 'c', 'replica')], log: null };

describe('highlights', () => {
  it('outlines nodes by id or role, with the id as the words', () => {
    expect(marksFor('b1', panes[0], panes, view).map((m) => m.text)).toEqual(['b1']);
    expect(marksFor('replica', panes[0], panes, view).map((m) => m.text)).toEqual(['b1', 'c1']);
    expect(marksFor('primary', panes[0], panes, view).map((m) => m.text)).toEqual(['a1']);
    expect(marksFor('z9', panes[0], panes, view)).toEqual([]);
    expect(marksFor(undefined, panes[0], panes, view)).toEqual([]);
  });

  it('picks a pane by label before preset id, so two panes of one preset stay apart', () => {
    expect(marksFor('ElastiCache 100 ms behind', panes[0], panes, view)).toEqual([]);
    expect(marksFor('ElastiCache 100 ms behind', panes[1], panes, view)).toHaveLength(1);
    expect(marksFor('elasticache', panes[0], panes, view)).toHaveLength(1);
  });

  it('the log of a durable pane, the replication stream of a cache-style one; AZ lanes sit in their third of the pane', () => {
    expect(marksFor('log', panes[0], panes, view).map((m) => m.text)).toEqual(['replication stream']);
    expect(marksFor('log', panes[0], panes, { ...view, log: {} as PaneView['log'] }).map((m) => m.text)).toEqual(['transaction log']);
    const [c] = marksFor('az-c', panes[0], panes, view);
    expect(c.x).toBeGreaterThanOrEqual((2 * WIDTH) / 3);
    expect(c.text).toBe('AZ c');
    expect(marksFor('snapshot-store', panes[0], panes, view)[0].text).toBe('snapshot store');
    expect(marksFor('clients', panes[0], panes, view)[0].text).toBe('clients');
  });

  it('says in words what to look at', () => {
    expect(describeHighlight('az-a', panes)).toBe('AZ a');
    expect(describeHighlight('elasticache', panes)).toBe('the pane "ElastiCache 5 ms behind"');
    expect(describeHighlight('b1', panes)).toBe('node b1');
    expect(describeUntil({ event: 'first-lost-write', preset: 'elasticache' })).toBe('the first acknowledged write that is later lost in "elasticache"');
    expect(describeUntil({ event: 'fault', kind: 'crash' })).toBe('the crash fault');
    expect(describeUntil({ event: 'time', at: 12.5 })).toBe('the clock reaching 12.5 s');
  });
});

describe('?lesson= parameter', () => {
  it('finds a curriculum lesson by its id', () => {
    const found = lessonFromSearch('?lesson=02-async-lag-window', CURRICULUM);
    expect(found && 'entry' in found && found.entry.title).toBe(CURRICULUM[1].title);
    expect(lessonFromSearch('?scenario=primary-crash', CURRICULUM)).toBeNull();
    expect(lessonFromSearch('', CURRICULUM)).toBeNull();
  });

  it('names an unknown id, the parameter and the ids that exist; long ids are cut', () => {
    const missing = findLesson('02-async-replication', CURRICULUM);
    expect(missing && 'error' in missing && missing.error).toMatch(/"02-async-replication".*"lesson" parameter.*01-acknowledged/);
    const long = findLesson('x'.repeat(5000), CURRICULUM);
    expect(long && 'error' in long && long.error.length).toBeLessThan(1000);
    const weird = lessonFromSearch('?lesson=%3Cscript%3E', CURRICULUM);
    expect(weird && 'error' in weird).toBe(true);
  });

  it('refuses a repeated lesson parameter, naming it and what it holds, and opens none', () => {
    const twice = lessonFromSearch('?lesson=01-acknowledged&lesson=02-async-lag-window', CURRICULUM);
    expect(twice && 'error' in twice && twice.error).toBe(
      'The address gives the "lesson" parameter 2 times ("01-acknowledged", "02-async-lag-window"), but it takes one lesson id, ' +
        `so no lesson was opened. Lessons: ${CURRICULUM.map((e) => e.id).join(', ')}.`,
    );
    const same = lessonFromSearch('?lesson=01-acknowledged&lesson=01-acknowledged', CURRICULUM);
    expect(same && 'error' in same).toBe(true);
    const many = lessonFromSearch(`?${Array(500).fill(`lesson=${'x'.repeat(5000)}`).join('&')}`, CURRICULUM);
    expect(many && 'error' in many && many.error).toMatch(/parameter 500 times \("x{60}…", "x{60}…", "x{60}…", …\)/);
    expect(many && 'error' in many && many.error.length).toBeLessThan(1000);
  });
});

describe('progress storage', () => {
  const memory = (initial: string | null): ProgressStore & { value: string | null } => {
    const store = {
      value: initial,
      getItem: (k: string) => (k === PROGRESS_STORAGE_KEY ? store.value : null),
      setItem: (k: string, v: string) => {
        if (k === PROGRESS_STORAGE_KEY) store.value = v;
      },
    };
    return store;
  };

  it('round-trips progress', () => {
    const store = memory(null);
    const progress = withLesson(emptyProgress(), '01-acknowledged', { step: 2, answers: { '1': 0 }, tasksPassed: [], completed: false });
    expect(writeProgress(store, progress)).toBe(true);
    expect(readProgress(store).lessons['01-acknowledged'].step).toBe(2);
  });

  it('treats foreign, broken or unreadable content as no progress, and refusals as not stored', () => {
    for (const bad of ['{', '[]', '{"version":2,"lessons":{}}', '{"version":1,"lessons":{"x":{"step":-1}}}', 'null']) {
      expect(readProgress(memory(bad))).toEqual(emptyProgress());
    }
    const throwing: ProgressStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readProgress(throwing)).toEqual(emptyProgress());
    expect(writeProgress(throwing, emptyProgress())).toBe(false);
    expect(readProgress(null)).toEqual(emptyProgress());
    expect(writeProgress(null, emptyProgress())).toBe(false);
  });
});

describe('task goals on live summaries', () => {
  const live = (lostCount: number): LiveSummary =>
    ({
      preset: 'elasticache',
      label: 'x',
      family: 'cache',
      writes: 10,
      acked: 10,
      rpoMs: 0,
      rtoMs: 0,
      readRtoMs: 0,
      staleReads: 0,
      splitBrainMs: 0,
      unknownWrites: 0,
      refusedWrites: 0,
      writeLatencyMs: { p50: 1, p99: 2, max: 3 },
      readLatencyMs: { p50: 1, p99: 2, max: 3 },
      lostCount,
      lostFirst: lostCount > 0 ? [{ id: 1, key: 'k', ackedAtMs: 1, node: 'a1', reason: 'r' }] : [],
    }) as LiveSummary;

  it('counts every lost write, not only the few sent to the page', () => {
    expect(asRunSummary(live(120)).lostAcked).toHaveLength(120);
    expect(asRunSummary(live(0)).lostAcked).toHaveLength(0);
  });

  it('judges only at the end of the run, with every summary in', () => {
    const goal = { preset: 'ElastiCache 100 ms behind', lostAcked: 0 };
    expect(checkTask(goal, panes, [live(3), live(0)], { tUs: 5, endUs: 10 }).state).toBe('not-ready');
    expect(checkTask(goal, panes, [live(3), undefined], { tUs: 10, endUs: 10 }).state).toBe('not-ready');
    expect(checkTask(goal, panes, [live(3), live(0)], { tUs: 10, endUs: 10 })).toEqual({ state: 'checked', passed: true, failures: [] });
    expect(checkTask(goal, panes, [live(0), live(97)], { tUs: 10, endUs: 10 })).toEqual({
      state: 'checked',
      passed: false,
      failures: ['ElastiCache 100 ms behind: lostAcked: expected 0, got 97'],
    });
  });

  it('puts goals in words', () => {
    expect(describeGoal({ preset: 'elasticache', lostAcked: 0 })).toBe('elasticache: lostAcked = 0');
    expect(describeGoal({ preset: 'memorydb', rpoMs: { lte: 10, gt: 0 }, linearizable: true })).toBe('memorydb: rpoMs ≤ 10 and > 0, linearizable holds');
  });
});

describe('task knobs', () => {
  const text = CURRICULUM[0].text;

  it('writes overrides into the scenario text, turning a bare preset id into an entry', () => {
    const changed = withCacheKnobs(withCacheKnobs(text, 0, { replicationDelayMs: 0 }), 1, { waitReplicas: 1 });
    const s = parseScenario(changed, 'scenarios/lessons/01-acknowledged.yaml');
    expect(s.presets[0]).toMatchObject({ preset: 'elasticache', overrides: { cache: { replicationDelayMs: 0 } } });
    expect(s.presets[1]).toMatchObject({ preset: 'memorydb', overrides: { cache: { waitReplicas: 1 } } });
    expect(s.lesson?.steps.length).toBe(CURRICULUM[0].scenario.lesson.steps.length);
    expect(changed.split('\n')[0]).toBe(text.split('\n')[0]); // comments stay
  });

  it('refuses entries that do not exist and values out of range', () => {
    expect(() => withCacheKnobs(text, 5, { waitReplicas: 1 })).toThrow(/no preset entry 6/);
    expect(() => withCacheKnobs(text, 0, { waitReplicas: 1.5 })).toThrow(/outside/);
    expect(() => withCacheKnobs(text, 0, { replicationDelayMs: Number.NaN })).toThrow(/outside/);
    expect(validKnob('replicationDelayMs', 2.5)).toBe(true);
    expect(validKnob('minReplicasToWrite', 6)).toBe(false);
    expect(knobValues({ replicationDelayMs: 20, waitReplicas: 0, minReplicasToWrite: 1 })).toEqual({ replicationDelayMs: 20, waitReplicas: 0, minReplicasToWrite: 1 });
  });
});

describe('lesson text is never HTML', () => {
  it('no lesson component renders raw HTML', () => {
    const dir = new URL('../../src/ui/lesson/', import.meta.url);
    const components = readdirSync(dir).filter((f) => f.endsWith('.svelte'));
    expect(components.length).toBeGreaterThan(5);
    for (const f of components) expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/\{@html/);
  });
});
