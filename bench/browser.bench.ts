// `npm run bench:browser`: the app in headless Chromium, not part of `npm test`. Builds, serves with
// vite preview, then prints: p95 frame time while the default scenario plays at 1× and at 100×; time to
// seek across a 10-minute run; initial JavaScript size, gzipped; and for the app, the <durability-lab>
// element and embed.html (each below the fold of a documentation page): the script bytes (gzip) loaded by
// the first picture (an embed's static one) and once running, the time to that first picture, and for
// the embeds the time from scrolling them into view to their live picture; then the same frame times and
// seeks for the built-in 6-shard cluster scenario. BENCH_LOAD_ONLY=1 prints the load figures alone (a minute, not ten).
// Targets: p95 frame ≤ 16.7 ms, seek ≤ 100 ms, initial JS ≤ 150 KB gzip.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { parseScenario } from '../src/lesson/file';
import { encodeShareState } from '../src/share/url';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const outDir = await mkdtemp(join(tmpdir(), 'durability-lab-bench-'));
const env = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' };
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { env, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
// The element and its engine where the sample documentation page loads them, as `npm run build` does.
const embedBuild = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.embed.config.ts', '--outDir', join(outDir, 'embed'), '--logLevel', 'warn'], { env, encoding: 'utf8' });
if (embedBuild.status !== 0) throw new Error(`vite build -c vite.embed.config.ts failed:\n${embedBuild.stdout}${embedBuild.stderr}`);
// Documentation pages with one embed below the fold, as an author would write them: the embed draws its
// first picture at load and loads the simulation when it is scrolled into view (the bench scrolls).
const docsPage = (title: string, head: string, embed: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}</head>` +
  `<body><main><h1>A documentation page</h1><p style="height: 120vh">Text before the lab.</p>${embed}</main></body></html>`;
await writeFile(join(outDir, 'bench-element.html'), docsPage('Element', '<script src="embed/durability-lab.js" defer></script>', '<durability-lab id="embed" autoplay></durability-lab>'));
await writeFile(join(outDir, 'bench-frame.html'), docsPage('Iframe', '', '<iframe id="embed" src="embed.html?autoplay" title="Durability Lab" style="width: 100%; height: 1400px; border: 0"></iframe>'));

/** Scripts the page loads before any user action: the entry and its modulepreloads. */
async function initialJs(): Promise<{ gzip: number; files: string[] }> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let gzip = 0;
  for (const f of files) gzip += gzipSync(await readFile(join(outDir, f)), { level: 9 }).length;
  return { gzip, files };
}

async function gzipOf(pattern: RegExp): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const f of await readdir(join(outDir, 'assets'))) if (pattern.test(f)) total += gzipSync(await readFile(join(outDir, 'assets', f)), { level: 9 }).length;
  return total;
}

const server = await preview({ root: process.cwd(), configFile: false, logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const base = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];
const fmt = (n: number) => n.toFixed(1);

/** Intervals between animation frames over `ms` of wall time: what a user perceives as frame time. */
async function frameTimes(page: Page, ms: number): Promise<number[]> {
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const tick = (now) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(out.slice(1));
    };
    requestAnimationFrame(tick);
  })`);
}

/**
 * The share link the loader accepts that holds the most: two presets past a node's capacity (100,000
 * writes + 100,000 reads per second), five replicas, for as long as the memory budget lets them run,
 * opened at its end so the whole run is computed. The tab's memory is its renderer process (the page and
 * the simulation worker), sampled from the operating system while the run is computed.
 */
async function worstLink(page: Page): Promise<{ what: string; seconds: number; peakMb: number }> {
  const yaml = (d: number) =>
    `title: Worst accepted link\ndurationS: ${d}\ntopology: { primary: a, replicas: [b, c, a, b, c], clients: [a, b, c] }\n` +
    `presets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000 }\nfaults:\n  - { at: 5, kind: crash, node: primary }\n`;
  let d = 25;
  while (d > 1) {
    try {
      parseScenario(yaml(d), 'worst.yaml');
      break;
    } catch {
      d -= 0.5;
    }
  }
  const params = await encodeShareState({ scenario: { text: yaml(d) }, injected: [], tUs: d * 1e6 });
  const renderers = () => {
    const ps = spawnSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' }).stdout.split('\n');
    return ps.filter((l) => l.includes('--type=renderer')).map((l) => Number(l.trim().split(/\s+/)[0]) / 1024);
  };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, ...renderers())), 200);
  const t0 = Date.now();
  await page.goto(`${base}?${params}`);
  await page.waitForFunction((end) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) >= end && document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', d * 1e6, { timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, ...renderers());
  return { what: `elasticache + memorydb, 200,000 requests/s × ${d} s, 5 replicas`, seconds, peakMb: peak };
}

const clock = async (page: Page) => Number(await page.getByTestId('clock').getAttribute('data-t'));

/** Seek to each instant by the scrubber and time it (the app's `lab:seek` measure), waiting for the run to settle first. */
async function timedSeeks(page: Page, targets: ReadonlyArray<readonly [string, number]>): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  const settled = () => page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 120_000 });
  for (const [name, t] of targets) {
    await settled();
    await page.evaluate(() => performance.clearMeasures('lab:seek'));
    await page.getByTestId('scrubber').fill(String(t));
    await page.waitForFunction(() => performance.getEntriesByName('lab:seek').length > 0, null, { timeout: 60_000 });
    out.push([name, await page.evaluate(() => performance.getEntriesByName('lab:seek')[0].duration)]);
  }
  return out;
}

/**
 * The built-in cluster scenario (6 shards, two presets, a grid of 36 nodes drawn each frame): frame times
 * while it plays at 1× and 100×, then seeks across its 90 s once it is computed to the end.
 */
async function clusterFigures(): Promise<{ at1: number[]; at100: number[]; reachedS: number; seeks: Array<[string, number]> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${base}?s=cluster-az-outage`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cluster-"][data-shards="6"] svg[data-testid^="overview-"]').length === 2, null, { timeout: 60_000 });
    if ((await clock(page)) === 0 && (await page.getByTestId('play').textContent())?.includes('Play')) await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 0);
    const at1 = await frameTimes(page, 4000);
    const t0 = await clock(page);
    await page.getByTestId('speed-slider').fill('30');
    const at100 = await frameTimes(page, 4000);
    const reachedS = ((await clock(page)) - t0) / 1e6;
    await page.getByTestId('speed-slider').fill('40');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) >= 90e6, null, { timeout: 120_000 });
    const seeks = await timedSeeks(page, [
      ['end → start (0 s)', 0],
      ['start → 45 s', 45e6],
      ['45 s → 10 s', 10e6],
      ['10 s → 89 s', 89e6],
    ]);
    return { at1, at100, reachedS, seeks };
  } finally {
    await page.close();
  }
}

interface LoadFigures {
  /** ms from navigation to the first animation frame with a picture on screen: a pane, or an embed's static first picture. */
  firstPictureMs: number;
  /** Script bytes, gzip, of the files fetched by then (and until the page is idle, before any scroll). */
  firstLoad: number;
  /** Embeds only: ms from scrolling the embed into view to its first live pane. */
  liveMs?: number;
  /** The same once it has played for a few seconds. */
  running: number;
  files: string[];
}

const PICTURE = '[data-testid^="pane-"], [data-testid="preview"]';

/**
 * One fresh browser context (empty cache) per page. Each script file the page fetches is counted once, by
 * the gzip of the built file (what a server with compression sends); the embed's engine is a fetch, so
 * fetched .js files count as scripts. An embed (`#embed`, below the fold) is scrolled into view after the
 * first load is measured.
 */
async function loadFigures(path: string, embed: boolean): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const fetched = new Set<string>();
    context.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin === new URL(base).origin && url.pathname.endsWith('.js')) fetched.add(url.pathname.slice(1));
    });
    // Looks in the page, in its elements' shadow roots and in its same-origin iframes.
    await page.addInitScript(`window.__picture = (selector) => new Promise((resolve) => {
      const tick = () => {
        const docs = [document, ...Array.from(document.querySelectorAll('iframe'), (f) => f.contentDocument).filter(Boolean)];
        const roots = docs.flatMap((d) => [d, ...Array.from(d.querySelectorAll('durability-lab'), (e) => e.shadowRoot).filter(Boolean)]);
        if (roots.some((r) => r.querySelector(selector))) resolve(performance.now());
        else requestAnimationFrame(tick);
      };
      tick();
    })`);
    await page.goto(new URL(path, base).href);
    const firstPictureMs = (await page.evaluate(`window.__picture(${JSON.stringify(PICTURE)})`)) as number;
    await page.waitForLoadState('networkidle');
    const bytes = async (files: Iterable<string>) => {
      let total = 0;
      for (const f of files) total += gzipSync(await readFile(join(outDir, f)), { level: 9 }).length;
      return total;
    };
    const firstLoad = await bytes([...fetched]);
    let liveMs: number | undefined;
    if (embed) {
      const t0 = (await page.evaluate('performance.now()')) as number;
      await page.locator('#embed').scrollIntoViewIfNeeded();
      liveMs = ((await page.evaluate(`window.__picture('[data-testid^="pane-"]')`)) as number) - t0;
    }
    await page.waitForTimeout(5000);
    return { firstPictureMs, firstLoad, liveMs, running: await bytes(fetched), files: [...fetched].sort() };
  } finally {
    await context.close();
  }
}

async function printLoadFigures(): Promise<void> {
  for (const [name, path, embed] of [
    ['app (index.html)', '/', false],
    ['element (<durability-lab autoplay>)', '/bench-element.html', true],
    ['iframe (embed.html?autoplay)', '/bench-frame.html', true],
  ] as const) {
    const f = await loadFigures(path, embed);
    const live = f.liveMs === undefined ? '' : `; scrolled into view, live picture after ${Math.round(f.liveMs)} ms`;
    console.log(
      `${name.padEnd(36)} first picture ${Math.round(f.firstPictureMs)} ms; script (gzip) by then ${fmt(f.firstLoad / 1024)} KB${live}, running ${fmt(f.running / 1024)} KB (${f.files.join(', ')})`,
    );
  }
}

try {
  if (process.env.BENCH_LOAD_ONLY === '1') {
    console.log('Durability Lab — load figures (headless Chromium, 1280×720, one fresh context each)');
    await printLoadFigures();
  } else {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(base);
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 0);

    const at1 = await frameTimes(page, 4000);
    const t0 = await clock(page);
    await page.getByTestId('speed-slider').fill('30');
    const at100 = await frameTimes(page, 4000);
    const reached = (await clock(page)) - t0;

    // A 10-minute run, computed to the end at 1000×, then scrubbed across.
    await page.getByText('Scenario, presets, workload and cluster').click();
    await page.getByTestId('setup').locator('select').nth(1).selectOption('600');
    await page.getByRole('button', { name: 'Apply and restart' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.includes('paused')).catch(async (e) => {
      console.log(await page.getByTestId('status').textContent(), await page.getByTestId('clock').textContent());
      await page.screenshot({ path: 'test-results/bench-debug.png', fullPage: true });
      throw e;
    });
    await page.getByTestId('speed-slider').fill('40');
    const computeStart = Date.now();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) >= 600e6, null, { timeout: 120_000 });
    const computeS = (Date.now() - computeStart) / 1000;

    const seeks = await timedSeeks(page, [
      ['end → start (0 s)', 0],
      ['start → 5 min', 300e6],
      ['5 min → 10 s', 10e6],
      ['10 s → 9:59', 599e6],
      ['9:59 → 4:10', 250e6],
    ]);

    const worst = await worstLink(page);
    const cluster = await clusterFigures();

    const js = await initialJs();
    const worker = await gzipOf(/worker.*\.js$/);
    console.log('Durability Lab — browser benchmark (headless Chromium, 1280×720)');
    console.log(`p95 frame time at 1×:    ${fmt(p95(at1))} ms (${at1.length} frames)`);
    console.log(`p95 frame time at 100×:  ${fmt(p95(at100))} ms (${at100.length} frames; simulated ${fmt(reached / 1e6)} s in 4 s of wall time)`);
    console.log(`10-minute run computed to the end at 1000× in ${fmt(computeS)} s`);
    for (const [name, ms] of seeks) console.log(`seek ${name.padEnd(20)} ${fmt(ms)} ms`);
    console.log(`initial JS (gzip):       ${fmt(js.gzip / 1024)} KB (${js.files.join(', ')})`);
    console.log(`simulation worker (gzip, loaded in parallel): ${fmt(worker / 1024)} KB`);
    await printLoadFigures();
    console.log(`cluster-az-outage (6 shards × 3 nodes, two presets): p95 frame time at 1× ${fmt(p95(cluster.at1))} ms, at 100× ${fmt(p95(cluster.at100))} ms (simulated ${fmt(cluster.reachedS)} s in 4 s)`);
    for (const [name, ms] of cluster.seeks) console.log(`cluster seek ${name.padEnd(20)} ${fmt(ms)} ms`);
    console.log(`worst accepted share link (${worst.what}), opened at its end: computed in ${fmt(worst.seconds)} s, tab peak resident memory ${Math.round(worst.peakMb)} MB (budget 1,536 MB)`);
  }
} finally {
  await browser.close();
  await server.close();
  await rm(outDir, { recursive: true, force: true });
}
