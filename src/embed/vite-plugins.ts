// Build-time helpers for the embed (Node only): the element builds' worker swap and the engine file they
// emit, and the dev server's answer for /embed/durability-lab.js (and its engine) so the sample
// documentation page also works under `npm start`.
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const CREATE_WORKER = fileURLToPath(new URL('../ui/worker/create.ts', import.meta.url));
const CREATE_WORKER_SHARED = fileURLToPath(new URL('./create-worker-shared.ts', import.meta.url));
const LAB_WORKER = fileURLToPath(new URL('../ui/worker/lab.worker.ts', import.meta.url));
/** Where pages find the element script, relative to the site root (dist/embed/durability-lab.js). */
export const EMBED_SCRIPT_PATH = '/embed/durability-lab.js';
/** The engine, beside the element script (src/embed/create-worker-shared.ts fetches it from there). */
export const EMBED_WORKER_FILE = 'durability-lab-worker.js';
export const EMBED_CONFIG = fileURLToPath(new URL('../../vite.embed.config.ts', import.meta.url));

/** The simulation worker as one classic script: all of the engine, nothing to import, minified. */
async function bundleWorker(): Promise<string> {
  const out = await build({
    configFile: false,
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
export function sharedLabWorker(): Plugin {
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
      this.emitFile({ type: 'asset', fileName: EMBED_WORKER_FILE, source: await bundleWorker() });
    },
  };
}

/**
 * `npm start`: builds the element file and its engine in memory on first request (a few seconds) and
 * serves them at EMBED_SCRIPT_PATH and beside it, rebuilding after a source file changes. The built pages
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
        if ((req.method !== 'GET' && req.method !== 'HEAD') || (name !== 'durability-lab.js' && name !== EMBED_WORKER_FILE)) return next();
        pending ??= bundle();
        pending.then(
          (files) => {
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
