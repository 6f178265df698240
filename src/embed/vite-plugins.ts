// Build-time helpers for the embed (Node only): the element builds' worker swap and the engine file they
// emit, and the dev server's answer for /embed/durability-lab.js (and its engine) so the sample
// documentation page also works under `npm start`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, runnerImport, type Plugin } from 'vite';

const CREATE_WORKER = fileURLToPath(new URL('../ui/worker/create.ts', import.meta.url));
const CREATE_WORKER_SHARED = fileURLToPath(new URL('./create-worker-shared.ts', import.meta.url));
const LAB_WORKER = fileURLToPath(new URL('../ui/worker/lab.worker.ts', import.meta.url));
const LIVE_ELEMENT = fileURLToPath(new URL('./live-element.ts', import.meta.url));
const LOAD_LIVE = fileURLToPath(new URL('./load-live.ts', import.meta.url));
/** The element's simulation, beside the element's file (load-live.ts imports it when a lab comes into view). */
export const EMBED_LIVE_FILE = 'durability-lab-live.js';
/** Where pages find the element script, relative to the site root (dist/embed/durability-lab.js). */
export const EMBED_SCRIPT_PATH = '/embed/durability-lab.js';
/** The engine, beside the element script (src/embed/create-worker-shared.ts fetches it from there). */
export const EMBED_WORKER_FILE = 'durability-lab-worker.js';
export const EMBED_CONFIG = fileURLToPath(new URL('../../vite.embed.config.ts', import.meta.url));
const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const PREVIEW_ID = 'virtual:durability-lab-preview';
const PREVIEW_MANIFEST = fileURLToPath(new URL('./preview-manifest.ts', import.meta.url));

let manifestCache: { key: string; code: Promise<string> } | null = null;

/**
 * `import manifest from 'virtual:durability-lab-preview'`: the first pictures of the built-in scenarios and
 * lessons (preview-manifest.ts), computed by the model when the bundle is built, as a plain object.
 */
export function previewManifest(): Plugin {
  return {
    name: 'durability-lab:preview-manifest',
    resolveId: {
      filter: { id: /^virtual:durability-lab-preview$/ },
      handler: () => `\0${PREVIEW_ID}`,
    },
    load: {
      filter: { id: /^\0virtual:durability-lab-preview$/ },
      async handler() {
        const read = (dir: string) => {
          const files: Record<string, string> = {};
          for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
            const path = join(dir, name);
            this.addWatchFile(path);
            files[path] = readFileSync(path, 'utf8');
          }
          return files;
        };
        const scenarios = read(SCENARIO_DIR);
        const lessons = read(join(SCENARIO_DIR, 'lessons'));
        const key = JSON.stringify([scenarios, lessons]);
        // The element's build and its simulation's build both ask: the model runs once for the same files.
        if (manifestCache?.key !== key) {
          // Loaded through Vite, as the bundle's own modules are: the model's sources are TypeScript.
          const code = runnerImport<typeof import('./preview-manifest')>(PREVIEW_MANIFEST, { configFile: false, logLevel: 'warn' }).then(
            ({ module }) => `export default ${JSON.stringify(module.buildPreviewManifest(scenarios, lessons))};`,
          );
          manifestCache = { key, code };
          code.catch(() => manifestCache?.code === code && (manifestCache = null));
        }
        return manifestCache.code;
      },
    },
  };
}

const SCHEMA_FILES = /[\\/]src[\\/](scenario|lesson)[\\/]schema\.ts$/;
/** `.describe('…')` with one plain string: words for the JSON Schema that editors read (npm run schema). */
export const DESCRIBE_CALL = /\.describe\(\s*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)\s*\)/g;

/**
 * The schemas' descriptions only ever go into the JSON Schema file, which the embed's engine never
 * writes; left out of its script they save 2.5 KB gzip of the 200 KB an embed may take once running.
 */
export function stripSchemaDescriptions(): Plugin {
  return {
    name: 'durability-lab:strip-schema-descriptions',
    // On the TypeScript source, before anything rewrites its quotes.
    enforce: 'pre',
    transform(code, id) {
      return SCHEMA_FILES.test(id) ? { code: code.replace(DESCRIBE_CALL, ''), map: null } : null;
    },
  };
}

/** The simulation worker as one classic script: all of the engine, nothing to import, minified. */
async function bundleWorker(): Promise<string> {
  const out = await build({
    configFile: false,
    plugins: [stripSchemaDescriptions()],
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      emptyOutDir: false,
      lib: { entry: LAB_WORKER, formats: ['iife'], name: 'DurabilityLabWorker', fileName: () => EMBED_WORKER_FILE },
      rolldownOptions: { output: { codeSplitting: false, charset: 'ascii' } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the worker build produced no script');
  return chunk.code;
}

/**
 * Replaces src/ui/worker/create.ts (the app's worker, a file Vite emits beside the page) with
 * src/embed/create-worker-shared.ts, and writes the engine as durability-lab-worker.js beside the element.
 */
export function sharedLabWorker(emit = true): Plugin {
  return {
    name: 'durability-lab:shared-worker',
    enforce: 'pre',
    resolveId: {
      filter: { id: /(^|\/)create(\.ts)?$/ },
      async handler(source, importer, options) {
        if (!importer) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved?.id === CREATE_WORKER ? CREATE_WORKER_SHARED : null;
      },
    },
    // The ES module keeps `new URL('./durability-lab-worker.js', import.meta.url)` as bundlers know it (Vite
    // and webpack copy the file for a site that bundles the element); the comment only kept this build quiet.
    renderChunk(code) {
      const next = code.replace(/new URL\(\s*\/\* @vite-ignore \*\/\s*("\.\/durability-lab-worker\.js"),\s*import\.meta\.url\s*\)/g, 'new URL($1, import.meta.url)');
      return next === code ? null : { code: next, map: null };
    },
    async generateBundle() {
      if (emit) this.emitFile({ type: 'asset', fileName: EMBED_WORKER_FILE, source: await bundleWorker() });
    },
  };
}

/** The element's simulation (live-element.ts) as ES modules: durability-lab-live.js and the chunks it loads. */
async function bundleLive(): Promise<Array<{ fileName: string; code: string }>> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [svelte({ compilerOptions: { css: 'injected' }, emitCss: false }), previewManifest(), sharedLabWorker(false)],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      emptyOutDir: false,
      // Not lib mode, which leaves ES output unminified; no preload helper either (the chunks are plain scripts).
      modulePreload: false,
      rolldownOptions: {
        input: { live: LIVE_ELEMENT },
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: EMBED_LIVE_FILE, chunkFileNames: 'durability-lab-[name]-[hash].js', charset: 'ascii' },
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const chunks = outputs.flatMap((o) => (o.type === 'chunk' ? [{ fileName: o.fileName, code: o.code }] : []));
  if (!chunks.some((c) => c.fileName === EMBED_LIVE_FILE)) throw new Error('the simulation build produced no durability-lab-live.js');
  return chunks;
}

/**
 * The element builds' split: the element's own file is the first-load script (element.ts), and its
 * `import('./live-element')` (load-live.ts) becomes an import of durability-lab-live.js beside it, which
 * this plugin builds and writes there with its chunks.
 */
export function liveBundle(): Plugin {
  return {
    name: 'durability-lab:live-bundle',
    enforce: 'pre',
    resolveId: {
      filter: { id: /(^|\/)live-element(\.ts)?$/ },
      handler(source, importer) {
        if (!importer || fileURLToPath(new URL(source.endsWith('.ts') ? source : `${source}.ts`, `file://${importer}`)) !== LIVE_ELEMENT || importer !== LOAD_LIVE) return null;
        return { id: `./${EMBED_LIVE_FILE}`, external: true };
      },
    },
    async generateBundle() {
      for (const chunk of await bundleLive()) this.emitFile({ type: 'asset', fileName: chunk.fileName, source: chunk.code });
    },
  };
}

/**
 * `npm start`: builds the element file, its simulation and its engine in memory on first request (a few
 * seconds) and serves them at EMBED_SCRIPT_PATH and beside it, rebuilding after a source file changes. The built pages
 * get the real files from `npm run build`.
 */
export function serveEmbedInDev(): Plugin {
  let pending: Promise<Map<string, string>> | null = null;
  const bundle = async (): Promise<Map<string, string>> => {
    const out = await build({ configFile: EMBED_CONFIG, logLevel: 'warn', build: { write: false, emptyOutDir: false } });
    const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
    const files = new Map<string, string>();
    for (const o of outputs) files.set(o.fileName, o.type === 'chunk' ? o.code : String(o.source));
    if (!files.has('durability-lab.js') || !files.has(EMBED_WORKER_FILE)) throw new Error('the embed build produced no script');
    return files;
  };
  const dir = EMBED_SCRIPT_PATH.slice(0, EMBED_SCRIPT_PATH.lastIndexOf('/') + 1);
  return {
    name: 'durability-lab:embed-dev',
    apply: 'serve',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (/[\\/](src|scenarios)[\\/]/.test(file)) pending = null;
      });
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const name = path.startsWith(dir) ? path.slice(dir.length) : '';
        if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^durability-lab[\w.-]*\.js$/.test(name)) return next();
        pending ??= bundle();
        pending.then(
          (files) => {
            if (!files.has(name)) return next();
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.end(files.get(name));
          },
          (error: unknown) => {
            pending = null;
            const message = error instanceof Error ? error.message : String(error);
            res.statusCode = 500;
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.end(`console.error(${JSON.stringify(`Durability Lab: the embed build failed: ${message}`)});`);
          },
        );
      });
    },
  };
}
