// The same scenario and seed give the same trace in Node and in the browser: the page's worker runs the
// default scenario afresh for a short duration and reports each pane's trace hash, and simulateRun in
// Node must produce the same hashes from the same file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { simulateRun } from '../../src/sim/run';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();
const DURATION_S = 25; // past the default scenario's crash at 20 s, so failover is part of the trace

interface Run {
  presetId: string;
  seed: number;
  durationS: number;
  traceHash: string;
}

describe.skipIf(skipReason !== undefined)(`determinism across Node and the browser${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('the default scenario has the same trace hash per preset in the page as in Node', async () => {
    const { page, problems } = await browser.open('/');
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });

    const ask = (durationS: number) =>
      page.getByTestId('trace-hash').evaluate((el, d) => {
        el.setAttribute('data-trace-hash', '');
        el.dispatchEvent(new CustomEvent('trace-hash', { detail: { durationS: d } }));
      }, durationS);
    const answer = async (): Promise<Run[]> => {
      const handle = await page.waitForFunction(() => document.querySelector('[data-testid="trace-hash"]')?.getAttribute('data-trace-hash') || null, null, { timeout: 60_000 });
      return JSON.parse((await handle.jsonValue()) as string) as Run[];
    };

    await ask(DURATION_S);
    const inBrowser = await answer();

    const file = 'scenarios/primary-crash.yaml';
    const scenario = parseScenario(readFileSync(file, 'utf8'), file);
    const inNode = resolveRuns(scenario).map((spec) => {
      const run = simulateRun({ ...spec, durationS: DURATION_S });
      return { presetId: spec.presetId, seed: spec.seed, durationS: DURATION_S, traceHash: run.traceHash };
    });

    expect(inBrowser.map(({ presetId, seed, durationS, traceHash }) => ({ presetId, seed, durationS, traceHash }))).toEqual(inNode);
    expect(inNode.length).toBeGreaterThanOrEqual(2);
    // The hash tells runs apart: the presets differ from each other, and a shorter run differs too.
    expect(new Set(inNode.map((r) => r.traceHash)).size).toBe(inNode.length);
    await ask(5);
    const shorter = await answer();
    expect(shorter.map((r) => r.durationS)).toEqual(inNode.map(() => 5));
    expect(shorter.map((r) => r.traceHash)).not.toEqual(inBrowser.map((r) => r.traceHash));
    expect(shorter[0].traceHash).toBe(simulateRun({ ...resolveRuns(scenario)[0], durationS: 5 }).traceHash);
    expect(problems).toEqual([]);
  });
});
