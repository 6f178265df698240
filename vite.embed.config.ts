// The embed: dist/embed/durability-lab.js defines <durability-lab> (src/embed/element.ts). A classic script
// (IIFE), so it loads from another origin without CORS headers, and a small one: it draws each element's
// first picture and, when the element comes into view, imports durability-lab-live.js beside it (the lab,
// ES modules, styles injected into each element's shadow root: vite-plugins.ts, liveBundle), which starts
// the simulation engine durability-lab-worker.js, fetched once per page by the first element and shared by
// all (src/embed/create-worker-shared.ts). `npm run build` runs this after the app build (the app build
// empties dist/ first). README: "Embedding". src/embed/package/build.ts builds the same element again as an
// ES module (`embedConfig('es', …)`) for the npm package (docs/embedding.md, "The package").
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { liveBundle, previewManifest, sharedLabWorker } from './src/embed/vite-plugins.ts';

const ENTRIES = {
  // Defines the element; exports nothing, so the classic script adds no global of its own.
  iife: { entry: './src/embed/main-element.ts', fileName: 'durability-lab.js' },
  // Defines the element and exports its class (`import 'durability-lab/element'`).
  es: { entry: './src/embed/main-module.ts', fileName: 'element.js' },
} as const;

export function embedConfig(format: 'iife' | 'es', outDir: string, emptyOutDir: boolean): UserConfig {
  const { entry, fileName } = ENTRIES[format];
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [previewManifest(), liveBundle(), sharedLabWorker()],
    publicDir: false,
    // A classic script has no import.meta: src/embed/worker-url.ts then uses its <script>'s address.
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), ...(format === 'iife' ? { 'import.meta.url': 'undefined' } : {}) },
    build: {
      outDir,
      emptyOutDir,
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL(entry, import.meta.url)),
        formats: [format],
        name: 'DurabilityLab',
        fileName: () => fileName,
      },
      // ASCII only: a classic script is decoded in the host page's encoding, which need not be UTF-8.
      rolldownOptions: { output: { codeSplitting: false, charset: 'ascii' } },
    },
  };
}

export default defineConfig(embedConfig('iife', 'dist/embed', true));
