// Script and HTML injection through every way a scenario reaches the page: a picked file and a share link
// carrying a whole file. Every text field (title, description, pane labels, lesson captions, questions,
// choices, explanations, task instructions) holds an attack; the page must show them as typed text,
// never run them, and never create the elements they describe.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeShareState } from '../../src/share/url';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

const ATTACKS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><iframe src="javascript:window.__pwned = 3"></iframe>',
  '<svg onload="window.__pwned = 4"></svg>',
  '[click](javascript:window.__pwned=5)',
];

function hostileScenario(attack: string, other: string): string {
  const q = JSON.stringify(attack);
  const o = JSON.stringify(other);
  return `title: ${q}
description: ${o}
seed: 1
durationS: 20
presets:
  - { preset: elasticache, label: ${JSON.stringify(('A ' + attack).slice(0, 60))} }
  - { preset: memorydb, label: ${JSON.stringify(('B ' + other).slice(0, 60))} }
workload: { writesPerSec: 200, readsPerSec: 50 }
faults:
  - { at: 5, kind: crash, node: primary }
lesson:
  minutes: 1
  summary: ${q}
  steps:
    - caption: ${q}
      predict: { question: ${o}, choices: [${q}, ${o}], answer: 0, explanation: ${q} }
      task: { instruction: ${o}, goal: { preset: elasticache, lostAcked: 0 } }
`;
}

/** Nothing ran and nothing the attacks describe exists in the page. */
async function assertNothingRan(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const planted = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__pwned')).length,
    imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href')!.trim().toLowerCase().startsWith('javascript:')).length,
  }));
  expect(planted).toEqual({ scripts: 0, imgs: 0, iframes: 0, handlers: 0, jsLinks: 0 });
}

describe.skipIf(skipReason !== undefined)(`hostile scenario text${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('shows attacks from a picked file as text, runs none of them, and keeps running', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    for (let i = 0; i < ATTACKS.length; i++) {
      const attack = ATTACKS[i];
      const text = hostileScenario(attack, ATTACKS[(i + 1) % ATTACKS.length]);
      await page.getByTestId('import-input').setInputFiles({ name: `hostile-${i}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
      await expect.poll(() => page.locator('.intro').textContent(), { timeout: 30_000 }).toContain(attack);
      await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
      // The pane headers show the labels as typed.
      expect(await page.locator('[data-testid^="pane-"]').first().textContent()).toContain(('A ' + attack).slice(0, 60));
      await assertNothingRan(page, dialogs);
    }
    // The run still works: play on past the crash, the cache-style pane fails over.
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 6e6, null, { timeout: 30_000 });
    await assertNothingRan(page, dialogs);
    await screenshot('hostile-file');
    expect(problems).toEqual([]);
  });

  it('shows attacks from a share link carrying a whole file as text and runs none of them', async () => {
    const text = hostileScenario(ATTACKS[1], ATTACKS[0]);
    const params = await encodeShareState({ scenario: { text }, injected: [], tUs: 2_000_000 });
    const { page, problems, screenshot } = await browser.open(`/?${params.toString()}`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await expect.poll(() => page.locator('.intro').textContent(), { timeout: 30_000 }).toContain(ATTACKS[1]);
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await assertNothingRan(page, dialogs);
    await screenshot('hostile-link');
    expect(problems).toEqual([]);
  });
});
