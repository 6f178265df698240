// The picture draws what became of the acknowledged writes, and it equals the checker: at instants of
// every built-in scenario, each pane's picture carries the lost and at-risk counts (data-lost,
// data-at-risk) the model gives in Node at that instant, the lost-write box says the same count, and
// no more columns are drawn lost or at risk than counted. The same whether the instant is reached by
// seeking, seeking back or playing, and after a fault injected in the past. Golden SVGs of the default
// scenario's pictures at the crash, the lost tail and the failover keep the drawing from drifting.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { TimeMachine } from '../../src/sim/timemachine';
import { fateCounts } from '../../src/sim/fates';
import { isCluster } from '../../src/sim/cluster/specs';
import { browserSkipReason, useBrowser } from './browser';
import { ready, settledAt } from './lab';
import { seriousA11yViolations } from './axe';
import { goldens } from './golden';

const skipReason = browserSkipReason();
// A cluster's pane draws its overview, not one picture: cluster-overview.test.ts checks those against the model.
const builtins = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .filter((name) => !isCluster(specsOf(name)[0]));

function specsOf(name: string) {
  const file = `scenarios/${name}.yaml`;
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
}

/** Per pane, as drawn: the picture's counts, the columns marked, and the lost-write box's count. */
async function drawn(page: Page): Promise<Array<{ lost: number; atRisk: number; lostColumns: number; riskColumns: number; box: number }>> {
  return page.locator('[data-testid^="pane-"]').evaluateAll((panes) =>
    panes.map((p) => {
      const svg = p.querySelector('svg[data-testid^="picture-"]')!;
      return {
        lost: Number(svg.getAttribute('data-lost')),
        atRisk: Number(svg.getAttribute('data-at-risk')),
        lostColumns: svg.querySelectorAll('[data-fate="lost"]').length,
        riskColumns: svg.querySelectorAll('[data-fate="at-risk"]').length,
        box: Number(p.querySelector('[data-testid^="lost-panel-"]')?.getAttribute('data-lost')),
      };
    }),
  );
}

async function seek(page: Page, tUs: number): Promise<void> {
  await page.getByTestId('scrubber').fill(String(tUs));
  await settledAt(page, tUs);
}

describe.skipIf(skipReason !== undefined)(`fates of acknowledged writes in the picture${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('every built-in scenario: the drawn counts equal the model at several instants', async () => {
    for (const name of builtins) {
      const specs = specsOf(name);
      const machines = specs.map((s) => new TimeMachine(s));
      const end = specs[0].durationS * 1e6;
      const { page, problems } = await browser.open(`/?s=${name}&t=1000`);
      await ready(page, specs.length);
      let lostSomewhere = false;
      for (const t of [0.3, 0.35, 0.5, 0.75, 1].map((f) => Math.round(f * end))) {
        await seek(page, t);
        const panes = await drawn(page);
        panes.forEach((p, i) => {
          machines[i].seek(t);
          const model = fateCounts(machines[i].sim);
          const where = `${name}, ${specs[i].label}, at ${t / 1e6} s`;
          expect({ lost: p.lost, atRisk: p.atRisk }, where).toEqual(model);
          expect(p.box, where).toBe(model.lost);
          expect(p.lostColumns, where).toBeLessThanOrEqual(model.lost);
          expect(p.riskColumns, where).toBeLessThanOrEqual(model.atRisk);
          if (model.lost > 0) {
            lostSomewhere = true;
            expect(p.lostColumns, where).toBeGreaterThan(0);
          }
        });
      }
      if (['primary-crash', 'az-isolation', 'power-loss'].includes(name)) expect(lostSomewhere, name).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('the same picture whether the instant is sought, sought back to, or played to', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=19000000');
    await ready(page, 2);
    await settledAt(page, 19_000_000);
    const svgs = () => page.locator('svg[data-testid^="picture-"] [data-testid="strip"]').evaluateAll((els) => els.map((e) => e.outerHTML));
    // Played: at 10× from 19 s, paused past 20.5 s, then sought exactly there (a pause lands where it lands).
    await seek(page, 20_500_000);
    const sought = await svgs();
    await seek(page, 40_000_000);
    await seek(page, 20_500_000);
    expect(await svgs()).toEqual(sought);
    await seek(page, 5_000_000);
    await page.getByTestId('speed-slider').fill('20');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 21_000_000, null, { timeout: 60_000 });
    await page.getByTestId('play').click();
    await seek(page, 20_500_000);
    expect(await svgs()).toEqual(sought);
    expect((await drawn(page))[0].lost).toBeGreaterThan(0);
  });

  it('after a fault injected in the past, the counts are those of a straight run with that fault', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=30000000');
    await ready(page, 2);
    await settledAt(page, 30_000_000);
    await seek(page, 12_000_000);
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-b1"]').click();
    await page.getByTestId('action-crash').click();
    await seek(page, 31_000_000);
    const panes = await drawn(page);
    specsOf('primary-crash').forEach((spec, i) => {
      const tm = new TimeMachine(spec, [{ t: 12_000_000, fault: { kind: 'crash', node: 'b1' } }]);
      tm.seek(31_000_000);
      expect({ lost: panes[i].lost, atRisk: panes[i].atRisk }).toEqual(fateCounts(tm.sim));
    });
  });

  it('golden pictures of durable ElastiCache: the async buffer at risk, then lost at the crash; sync waiting for the log', async () => {
    const { page } = await browser.open('/?s=durable-async&t=1000');
    await ready(page, 2);
    const mismatches: string[] = [];
    for (const [name, t] of [['buffer', 45_000_000], ['lost', 53_000_000]] as const) {
      await seek(page, t);
      mismatches.push(...(await goldens(page, `durable-async-${name}`, ['async', 'sync'])));
      // The buffer line says what the log view holds: its writes and the age of the oldest.
      const [async, sync] = await page.locator('[data-testid="log-buffer"]').evaluateAll((els) => els.map((e) => ({ writes: Number(e.getAttribute('data-buffer')), text: e.textContent ?? '' })));
      if (name === 'buffer') {
        expect(async.writes).toBeGreaterThan(5_000);
        expect(async.text).toMatch(/buffer [\d,]+, oldest 9\.0 s of 10\.0 s/);
        expect(sync.writes).toBe(async.writes);
      }
    }
    expect(mismatches, 'pictures changed: review them and run with UPDATE_GOLDEN=1 to accept').toEqual([]);
    const strip = await page.locator('[data-testid="strip"]').first().getAttribute('aria-label');
    expect(strip).toMatch(/[\d,]+ writes lost, acknowledged/);
  });

  it('golden pictures of the default scenario: at risk, the crash, the lost tail at the failover', async () => {
    const { page } = await browser.open("/?s=primary-crash&t=1000");
    await ready(page, 2);
    const mismatches: string[] = [];
    for (const [name, t] of [['at-risk', 19_990_000], ['crash', 20_001_000], ['failover', 30_100_000]] as const) {
      await seek(page, t);
      mismatches.push(...(await goldens(page, `primary-crash-${name}`, ['cache', 'durable'])));
    }
    expect(mismatches, 'pictures changed: review them and run with UPDATE_GOLDEN=1 to accept').toEqual([]);
    // The strip is one image with its sentence for screen readers; the list of lost writes, opened, is a
    // scrolling region reached by keyboard, and each of its writes goes to its acknowledgement.
    expect(await page.locator('[data-testid="strip"]').first().getAttribute('aria-label')).toMatch(/b1 lacks \d+.*25 writes lost/);
    await page.locator('[data-testid^="lost-panel-"] summary').first().click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('[data-testid^="lost-panel-"] ul button').first().click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) < 20_000_000);
    const t = Number(await page.getByTestId('clock').getAttribute('data-t'));
    expect(t).toBeGreaterThanOrEqual(19_980_000);
  });
});
