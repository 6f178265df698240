// Lessons in a real browser: the list opens from the lab, lesson 2 starts and plays to its first pause,
// Next plays on to the prediction step's pause, a wrong answer reveals the explanation, Back returns the
// clock to the earlier step's instant through the time machine, and a reload comes back to the same step
// with the answer kept. An unknown ?lesson= id says so and leaves the normal lab working.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();
const LESSON = '02-async-lag-window';

async function clock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').getAttribute('data-t'));
}

/** The clock rests (not playing, worker idle) exactly at tUs. */
async function restsAt(page: Page, tUs: number): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const c = document.querySelector('[data-testid="clock"]');
      const play = document.querySelector('[data-testid="play"]');
      return Number(c?.getAttribute('data-t')) === t && c?.getAttribute('data-busy') === 'false' && play?.getAttribute('aria-label') === 'Play';
    },
    tUs,
    { timeout: 60_000 },
  );
}

/** Where the current step pauses, once the lesson has worked it out. */
async function pauseOfStep(page: Page): Promise<number> {
  await page.waitForFunction(() => /Paused at|pauses at/.test(document.querySelector('[data-testid="lesson-clock-note"]')?.textContent ?? ''), null, { timeout: 60_000 });
  const text = (await page.getByTestId('lesson-clock-note').first().textContent()) ?? '';
  return Math.round(Number(/(\d+\.\d+) s/.exec(text)![1]) * 1e6);
}

async function stepText(page: Page): Promise<string> {
  return (await page.getByTestId('lesson-step-count').textContent())?.trim() ?? '';
}

describe.skipIf(skipReason !== undefined)(`lessons${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('plays lesson 2 to its pauses, reveals a prediction, goes back in time and resumes after a reload', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await page.getByTestId('speed-slider').fill('30'); // 100×, so pauses many seconds ahead come quickly

    // The list: ten lessons in order, with minutes and status.
    await page.getByTestId('lessons-button').click();
    const items = page.locator('[data-testid^="lesson-item-"]');
    expect(await items.count()).toBe(12);
    expect(await items.first().getAttribute('data-testid')).toBe('lesson-item-01-acknowledged');
    expect(await page.getByTestId(`lesson-item-${LESSON}`).getAttribute('data-status')).toBe('new');
    expect(await page.getByTestId(`lesson-item-${LESSON}`).textContent()).toMatch(/About 7 min/);
    await page.getByTestId(`lesson-open-${LESSON}`).click();

    // Step 1 pauses at 10 s ("at: 10"), having played there; its highlight is outlined and named.
    const player = page.getByTestId('lesson-player');
    await player.waitFor();
    expect(await stepText(page)).toBe('Step 1 of 4');
    await restsAt(page, 10e6);
    expect(await page.getByTestId('lesson-clock-note').textContent()).toMatch(/Paused at 10\.000 s/);
    expect(await page.locator('[data-testid="highlight"]').count()).toBe(2); // the replication stream, in both panes
    expect(await page.getByTestId('lesson-highlight').textContent()).toMatch(/Look at the log/);
    expect(await page.getByTestId('lesson-caption').textContent()).toMatch(/Replication in Redis is asynchronous/);

    // Next plays on to step 2's pause at 19.5 s; Next waits for an answer there.
    await page.getByTestId('lesson-next').click();
    await restsAt(page, 19.5e6);
    expect(await stepText(page)).toBe('Step 2 of 4');
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="why"] a').count()).toBeGreaterThan(0);

    // A wrong pick: marked as such, with the right answer and the explanation.
    await page.getByTestId('choice-0').click();
    const reveal = page.getByTestId('reveal');
    await reveal.waitFor();
    expect(await reveal.getAttribute('data-correct')).toBe('false');
    expect(await reveal.textContent()).toMatch(/Not quite: the answer is "About 100"/);
    expect(await reveal.textContent()).toMatch(/1,000 writes a second × 0\.1 s/);
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(false);
    await screenshot('lesson-predict');

    // Back returns to step 1 and its instant, through the time machine.
    await page.getByTestId('lesson-back').click();
    await restsAt(page, 10e6);
    expect(await stepText(page)).toBe('Step 1 of 4');
    expect(await clock(page)).toBe(10e6);

    // Forward again, by keyboard: the answer stands.
    await page.getByTestId('lesson-next').focus();
    await page.keyboard.press('Enter');
    await restsAt(page, 19.5e6);
    expect(await stepText(page)).toBe('Step 2 of 4');
    expect(await page.getByTestId('reveal').getAttribute('data-correct')).toBe('false');

    // The address names the lesson; a reload comes back to the same step, answer kept.
    expect(new URL(page.url()).searchParams.get('lesson')).toBe(LESSON);
    await page.reload();
    await player.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step-count"]')?.textContent?.trim() === 'Step 2 of 4', null, { timeout: 30_000 });
    await restsAt(page, 19.5e6);
    expect(await page.getByTestId('reveal').getAttribute('data-correct')).toBe('false');
    await page.getByTestId('lessons-button').click();
    expect(await page.getByTestId(`lesson-item-${LESSON}`).getAttribute('data-status')).toBe('started');
    await page.getByTestId('lessons-button').click();

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('lesson-player');
    expect(problems).toEqual([]);
  });

  it('a try-it task fails as shipped and passes after changing a knob of the pane it names', async () => {
    // The same browser profile: lesson 2 resumes at step 2, where the first test left it.
    const { page, problems } = await browser.open(`/?lesson=${LESSON}`);
    await page.getByTestId('lesson-player').waitFor({ timeout: 30_000 });
    await page.getByTestId('speed-slider').fill('30');
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step-count"]')?.textContent?.trim() === 'Step 2 of 4', null, { timeout: 30_000 });
    await restsAt(page, 19.5e6);
    await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step-count"]')?.textContent?.trim() === 'Step 4 of 4', null, { timeout: 30_000 });

    const result = page.locator('[data-testid="task-result"] [data-passed]');
    await page.getByTestId('task-check').click();
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-passed')).toBe('false');
    expect(await result.textContent()).toMatch(/ElastiCache 100 ms behind: lostAcked: expected 0, got [1-9]\d*/);
    expect(await clock(page)).toBe(40e6); // judged over the whole run

    await page.getByText('Change knobs').click();
    expect(await page.getByTestId('knob-pane').inputValue()).toBe('1'); // the pane the goal names
    await page.getByTestId('knob-replicationDelayMs').fill('0');
    await page.getByTestId('knob-apply').click();
    await restsAt(page, await pauseOfStep(page));
    await page.getByTestId('task-check').click();
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-passed')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('an unknown lesson id gets a message naming it, the lab opens as usual, and foreign stored progress is ignored', async () => {
    const { page, problems } = await browser.open('/?lesson=02-async-replication');
    const notice = page.getByTestId('lesson-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/"02-async-replication".*no such lesson/);
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('lesson-player').count()).toBe(0);

    // Foreign content under the progress key is ignored: the list opens, every lesson as new.
    await page.evaluate(() => localStorage.setItem('durability-lab:lesson-progress', '{"version":1,"lessons":{"02-async-lag-window":{"step":"<img>"}}}'));
    await page.reload();
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await page.getByTestId('lessons-button').click();
    expect(await page.getByTestId(`lesson-item-${LESSON}`).getAttribute('data-status')).toBe('new');
    expect(problems).toEqual([]);
  });
});
