// Every lesson step on one screen: at 1280×720 with a lesson open, the step's caption, the part of the
// picture it points at ("look here", when it points somewhere) and the key numbers of every pane
// (acknowledged, lost, RPO, RTO) are all visible together, without scrolling, and the pictures' smallest
// text is still at least 14 px. Each step is opened the way a learner resuming comes back to it (its
// progress stored in the browser), so the clock rests at the step's own pause.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CURRICULUM } from '../../src/lesson/builtin';
import { PROGRESS_STORAGE_KEY } from '../../src/lesson/progress';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

interface Seen {
  caption: boolean;
  target: boolean | null;
  numbers: boolean;
  smallestText: number;
}

async function onScreen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const bar = document.querySelector('.bar')!.getBoundingClientRect().bottom;
    const dock = document.querySelector('[data-testid="lesson-player"]')!.getBoundingClientRect();
    const inside = (el: Element | null, top: number, bottom: number) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
    };
    // The caption and the numbers are in the docked panel, which must be wholly on screen; the target
    // sits between the bar at the top and the panel.
    const caption = inside(document.querySelector('[data-testid="lesson-caption"]'), 0, window.innerHeight) && dock.bottom <= window.innerHeight + 1;
    const targets = [...document.querySelectorAll('[data-look-here]')];
    const target = targets.length === 0 ? null : targets.some((t) => inside(t, bar, dock.top));
    const numbers = inside(document.querySelector('[data-testid="lesson-key-numbers"]'), 0, window.innerHeight);
    let smallestText = Infinity;
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg[data-testid^="picture-"]')) {
      const r = svg.getBoundingClientRect();
      if (r.bottom < bar || r.top > dock.top) continue; // only the pictures on screen
      const scale = r.width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('text')) if (t.textContent?.trim()) smallestText = Math.min(smallestText, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    return { caption, target, numbers, smallestText };
  });
}

describe.skipIf(skipReason !== undefined)(`every lesson step on one screen${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('at 1280×720: caption, look-here target and key numbers together, text at least 14 px', async () => {
    const failures: string[] = [];
    const { page } = await browser.open('/?s=primary-crash&t=1000');
    for (const entry of CURRICULUM) {
      const steps = entry.scenario.lesson.steps;
      for (let step = 0; step < steps.length; step++) {
        const progress = { version: 1, lessons: { [entry.id]: { step, answers: {}, tasksPassed: [], completed: false } } };
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PROGRESS_STORAGE_KEY, JSON.stringify(progress)] as const);
        await page.goto(`${new URL(page.url()).origin}/?lesson=${entry.id}`);
        await page.waitForFunction((n) => document.querySelector('[data-testid="lesson-player"]')?.getAttribute('data-step') === String(n), step, { timeout: 30_000 });
        await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false' && document.querySelector('[data-testid^="pane-"]') !== null, null, { timeout: 60_000 });
        await page.waitForTimeout(150); // the panel's scroll to the target happens on the next frame
        const seen = await onScreen(page);
        const where = `${entry.id} step ${step + 1}`;
        if (!seen.caption) failures.push(`${where}: caption not wholly on screen`);
        if (steps[step].highlight && seen.target !== true) failures.push(`${where}: look-here target (${steps[step].highlight}) not on screen`);
        if (!seen.numbers) failures.push(`${where}: key numbers not on screen`);
        if (seen.smallestText < 14) failures.push(`${where}: smallest text ${seen.smallestText.toFixed(1)} px`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
