// The npm package, as a documentation site gets it: `npm pack` (prepack builds dist/package/), the tarball
// installed offline into a fresh folder, its `exports` resolved from there by Node and by TypeScript, the
// element module imported in Node, then the three ways README "Embedding" shows (script tag, ES module
// import, iframe of embed.html) run in Chromium from that folder's node_modules. One pack for the file.
// The Node half runs even where Chromium is missing.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, type InstalledPackage } from '../support/pack';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const ROOT = resolve('.');
const run = promisify(execFile);
const skipReason = browserSkipReason();

/** The package's entry points a site imports or links to: each must resolve inside the installed package. */
const EXPORTS = ['durability-lab', 'durability-lab/element', 'durability-lab/classic', 'durability-lab/durability-lab.js', 'durability-lab/embed.html'];

let pkg: InstalledPackage;
/** The installed package's files, as URL paths from the site's root. */
const paths: Record<string, string> = {};

beforeAll(async () => {
  pkg = await packAndInstall(ROOT);
  const require = createRequire(join(pkg.site, 'package.json'));
  for (const name of EXPORTS) paths[name] = `/${relative(pkg.site, require.resolve(name)).split('\\').join('/')}`;
}, 300_000);

afterAll(async () => {
  if (pkg) await rm(pkg.dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('packs the element, its types and the embed page, and installs offline with nothing else', async () => {
    const packed = pkg.files.map((f) => f.path);
    for (const file of ['package.json', 'README.md', 'dist/package/durability-lab.js', 'dist/package/durability-lab-worker.js', 'dist/package/element.js', 'dist/package/element.d.ts', 'dist/package/embed.html']) {
      expect(packed).toContain(file);
    }
    // Only what is built for pages: no sources, tests, scenarios or the app.
    expect(packed.filter((p) => !/^(package\.json|README\.md|dist\/package\/)/.test(p))).toEqual([]);
    expect(packed.some((p) => /^dist\/package\/assets\/embed-[\w-]+\.js$/.test(p))).toBe(true);
    expect(packed.some((p) => /^dist\/package\/assets\/lab\.worker-[\w-]+\.js$/.test(p))).toBe(true);

    const installed = join(pkg.site, 'node_modules', 'durability-lab');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    // Everything the element needs is bundled into its files: a site installs no other package.
    expect(manifest.dependencies ?? {}).toEqual({});
    const site = JSON.parse((await run('npm', ['ls', '--all', '--json', '--offline'], { cwd: pkg.site })).stdout) as { dependencies: Record<string, unknown> };
    expect(Object.keys(site.dependencies)).toEqual(['durability-lab']);

    for (const name of EXPORTS) expect(paths[name], name).toMatch(/^\/node_modules\/durability-lab\/dist\/package\//);
    expect(paths['durability-lab/classic']).toBe(paths['durability-lab/durability-lab.js']);
    // The classic script is read in the host page's encoding: plain ASCII reads the same in any.
    expect(/[^\x00-\x7f]/.test(await readFile(join(pkg.site, paths['durability-lab/classic']), 'utf8'))).toBe(false);
    // The module names its engine file as bundlers know the pattern, so a site's bundler copies it.
    expect(await readFile(join(pkg.site, paths['durability-lab/element']), 'utf8')).toContain('new URL("./durability-lab-worker.js", import.meta.url)');
    // The embed page's own files are relative, so it works from any folder or CDN path.
    const embedHtml = await readFile(join(pkg.site, paths['durability-lab/embed.html']), 'utf8');
    expect([...embedHtml.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('./') && !u.startsWith('data:'))).toEqual([]);
  });

  it('imports in Node as an ES module that defines <durability-lab>', async () => {
    // The least of a DOM the module needs to load: its element class and the registry.
    const script = `
      const defined = new Map();
      globalThis.HTMLElement = class {};
      globalThis.customElements = { get: (n) => defined.get(n), define: (n, c) => defined.set(n, c) };
      const url = import.meta.resolve('durability-lab/element');
      const mod = await import(url);
      console.log(JSON.stringify({ url, exports: Object.keys(mod).sort(), tag: mod.TAG, same: defined.get('durability-lab') === mod.DurabilityLabElement,
        observed: mod.DurabilityLabElement.observedAttributes }));`;
    await writeFile(join(pkg.site, 'import-check.mjs'), script);
    const out = JSON.parse((await run(process.execPath, ['import-check.mjs'], { cwd: pkg.site })).stdout) as Record<string, unknown>;
    expect(out.url).toMatch(/\/node_modules\/durability-lab\/dist\/package\/element\.js$/);
    expect(out.exports).toEqual(['DurabilityLabElement', 'TAG', 'defineDurabilityLab']);
    expect(out.tag).toBe('durability-lab');
    expect(out.same).toBe(true);
    expect(out.observed).toContain('scenario');
  });

  it('gives TypeScript the element, its attributes and its events', async () => {
    await writeFile(
      join(pkg.site, 'types-check.ts'),
      `import { DurabilityLabElement, TAG, type DurabilityLabAttributes } from 'durability-lab/element';
       const lab: DurabilityLabElement | null = document.querySelector('durability-lab');
       lab?.addEventListener('durability-lab:ready', (e) => { const s: string = e.detail.scenario; const p: string[] = e.detail.presets; void s; void p; });
       lab?.addEventListener('durability-lab:write-lost', (e) => { const n: number = e.detail.lost + e.detail.tMs; void n; });
       document.addEventListener('durability-lab:error', (e) => { const m: string = e.detail.message; void m; });
       const made: DurabilityLabElement = document.createElement(TAG);
       const attrs: DurabilityLabAttributes = { scenario: 'primary-crash', presets: 'memorydb', controls: 'full', autoplay: '' };
       // @ts-expect-error controls is 'minimal' or 'full'
       const wrong: DurabilityLabAttributes = { controls: 'all' };
       // @ts-expect-error no such event
       lab?.addEventListener('durability-lab:ready', (e) => e.detail.nothing);
       void made; void attrs; void wrong;
      `,
    );
    await writeFile(
      join(pkg.site, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [] },
        files: ['types-check.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: pkg.site }).catch((e: { stdout?: string }) => ({ stdout: `failed: ${e.stdout ?? String(e)}` }));
    expect(result.stdout).toBe('');
  });
});

describe.skipIf(skipReason !== undefined)(`the installed package in a page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();
  let server: PreviewServer | undefined;
  let base = '';

  beforeAll(async () => {
    // The three ways README "Embedding" shows, each on a page of its own, loading from node_modules.
    const page = (title: string, head: string, body: string) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}</head><body><main><h1>${title}</h1>${body}</main>
       <script>window.events = []; for (const t of ['ready', 'error']) document.addEventListener('durability-lab:' + t, (e) => events.push({ type: t, detail: e.detail }));
       addEventListener('message', (e) => e.data?.source === 'durability-lab' && events.push({ type: e.data.type, detail: e.data.detail }));</script></body></html>`;
    const lab = '<durability-lab id="lab" scenario="primary-crash" presets="elasticache,memorydb" start="28" autoplay></durability-lab>';
    await writeFile(join(pkg.site, 'script.html'), page('Script tag', `<script src="${paths['durability-lab/classic']}" defer></script>`, lab));
    const importMap = JSON.stringify({ imports: { 'durability-lab/element': paths['durability-lab/element'] } });
    await writeFile(
      join(pkg.site, 'module.html'),
      page(
        'ES module',
        `<script type="importmap">${importMap}</script><script type="module">import { DurabilityLabElement } from 'durability-lab/element'; window.sameClass = customElements.get('durability-lab') === DurabilityLabElement;</script>`,
        lab,
      ),
    );
    await writeFile(
      join(pkg.site, 'iframe.html'),
      page('Iframe', '', `<iframe id="frame" src="${paths['durability-lab/embed.html']}?scenario=primary-crash&presets=elasticache,memorydb&start=28&autoplay" title="Durability Lab: the primary crashes" width="100%" height="860"></iframe>`),
    );
    server = await preview({
      root: pkg.site,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: pkg.site },
      preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    });
    base = server.resolvedUrls?.local[0] ?? '';
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const readyEvents = (page: Page) => page.evaluate(() => (window as unknown as { events: Array<{ type: string; detail: unknown }> }).events);

  for (const way of ['script', 'module'] as const) {
    it(`runs the element from ${way === 'script' ? 'a script tag' : 'an ES module import'}`, async () => {
      const { page, problems } = await browser.open(new URL(`${way}.html`, base).href);
      await page.waitForFunction(() => document.getElementById('lab')?.shadowRoot?.querySelectorAll('[data-testid^="pane-"]').length === 2, null, { timeout: 60_000 });
      // Autoplay from 28 s: the clock moves on its own.
      await page.waitForFunction(() => Number(document.getElementById('lab')?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 28e6, null, {
        timeout: 60_000,
      });
      expect(await readyEvents(page)).toEqual([{ type: 'ready', detail: { scenario: 'primary-crash', presets: ['elasticache', 'memorydb'] } }]);
      if (way === 'module') expect(await page.evaluate(() => (window as unknown as { sameClass: boolean }).sameClass)).toBe(true);
      expect(problems).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }

  it('runs embed.html from the package in an iframe', async () => {
    const { page, problems } = await browser.open(new URL('iframe.html', base).href);
    const frame = await (await page.$('#frame'))?.contentFrame();
    if (!frame) throw new Error('no iframe');
    await frame.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 60_000 });
    await frame.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 28e6, null, { timeout: 60_000 });
    expect((await readyEvents(page)).filter((e) => e.type === 'ready')).toEqual([{ type: 'ready', detail: { scenario: 'primary-crash', presets: ['elasticache', 'memorydb'] } }]);
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(frame)).toEqual([]);
  });
});
