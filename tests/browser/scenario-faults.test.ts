// The scenario's own faults are on the timeline from the start and can be removed or moved in the app: the
// run is recomputed with the change (the clock and the faults injected by hand kept), and a shared link
// reopens the same run: the same trace hash as Node's run of the edited file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import type { InjectedFault } from '../../src/sim/timemachine';
import { completeRun } from '../../src/ui/worker/complete-run';
import { editFault, type FaultChange } from '../../src/ui/share/edit';
import { browserSkipReason, useBrowser } from './browser';
import { injectByHand, injectedMarkers, ready, settledAt, traceHashes } from './lab';

const skipReason = browserSkipReason();
const FILE = 'scenarios/primary-crash.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function hashesInNode(change: FaultChange, injected: InjectedFault[]): string[] {
  const text = editFault(TEXT, FILE, change);
  return resolveRuns(parseScenario(text, FILE)).map((spec) => completeRun(spec, injected).sim.traceHash());
}

async function lostInPanes(page: Page): Promise<number[]> {
  return page.locator('[data-testid^="picture-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-lost'))));
}

describe.skipIf(skipReason !== undefined)(`the scenario's faults${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('are drawn before they happen; removing the crash recomputes the run and the link carries it', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=5000000');
    await ready(page, 2);
    await settledAt(page, 5_000_000);
    // At 5 s the crash at 20 s has not happened, and the timeline shows it already.
    expect(await page.locator('[data-testid="timeline"] [data-kind="scenario"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-t'))))).toEqual([20_000_000]);
    await page.getByTestId('scrubber').fill('30000000');
    await settledAt(page, 30_000_000);
    expect((await lostInPanes(page))[0]).toBeGreaterThan(0);
    // A fault injected by hand stays through the change.
    await injectByHand(page, 'node-c1', 'crash');
    await settledAt(page, 30_000_000);

    await page.getByTestId('scenario-fault').first().click();
    await page.getByTestId('scenario-fault-remove').click();
    await expect.poll(() => page.getByTestId('scenario-fault').count(), { timeout: 10_000 }).toBe(0);
    await settledAt(page, 30_000_000);
    expect(await lostInPanes(page)).toEqual([0, 0]);
    const injected: InjectedFault[] = [{ t: 30_000_000, fault: { kind: 'crash', node: 'c1' } }];
    expect(await injectedMarkers(page)).toEqual([30_000_000]);
    const expected = hashesInNode({ index: 0, remove: true }, injected);
    expect((await traceHashes(page, { injected: true })).map((r) => r.traceHash)).toEqual(expected);

    await page.getByTestId('share-button').click();
    const url = await page.getByTestId('share-url').inputValue();
    // The edited scenario is no longer the built-in: the link carries the file.
    expect(new URL(url).searchParams.has('z')).toBe(true);
    const reopened = await browser.open(url);
    await ready(reopened.page, 2);
    await settledAt(reopened.page, 30_000_000);
    expect(await lostInPanes(reopened.page)).toEqual([0, 0]);
    expect((await traceHashes(reopened.page, { injected: true })).map((r) => r.traceHash)).toEqual(expected);
    expect(reopened.problems).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('moving the crash to 40 s moves the loss, the same as Node runs the edited file', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=30000000');
    await ready(page, 2);
    await settledAt(page, 30_000_000);
    await page.getByTestId('scenario-fault').first().click();
    await page.getByTestId('scenario-fault-at').fill('40');
    await page.getByTestId('scenario-fault-move').click();
    await expect.poll(() => page.getByTestId('scenario-fault').first().getAttribute('data-t'), { timeout: 10_000 }).toBe('40000000');
    await settledAt(page, 30_000_000);
    expect(await lostInPanes(page)).toEqual([0, 0]);
    await page.getByTestId('scrubber').fill('50000000');
    await settledAt(page, 50_000_000);
    expect((await lostInPanes(page))[0]).toBeGreaterThan(0);
    expect((await traceHashes(page, { injected: true })).map((r) => r.traceHash)).toEqual(hashesInNode({ index: 0, atS: 40 }, []));
  });
});
