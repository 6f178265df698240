import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { previewManifest, serveEmbedInDev } from './src/embed/vite-plugins.ts';

export default defineConfig({
  // serveEmbedInDev: /embed/durability-lab.js under `npm start` (the build writes it with vite.embed.config.ts).
  // previewManifest: the first pictures embed.html draws before it loads the lab (src/embed/preview.ts).
  plugins: [svelte(), previewManifest(), serveEmbedInDev()],
  // Workers are ES modules, so the simulation code they import may be split like the page's own.
  worker: { format: 'es' },
  build: {
    rollupOptions: {
      // The app; "How faithful is this model?" with the latest calibration report; "How throughput scales
      // with shards" with the committed sweep report (npm run scale).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        faithful: fileURLToPath(new URL('./faithful.html', import.meta.url)),
        scale: fileURLToPath(new URL('./scale.html', import.meta.url)),
        // The lab for an <iframe> on a documentation page (README: "Embedding").
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
      },
    },
  },
  // Component tests must resolve Svelte's browser build, not its server build.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Separate projects so that the build + preview server (the browser project's globalSetup) only
    // runs when a browser test is part of the run; vitest skips a project's globalSetup otherwise.
    // `include` lives only in the projects: `extends: true` would concatenate a root-level one.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/browser/**', 'tests/calibrate/redis-*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Against a real redis-server: timings there (an fsync, a replication delay) suffer when the other
        // projects load both cores, so this project runs on its own, after them.
        extends: true,
        test: {
          name: 'calibration',
          include: ['tests/calibrate/redis-*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
});
