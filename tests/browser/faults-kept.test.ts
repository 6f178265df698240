// Faults injected by hand are one list: after injecting, rewinding and injecting again (or injecting two
// faults at one instant), the timeline, the address bar and the share link keep every fault the
// simulation keeps, in its order, and the shared link reopens the very same run: the same trace hash
// in the page, in the reopened page and in Node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import type { InjectedFault } from '../../src/sim/timemachine';
import { completeRun } from '../../src/ui/worker/complete-run';
import { browserSkipReason, useBrowser } from './browser';
import { injectByHand, injectedMarkers, ready, settledAt, traceHashes } from './lab';

const skipReason = browserSkipReason();
const FILE = 'scenarios/primary-crash.yaml';
const SCENARIO = parseScenario(readFileSync(FILE, 'utf8'), FILE);

/** Trace hash of each preset's run with these faults injected by hand, computed in Node. */
function hashesInNode(injected: InjectedFault[]): string[] {
  return resolveRuns(SCENARIO).map((spec) => completeRun(spec, injected).sim.traceHash());
}

describe.skipIf(skipReason !== undefined)(`faults injected by hand${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  async function sharedLink(page: Page, faults: number): Promise<string> {
    // The address bar follows the resting view with every fault.
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f').length, { timeout: 10_000 }).toBe(faults);
    await page.getByTestId('share-button').click();
    return page.getByTestId('share-url').inputValue();
  }

  /**
   * The timeline marks every fault, the link carries them in order, and the page, the reopened link and
   * Node all give the same trace hash; the reopened page rests at `atUs`.
   */
  async function sharesTheSameRun(page: Page, faults: InjectedFault[], atUs: number): Promise<void> {
    const times = faults.map((f) => f.t);
    expect(await injectedMarkers(page)).toEqual(times);
    const url = await sharedLink(page, faults.length);
    expect(new URL(url).searchParams.getAll('f')).toEqual(faults.map(({ t, fault }) => JSON.stringify({ at: t / 1e6, ...fault })));
    const expected = hashesInNode(faults);
    expect((await traceHashes(page, { injected: true })).map((r) => r.traceHash)).toEqual(expected);
    const reopened = await browser.open(url);
    await ready(reopened.page, 2);
    await settledAt(reopened.page, atUs);
    expect(await injectedMarkers(reopened.page)).toEqual(times);
    expect((await traceHashes(reopened.page, { injected: true })).map((r) => r.traceHash)).toEqual(expected);
    expect(reopened.problems).toEqual([]);
  }

  it('inject, rewind, inject again: the link keeps both faults and reopens the same run', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=30000000');
    await ready(page, 2);
    await settledAt(page, 30_000_000);
    await injectByHand(page, 'node-b1', 'crash');
    await settledAt(page, 30_000_000);
    await page.getByTestId('scrubber').fill('10000000');
    await settledAt(page, 10_000_000);
    await injectByHand(page, 'node-c1', 'crash');
    await settledAt(page, 10_000_000);

    const faults: InjectedFault[] = [
      { t: 10_000_000, fault: { kind: 'crash', node: 'c1' } },
      { t: 30_000_000, fault: { kind: 'crash', node: 'b1' } },
    ];
    await sharesTheSameRun(page, faults, 10_000_000);
    expect(problems).toEqual([]);
  });

  it('promote a replica from the keyboard: its action is described for screen readers, and the link reopens the same run', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=10000000');
    await ready(page, 2);
    await settledAt(page, 10_000_000);
    const focusedId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    async function tabTo(testId: string): Promise<void> {
      for (let i = 0; i < 150 && (await focusedId()) !== testId; i++) await page.keyboard.press('Tab');
      expect(await focusedId()).toBe(testId);
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo('node-c1');
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe('action-crash');
    await tabTo('action-promote');
    const promote = page.getByTestId('action-promote');
    expect(await promote.getAttribute('role')).toBe('menuitem');
    const described = await promote.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toMatch(/^Promote replica c1 by hand now, whatever its lag: .*every acknowledged write it lacks is lost/);
    await page.keyboard.press('Enter');
    await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
    await settledAt(page, 10_000_000);
    // A primary has nothing to promote.
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-c1"]').click();
    await expect.poll(() => page.getByTestId('action-promote').count()).toBe(0);
    await page.keyboard.press('Escape');

    await sharesTheSameRun(page, [{ t: 10_000_000, fault: { kind: 'promote', node: 'c1' } }], 10_000_000);
    expect(problems).toEqual([]);
  });

  it('two faults at one instant: both kept, in the order injected, and the link reopens the same run', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=10000000');
    await ready(page, 2);
    await settledAt(page, 10_000_000);
    await injectByHand(page, 'node-b1', 'crash');
    await settledAt(page, 10_000_000);
    await injectByHand(page, 'az-c', 'az-isolate');
    await settledAt(page, 10_000_000);

    const faults: InjectedFault[] = [
      { t: 10_000_000, fault: { kind: 'crash', node: 'b1' } },
      { t: 10_000_000, fault: { kind: 'az-isolate', az: 'c' } },
    ];
    await sharesTheSameRun(page, faults, 10_000_000);
    expect(problems).toEqual([]);
  });
});
