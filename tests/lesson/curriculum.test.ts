// Every lesson is a runnable scenario: it parses, sits in a unique place in the order, holds its
// expectations when run, and every pause it promises really happens, in order, in that run.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { checkGoals, firstOccurrence, normalizeUntil, pauseTime, type PaneRecord } from '../../src/lesson/conditions';
import { buildCurriculum } from '../../src/lesson/curriculum';
import { parseScenario } from '../../src/lesson/file';
import { runScenario } from '../../src/scenario/run-scenario';

const dir = new URL('../../scenarios/lessons/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const texts = Object.fromEntries(files.map((f) => [`scenarios/lessons/${f}`, readFileSync(new URL(f, dir), 'utf8')]));

describe('curriculum', () => {
  const entries = buildCurriculum(texts);

  it('has at least ten lessons, ordered 1..n without gaps or repeats, each with minutes', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect(entries.map((e) => e.order)).toEqual(entries.map((_, i) => i + 1));
    for (const e of entries) expect(e.minutes).toBeGreaterThan(0);
    expect(files.every((f, i) => f.startsWith(String(i + 1).padStart(2, '0')))).toBe(true);
  });

  it('is what the app bundles', () => {
    expect(CURRICULUM.map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('covers the topics of the brief in order', () => {
    expect(entries.slice(0, 10).map((e) => e.id)).toEqual([
      '01-acknowledged',
      '02-async-lag-window',
      '03-wait-and-min-replicas',
      '04-aof-fsync-power-loss',
      '05-multi-az-log',
      '06-losing-an-az',
      '07-partitions',
      '08-recovery',
      '09-choosing-a-design',
      '10-one-writer',
    ]);
  });

  it.each(files)('%s names the schema, stays small, and cites sources in every step', (file) => {
    const text = texts[`scenarios/lessons/${file}`];
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../scenario.schema.json');
    const s = parseScenario(text, file);
    expect(s.durationS).toBeLessThanOrEqual(60);
    expect(s.workload.writesPerSec + s.workload.readsPerSec).toBeLessThanOrEqual(1500);
    expect(Object.keys(s.expect).length).toBe(s.presets.length);
    for (const step of s.lesson!.steps) {
      expect(step.sources?.length ?? 0, step.caption).toBeGreaterThan(0);
      if (step.predict) expect(step.predict.sources?.length ?? 0).toBeGreaterThan(0);
    }
  });

  for (const file of files) {
    it(`${file} holds its expectations and reaches every pause, in order`, () => {
      const scenario = parseScenario(texts[`scenarios/lessons/${file}`], file);
      const outcome = runScenario(scenario, { linearizability: false, keepResults: true });
      for (const run of outcome.runs) {
        expect(run.expect?.failures ?? ['no expectations'], `${file}: ${run.spec.label}`).toEqual([]);
      }
      const panes: PaneRecord[] = outcome.runs.map((r) => ({
        label: r.spec.label,
        presetId: r.spec.presetId,
        trace: r.result!.trace,
        histories: r.result!.shards?.map((s) => s.historyLog) ?? [r.result!.historyLog],
        lost: r.result!.lost,
      }));
      let last = 0;
      scenario.lesson!.steps.forEach((step, i) => {
        if (step.until !== undefined) {
          expect(firstOccurrence(normalizeUntil(step.until), panes), `${file} step ${i}: until never happens`).not.toBeNull();
        }
        const t = pauseTime(step, panes);
        if (t !== null) {
          expect(t, `${file} step ${i} pauses before the step above it`).toBeGreaterThanOrEqual(last);
          last = t;
        }
        // A task must start unsolved, or there is nothing to try.
        if (step.task) {
          const summaries = outcome.runs.map((r) => ({ label: r.spec.label, presetId: r.spec.presetId, summary: r.summary }));
          expect(checkGoals(step.task.goal, summaries).passed, `${file} step ${i}: task already solved`).toBe(false);
        }
      });
    });
  }
});
