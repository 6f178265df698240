// `npm run build:package` (and `prepack`, so `npm pack` / `npm publish` always ship fresh files): writes
// dist/package/, the files the npm package carries (package.json `files` and `exports`;
// docs/embedding.md, "The package"):
//   embed.html + assets/  the lab for an <iframe>, with relative URLs so it works from any folder or CDN path
//   durability-lab.js     the element as a classic script (`<script src>`), styles inside
//   durability-lab-worker.js  the simulation engine both element files fetch, once per page
//   element.js            the same element as an ES module (`import 'durability-lab/element'`)
//   element.d.ts          its types (attributes, events, the class)
// Node only; run with tsx.
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { embedConfig } from '../../../vite.embed.config.ts';
import { previewManifest } from '../vite-plugins.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PACKAGE_DIR = fileURLToPath(new URL('../../../dist/package/', import.meta.url));

export async function buildPackage(): Promise<void> {
  const quiet = { configFile: false as const, logLevel: 'warn' as const };
  // The embed page first: it empties the folder.
  await build({
    ...quiet,
    root: ROOT,
    base: './',
    plugins: [svelte(), previewManifest()],
    worker: { format: 'es' },
    publicDir: false,
    // The page's script is one chunk of about 500 KB: what it is, not a mistake to warn of.
    build: { outDir: PACKAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 1024, rolldownOptions: { input: { embed: `${ROOT}embed.html` } } },
  });
  await build({ ...quiet, ...embedConfig('iife', PACKAGE_DIR, false) });
  await build({ ...quiet, ...embedConfig('es', PACKAGE_DIR, false) });
  await copyFile(fileURLToPath(new URL('./element.d.ts', import.meta.url)), `${PACKAGE_DIR}element.d.ts`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.env.NODE_ENV = 'production';
  await buildPackage();
}
