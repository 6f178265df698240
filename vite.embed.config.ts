// The single-file embed: dist/embed/durability-lab.js defines <durability-lab> (src/embed/element.ts).
// A classic script (IIFE), so it loads from another origin without CORS headers; the simulation worker is
// inlined and started from a blob: URL; component styles are injected into each element's shadow root.
// `npm run build` runs this after the app build (the app build empties dist/ first). README: "Embedding".
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { inlineLabWorker } from './src/embed/vite-plugins.ts';

export default defineConfig({
  plugins: [svelte({ compilerOptions: { css: 'injected' }, emitCss: false }), inlineLabWorker()],
  worker: { format: 'es' },
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL('./src/embed/main-element.ts', import.meta.url)),
      formats: ['iife'],
      name: 'DurabilityLab',
      fileName: () => 'durability-lab.js',
    },
    // ASCII only: a classic script is decoded in the host page's encoding, which need not be UTF-8.
    rolldownOptions: { output: { codeSplitting: false, charset: 'ascii' } },
  },
});
