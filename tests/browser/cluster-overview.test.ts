// A cluster in the app: the overview of 15 shards fits a 1280×720 screen with every node visible, no two
// node cells overlapping and no text under 14 px (24 px in presenter mode at 1920×1080); a shard's row opens its detailed pane (by mouse or
// keyboard), whose counts are the model's for that shard, and the way back works; the table's figures
// are summarizeCluster's; and the state shown at an instant is the same played to, sought or stepped to,
// with a fault injected on one shard by hand, in the page, in a shared link and in Node.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { clusterTimeMachine, type InjectedFault } from '../../src/sim/timemachine';
import { fateCounts } from '../../src/sim/fates';
import { simulateRun } from '../../src/sim/run';
import { summarize } from '../../src/check/summarize';
import { isCluster } from '../../src/sim/cluster/specs';
import { clusterView, FailoverCounter, LastAck } from '../../src/ui/worker/cluster-view';
import { browserSkipReason, useBrowser } from './browser';
import { injectedMarkers, ready, settledAt, traceHashes } from './lab';
import { seriousA11yViolations } from './axe';
import { goldens } from './golden';
import { editScenario } from '../../src/ui/share/edit';

const skipReason = browserSkipReason();
const FIFTEEN = 'tests/scenarios/cluster-15-az-outage.yaml';

function specsOf(file: string) {
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
}

async function openFile(page: Page, file: string, shards: number): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name: file.split('/').pop()!, mimeType: 'application/yaml', buffer: readFileSync(file) });
  await page.waitForFunction((n) => document.querySelectorAll(`[data-testid^="cluster-"][data-shards="${n}"]`).length === 2, shards, { timeout: 60_000 });
}

async function seek(page: Page, tUs: number): Promise<void> {
  await page.getByTestId('scrubber').fill(String(tUs));
  await settledAt(page, tUs, 60_000);
}

async function paneKeys(page: Page): Promise<string[]> {
  return page.locator('section[data-testid^="pane-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('pane-'.length)));
}

/** Per pane, each shard row's counts as the overview draws them. */
async function rows(page: Page): Promise<Array<Array<{ lost: number; atRisk: number; failovers: number; writable: boolean }>>> {
  return page.locator('section[data-testid^="pane-"]').evaluateAll((panes) =>
    panes.map((p) =>
      Array.from(p.querySelectorAll('[data-testid^="shard-s"]'), (r) => ({
        lost: Number(r.getAttribute('data-lost')),
        atRisk: Number(r.getAttribute('data-at-risk')),
        failovers: Number(r.getAttribute('data-failovers')),
        writable: r.getAttribute('data-writable') === 'true',
      })),
    ),
  );
}

describe.skipIf(skipReason !== undefined)(`cluster overview${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('15 shards at 1280×720: every node on screen and in its pane, no overlaps, no text under 14 px', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await ready(page, 2);
    await openFile(page, FIFTEEN, 15);
    await seek(page, 25_000_000);
    await page.evaluate(() => window.scrollTo(0, 0));
    const measured = await page.locator('section[data-testid^="pane-"]').evaluateAll((panes) =>
      panes.map((p) => {
        const pane = p.getBoundingClientRect();
        const grid = p.querySelector('svg[data-testid^="overview-"]')!.getBoundingClientRect();
        const nodes = Array.from(p.querySelectorAll('[data-node]'), (n) => {
          const r = n.getBoundingClientRect();
          return { id: n.getAttribute('data-node')!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        });
        // Every element with words of its own, the visually hidden sentence aside.
        const sizes = Array.from(p.querySelectorAll('*'))
          .filter((e) => !e.closest('.visually-hidden') && Array.from(e.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim() !== ''))
          .map((e) => ({ text: e.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(e).fontSize) }));
        return { pane: { left: pane.left, top: pane.top, right: pane.right, bottom: pane.bottom }, gridHeight: grid.height, gridBottom: grid.bottom, nodes, sizes };
      }),
    );
    await screenshot('cluster-15-shards-1280x720');
    for (const m of measured) {
      expect(m.nodes).toHaveLength(15 * 3);
      for (const n of m.nodes) {
        expect(n.left, n.id).toBeGreaterThanOrEqual(Math.max(0, m.pane.left));
        expect(n.right, n.id).toBeLessThanOrEqual(Math.min(1280, m.pane.right));
        expect(n.top, n.id).toBeGreaterThanOrEqual(Math.max(0, m.pane.top));
        expect(n.bottom, n.id).toBeLessThanOrEqual(Math.min(720, m.pane.bottom));
      }
      for (let i = 0; i < m.nodes.length; i++)
        for (let j = i + 1; j < m.nodes.length; j++) {
          const a = m.nodes[i];
          const b = m.nodes[j];
          const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
        }
      const small = m.sizes.filter((s) => s.px < 14);
      expect(small, 'text under 14 px').toEqual([]);
      expect(m.sizes.length).toBeGreaterThan(100);
      expect(m.gridBottom).toBeLessThanOrEqual(720);
    }
    console.info(`15 shards: overview grid ${measured[0].gridHeight} px tall, bottom at ${measured[0].gridBottom} px; smallest text ${Math.min(...measured.flatMap((m) => m.sizes.map((s) => s.px)))} px`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('in presenter mode at 1920×1080 every word of the overview is at least 24 px, and the grid stays within its pane', async () => {
    const { page, problems, screenshot } = await browser.open('/?s=cluster-az-outage&t=30000000&present');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await ready(page, 2);
    await settledAt(page, 30_000_000);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cluster-"][data-shards="6"] svg[data-testid^="overview-"]').length === 2);
    const measured = await page.locator('[data-testid^="cluster-"][data-shards]').evaluateAll((views) =>
      views.map((v) => {
        const pane = v.closest('section')!.getBoundingClientRect();
        const svg = v.querySelector('svg[data-testid^="overview-"]') as SVGSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = Array.from(v.querySelectorAll('*'))
          .filter((e) => !e.closest('.visually-hidden') && !e.closest('title') && e.tagName !== 'title' && Array.from(e.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim() !== ''))
          .map((e) => ({ text: e.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(e).fontSize) * (e.closest('svg') === svg ? scale : 1) }));
        const grid = svg.getBoundingClientRect();
        return { sizes, gridRight: grid.right, paneRight: pane.right };
      }),
    );
    await screenshot('cluster-overview-presenter-1920x1080');
    expect(measured).toHaveLength(2);
    for (const m of measured) {
      expect(m.sizes.length).toBeGreaterThan(50);
      expect(m.sizes.filter((s) => s.px < 24), 'text under 24 px').toEqual([]);
      expect(m.gridRight).toBeLessThanOrEqual(m.paneRight + 0.5);
    }
    console.info(`presenter mode: smallest overview text ${Math.min(...measured.flatMap((m) => m.sizes.map((s) => s.px))).toFixed(1)} px`);
    expect(problems).toEqual([]);
  });

  it('every built-in cluster scenario: each row is the model at several instants, sought forward and back', async () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && isCluster(specsOf(`scenarios/${f}`)[0]));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const f of names) {
      const name = f.replace(/\.yaml$/, '');
      const specs = specsOf(`scenarios/${f}`);
      const end = specs[0].durationS * 1e6;
      const { page, problems } = await browser.open(`/?s=${name}&t=1000`);
      await ready(page, specs.length);
      await settledAt(page, 1000, 60_000);
      for (const t of [0.5, 0.3, 0.75, 1].map((x) => Math.round((x * end) / 1000) * 1000)) {
        await seek(page, t);
        const drawn = await rows(page);
        specs.forEach((spec, p) => {
          const tm = clusterTimeMachine(spec);
          tm.seek(t);
          const model = clusterView(tm.sim.runs, new FailoverCounter(), new LastAck());
          const where = `${name}, ${spec.label}, at ${t / 1e6} s`;
          expect(drawn[p], where).toEqual(model.shards.map((s) => ({ lost: s.lost, atRisk: s.atRisk, failovers: s.failovers, writable: s.writable })));
          expect(tm.sim.runs.map((r) => fateCounts(r)), where).toEqual(model.shards.map(({ lost, atRisk }) => ({ lost, atRisk })));
        });
      }
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('golden pictures of the overview: AZ a dark, two shards without a primary; then after their failovers', async () => {
    const { page, problems } = await browser.open('/?s=cluster-az-outage&t=30000000');
    await ready(page, 2);
    await settledAt(page, 30_000_000, 60_000);
    const mismatches = await goldens(page, 'cluster-az-outage-30s', ['redis-cluster', 'memorydb'], 'svg[data-testid^="overview-"]');
    await seek(page, 40_000_000);
    mismatches.push(...(await goldens(page, 'cluster-az-outage-40s', ['redis-cluster', 'memorydb'], 'svg[data-testid^="overview-"]')));
    expect(mismatches, 'pictures changed: review them and run with UPDATE_GOLDEN=1 to accept').toEqual([]);
    // "Download picture" draws the overviews with the cluster's counts, or the open shard's picture with its own.
    const keys = await paneKeys(page);
    const downloaded = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-svg').click()]);
      const text = await readFile((await download.path())!, 'utf8');
      return page.evaluate((svg) => Array.from(new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('g.pane'), (g) => ({ acked: Number(g.getAttribute('data-acked')), lost: Number(g.getAttribute('data-lost')), nodes: g.querySelectorAll('rect, circle').length })), text);
    };
    const table = await Promise.all(keys.map(async (k) => ({ acked: Number(await page.getByTestId(`acked-${k}`).getAttribute('data-value')), lost: Number(await page.getByTestId(`lost-${k}`).getAttribute('data-value')) })));
    const whole = await downloaded();
    expect(whole.map(({ acked, lost }) => ({ acked, lost }))).toEqual(table);
    for (const p of whole) expect(p.nodes).toBeGreaterThan(18);
    await page.locator(`[data-testid="pane-${keys[0]}"] [data-testid="shard-s1"]`).click();
    await settledAt(page, 40_000_000, 60_000);
    const bars = await Promise.all(keys.map(async (k) => ({ acked: Number(await page.getByTestId(`shard-detail-${k}`).getAttribute('data-acked')), lost: Number(await page.getByTestId(`shard-detail-${k}`).getAttribute('data-lost')) })));
    expect((await downloaded()).map(({ acked, lost }) => ({ acked, lost }))).toEqual(bars);
    await page.getByTestId(`back-${keys[0]}`).click();
    expect(await page.getByTestId(`overview-text-${keys[0]}`).textContent()).toMatch(/^6 shards; 6 take writes; 100 % of the keyspace writable; shard s1: [\d,]+ writes lost; shard s4: [\d,]+ writes lost; 2 failovers so far\.$/);
    expect(problems).toEqual([]);
  });

  it("Setup makes the default scenario a cluster of 3 shards with spread primaries: the overview is that file's model", async () => {
    const { page, problems } = await browser.open('/');
    await ready(page, 2);
    await page.locator('details.more > summary').first().click();
    await page.getByTestId('setup-shards').selectOption('3');
    await page.getByTestId('setup-primary').selectOption('spread');
    await page.getByTestId('setup-apply').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cluster-"][data-shards="3"]').length === 2, null, { timeout: 60_000 });
    // The file the page runs now, as Setup wrote it: a share of it, or its export, is that cluster.
    const file = 'scenarios/primary-crash.yaml';
    const text = editScenario(readFileSync(file, 'utf8'), file, { topology: { shards: 3, primary: 'spread' } });
    const specs = resolveRuns(parseScenario(text, file));
    const t = 30_000_000;
    await seek(page, t);
    const drawn = await rows(page);
    specs.forEach((spec, p) => {
      const tm = clusterTimeMachine(spec);
      tm.seek(t);
      const model = clusterView(tm.sim.runs, new FailoverCounter(), new LastAck());
      expect(drawn[p], spec.label).toEqual(model.shards.map((s) => ({ lost: s.lost, atRisk: s.atRisk, failovers: s.failovers, writable: s.writable })));
      expect(model.shards.map((s) => s.failovers)).toEqual([1, 0, 0]);
    });
    // Each shard's primary in its own AZ: s1's in a, s2's in b, s3's in c.
    const primaries = await page.locator('section[data-testid^="pane-"]').first().locator('[data-node][data-role="primary"]').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-node')));
    expect(primaries.filter((id) => /^s[23]\./.test(id!))).toEqual(['s2.b1', 's3.c1']);
    // Back to one shard: the single picture again.
    await page.getByTestId('setup-shards').selectOption('1');
    await page.getByTestId('setup-apply').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cluster-"]').length === 0 && document.querySelectorAll('svg[data-testid^="picture-"]').length === 2, null, { timeout: 60_000 });
    expect(problems).toEqual([]);
  });

  it('the scenario picker opens a built-in cluster scenario as its overview', async () => {
    const { page, problems } = await browser.open('/');
    await ready(page, 2);
    expect(await page.locator('[data-testid^="cluster-"]').count()).toBe(0);
    await page.locator('details.more > summary').first().click();
    await page.getByTestId('scenario-select').selectOption('cluster-majority-lost');
    await page.getByTestId('setup-apply').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cluster-"][data-shards="5"]').length === 2, null, { timeout: 60_000 });
    await seek(page, 50_000_000);
    // Every primary in the dark AZ a: Redis Cluster has no majority left to fail over, MemoryDB fails every shard over.
    const [redis, memorydb] = await rows(page);
    expect(redis.map((r) => r.writable)).toEqual([false, false, false, false, false]);
    expect(memorydb.map((r) => r.writable)).toEqual([true, true, true, true, true]);
    const keys = await paneKeys(page);
    expect(await page.getByTestId(`writable-${keys[0]}`).textContent()).toContain('0%');
    expect(await page.getByTestId(`overview-text-${keys[0]}`).textContent()).toMatch(/^5 shards; 0 take writes; 0 % of the keyspace writable; shard s1: no writes since 20\.0 s;/);
    expect(problems).toEqual([]);
  });

  it("a shard's row opens its detailed pane with the model's counts for it, by mouse and keyboard, and back", async () => {
    const specs = specsOf(FIFTEEN);
    const { page, problems } = await browser.open('/');
    await ready(page, 2);
    await openFile(page, FIFTEEN, 15);
    const t = 25_000_000;
    await seek(page, t);
    const keys = await paneKeys(page);
    // Every row's counts are the model's, shard by shard, at this instant.
    const drawn = await rows(page);
    const machines = specs.map((s) => {
      const tm = clusterTimeMachine(s);
      tm.seek(t);
      return tm;
    });
    machines.forEach((tm, p) => expect(drawn[p].map(({ lost, atRisk }) => ({ lost, atRisk })), specs[p].label).toEqual(tm.sim.runs.map((r) => fateCounts(r))));
    const shard = drawn[0].findIndex((r) => r.lost > 0);
    expect(shard, 'a shard of Redis Cluster lost writes').toBeGreaterThanOrEqual(0);
    const name = `s${shard + 1}`;

    // By mouse: every pane opens that shard's picture.
    const first = page.locator(`[data-testid="pane-${keys[0]}"]`);
    await first.locator(`[data-testid="shard-${name}"]`).click();
    await settledAt(page, t, 60_000);
    for (const [p, key] of keys.entries()) {
      const pane = page.locator(`[data-testid="pane-${key}"]`);
      const bar = pane.locator(`[data-testid="shard-detail-${key}"]`);
      await bar.waitFor();
      expect(await bar.getAttribute('data-shard')).toBe(name);
      const model = fateCounts(machines[p].sim.runs[shard]);
      const picture = pane.locator('svg[data-testid^="picture-"]');
      expect({ lost: Number(await picture.getAttribute('data-lost')), atRisk: Number(await picture.getAttribute('data-at-risk')) }).toEqual(model);
      expect({ lost: Number(await bar.getAttribute('data-lost')), atRisk: Number(await bar.getAttribute('data-at-risk')) }).toEqual(model);
      expect(Number(await pane.locator('[data-testid^="lost-panel-"]').getAttribute('data-lost'))).toBe(model.lost);
      // The picture is the shard's own: its three nodes.
      expect(await pane.locator('[data-testid^="node-"]').count()).toBe(3);
    }
    expect(await page.locator('[data-back]').first().evaluate((e) => e === document.activeElement)).toBe(true);
    // The event log lists the open shard's lines only, unless asked for all of them.
    const logLines = () => page.locator('[data-testid="event-log"] li[data-t]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const ofShard = (lines: string[]) => lines.every((l) => l.includes(` ${name}: `));
    expect((await logLines()).length).toBeGreaterThan(0);
    expect(ofShard(await logLines())).toBe(true);
    await page.getByTestId('log-only-shard').uncheck();
    expect(ofShard(await logLines())).toBe(false);
    await page.getByTestId('log-only-shard').check();
    // Back by the button: the overview, focus on the row of the shard that was open.
    await page.getByTestId(`back-${keys[0]}`).click();
    await page.locator(`[data-testid="pane-${keys[0]}"] [data-testid="shard-${name}"]`).waitFor();
    expect(await page.locator('[data-testid^="shard-detail-"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`shard-${name}`);
    // By keyboard: Enter on a focused row opens it, Escape goes back; Space opens too.
    await page.keyboard.press('Enter');
    await first.locator(`[data-testid="shard-detail-${keys[0]}"]`).waitFor();
    await page.keyboard.press('Escape');
    await first.locator(`[data-testid="shard-${name}"]`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`shard-${name}`);
    await page.keyboard.press(' ');
    await first.locator(`[data-testid="shard-detail-${keys[0]}"]`).waitFor();
    expect(await settledAtClock(page)).toBe(t);
    await page.keyboard.press('Escape');
    await first.locator(`[data-testid="shard-${name}"]`).waitFor();
    expect(problems).toEqual([]);
  });

  it("at the end of the run the table is summarizeCluster's, and each shard's pane its own figures", async () => {
    const specs = specsOf(FIFTEEN);
    const { page, problems } = await browser.open('/');
    await ready(page, 2);
    await openFile(page, FIFTEEN, 15);
    const end = specs[0].durationS * 1e6;
    await seek(page, end);
    const keys = await paneKeys(page);
    const summaries = specs.map((s) => summarize(simulateRun(s), { linearizability: false }));
    for (const [p, key] of keys.entries()) {
      const s = summaries[p];
      const cell = async (row: string) => Number(await page.getByTestId(`${row}-${key}`).getAttribute('data-value'));
      expect({ acked: await cell('acked'), lost: await cell('lost'), rpo: await cell('rpo'), rto: await cell('rto') }, specs[p].label).toEqual({ acked: s.acked, lost: s.lostAcked.length, rpo: s.rpoMs, rto: s.rtoMs });
      // The cluster's RTO is its worst shard's.
      expect(s.rtoMs).toBe(Math.max(...s.shards!.map((x) => x.rtoMs)));
      expect((await rows(page))[p].map((r) => r.lost)).toEqual(s.shards!.map((x) => x.lostAcked));
    }
    // Each shard's own figures, shard by shard, in the first pane's bar.
    for (const shard of [0, 4, 14]) {
      await page.locator(`[data-testid="pane-${keys[0]}"] [data-testid="shard-s${shard + 1}"]`).click();
      await settledAt(page, end, 60_000);
      for (const [p, key] of keys.entries()) {
        const bar = page.getByTestId(`shard-detail-${key}`);
        const want = summaries[p].shards![shard];
        const got = { acked: Number(await bar.getAttribute('data-acked')), lost: Number(await bar.getAttribute('data-lost')), rpo: Number(await bar.getAttribute('data-rpo')), rto: Number(await bar.getAttribute('data-rto')) };
        expect(got, `${specs[p].label} ${want.shard}`).toEqual({ acked: want.acked, lost: want.lostAcked, rpo: want.rpoMs, rto: want.rtoMs });
      }
      await page.getByTestId(`back-${keys[0]}`).click();
      await page.locator('[data-testid^="overview-"]').first().waitFor();
    }
    expect(problems).toEqual([]);
  });

  it('the same state at an instant played to, sought and stepped to, with a fault injected on one shard; the link keeps it', async () => {
    const file = 'scenarios/cluster-az-outage.yaml';
    const specs = specsOf(file);
    const { page, problems } = await browser.open('/?s=cluster-az-outage&t=2000000');
    await ready(page, 2);
    await settledAt(page, 2_000_000, 60_000);
    // From the Faults button over the overview: each shard's primary, named with its shard.
    await page.getByTestId('faults-button').click();
    const target = page.locator('[data-testid="fault-menu"] .targets button', { hasText: /^s2\.\w+ \(primary\)$/ });
    const primary = (await target.textContent())!.replace(' (primary)', '');
    await target.click();
    await page.getByTestId('action-crash').click();
    await settledAt(page, 2_000_000, 60_000);
    const injected: InjectedFault[] = [{ t: 2_000_000, fault: { kind: 'crash', node: primary } }];
    expect(await injectedMarkers(page)).toEqual([2_000_000]);
    const inNode = (tUs: number) =>
      specs.map((s) => {
        const tm = clusterTimeMachine(s, injected);
        tm.seek(tUs);
        return tm.sim.traceHash();
      });
    const live = async () => (await traceHashes(page, { live: true })).map((r) => r.traceHash);
    const overviews = () => page.locator('svg[data-testid^="overview-"]').evaluateAll((els) => els.map((e) => e.outerHTML));

    // Played: from 2 s at 20×, paused where it lands.
    await page.getByTestId('speed-slider').fill('20');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 24_000_000, null, { timeout: 60_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 60_000 });
    const played = Number(await page.getByTestId('clock').getAttribute('data-t'));
    const playedHash = await live();
    const playedPicture = await overviews();
    expect(playedHash).toEqual(inNode(played));
    expect((await rows(page))[0][1].failovers, 's2 failed over after its primary crashed').toBe(1);

    // Sought (the scrubber moves in whole ms): to an instant from the end and from the start.
    const sought = Math.ceil(played / 1000) * 1000 + 3_000;
    await seek(page, 60_000_000);
    await seek(page, sought);
    const soughtHash = await live();
    const soughtPicture = await overviews();
    expect(soughtHash).toEqual(inNode(sought));
    await seek(page, 0);
    await seek(page, sought);
    expect(await live()).toEqual(soughtHash);
    expect(await overviews()).toEqual(soughtPicture);

    // Stepped: Next lands on the next event, Next and Prev come back to it with the same state.
    const next = page.getByRole('button', { name: /^Next/ });
    const prev = page.getByRole('button', { name: /^Prev/ });
    const step = async (button: typeof next, from: number, later: boolean) => {
      await button.click();
      await page.waitForFunction(
        ([t, l]) => {
          const c = document.querySelector('[data-testid="clock"]');
          const now = Number(c?.getAttribute('data-t'));
          return (l ? now > t : now < t) && c?.getAttribute('data-busy') === 'false';
        },
        [from, later] as const,
        { timeout: 60_000 },
      );
      return Number(await page.getByTestId('clock').getAttribute('data-t'));
    };
    const stepped = await step(next, sought, true);
    const steppedHash = await live();
    const steppedPicture = await overviews();
    expect(steppedHash).toEqual(inNode(stepped));
    const beyond = await step(next, stepped, true);
    expect(await step(prev, beyond, false)).toBe(stepped);
    expect(await live()).toEqual(steppedHash);
    expect(await overviews()).toEqual(steppedPicture);

    // The link carries the fault on s2's primary and reopens the same run.
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f').length, { timeout: 10_000 }).toBe(1);
    await page.getByTestId('share-button').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(new URL(url).searchParams.getAll('f')).toEqual([JSON.stringify({ at: 2, kind: 'crash', node: primary })]);
    const reopened = await browser.open(url);
    await ready(reopened.page, 2);
    await settledAt(reopened.page, stepped, 60_000);
    expect(await injectedMarkers(reopened.page)).toEqual([2_000_000]);
    expect((await traceHashes(reopened.page, { live: true })).map((r) => r.traceHash)).toEqual(steppedHash);
    expect(reopened.problems).toEqual([]);
    await reopened.page.close();
    // Played to, then opened at that very instant afresh: the same state.
    const atPlayed = new URL(url);
    atPlayed.searchParams.set('t', String(played));
    const again = await browser.open(atPlayed.href);
    await ready(again.page, 2);
    await settledAt(again.page, played, 60_000);
    expect((await traceHashes(again.page, { live: true })).map((r) => r.traceHash)).toEqual(playedHash);
    expect(await again.page.locator('svg[data-testid^="overview-"]').evaluateAll((els) => els.map((e) => e.outerHTML))).toEqual(playedPicture);
    expect(problems).toEqual([]);
  });
});

async function settledAtClock(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 60_000 });
  return Number(await page.getByTestId('clock').getAttribute('data-t'));
}
