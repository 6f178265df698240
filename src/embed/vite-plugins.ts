// Build-time helpers for the embed (Node only): the single-file build's worker swap, and the dev server's
// answer for /embed/durability-lab.js so the sample documentation page also works under `npm start`.
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const CREATE_WORKER = fileURLToPath(new URL('../ui/worker/create.ts', import.meta.url));
const CREATE_WORKER_INLINE = fileURLToPath(new URL('./create-worker-inline.ts', import.meta.url));
/** Where pages find the element script, relative to the site root (dist/embed/durability-lab.js). */
export const EMBED_SCRIPT_PATH = '/embed/durability-lab.js';
export const EMBED_CONFIG = fileURLToPath(new URL('../../vite.embed.config.ts', import.meta.url));

/** Replaces src/ui/worker/create.ts (worker as a file of its own) with the inline-worker version. */
export function inlineLabWorker(): Plugin {
  return {
    name: 'durability-lab:inline-worker',
    enforce: 'pre',
    resolveId: {
      filter: { id: /(^|\/)create(\.ts)?$/ },
      async handler(source, importer, options) {
        if (!importer) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved?.id === CREATE_WORKER ? CREATE_WORKER_INLINE : null;
      },
    },
  };
}

/**
 * `npm start`: builds the element file in memory on first request (a few seconds) and serves it at
 * EMBED_SCRIPT_PATH, rebuilding after a source file changes. The built pages get the real file from
 * `npm run build`.
 */
export function serveEmbedInDev(): Plugin {
  let pending: Promise<string> | null = null;
  const bundle = async (): Promise<string> => {
    const out = await build({ configFile: EMBED_CONFIG, logLevel: 'warn', build: { write: false, emptyOutDir: false } });
    const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
    const chunk = outputs.find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('the embed build produced no script');
    return chunk.code;
  };
  return {
    name: 'durability-lab:embed-dev',
    apply: 'serve',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (/[\\/](src|scenarios)[\\/]/.test(file)) pending = null;
      });
      server.middlewares.use(EMBED_SCRIPT_PATH, (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        pending ??= bundle();
        pending.then(
          (code) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.end(code);
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
