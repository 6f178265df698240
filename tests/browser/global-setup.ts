// Builds the app once and serves it with `vite preview` for every browser test file in the run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import type { BrowserEnv } from './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const provide = (env: BrowserEnv) => project.provide('browserEnv', env);

  if (!existsSync(chromiumPath)) {
    const reason = `Chromium not found at ${chromiumPath}: run scripts/ensure-chromium.sh`;
    if (isCi()) {
      provide({ status: 'error', reason });
    } else {
      console.warn(`\nBrowser tests skipped. ${reason}\n`);
      provide({ status: 'skip', reason });
    }
    return async () => {};
  }

  // A private output folder, so a developer's own `npm run build` into dist/ is never clobbered.
  const outDir = await mkdtemp(join(tmpdir(), 'durability-lab-build-'));
  let server: PreviewServer | undefined;
  const teardown = async () => {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };

  const build = await buildApp(root, outDir);
  if (!build.ok) {
    provide({ status: 'error', reason: `vite build failed:\n${build.output}` });
    return teardown;
  }
  // The <durability-lab> element file, where the sample documentation page loads it (as `npm run build` does).
  const embed = await buildApp(root, join(outDir, 'embed'), ['-c', 'vite.embed.config.ts']);
  if (!embed.ok) {
    provide({ status: 'error', reason: `vite build -c vite.embed.config.ts failed:\n${embed.output}` });
    return teardown;
  }

  server = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) {
    provide({ status: 'error', reason: 'vite preview started but reported no local URL' });
    return teardown;
  }
  provide({ status: 'ready', baseUrl, chromiumPath });
  return teardown;
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

// A child process, because vitest's environment (VITEST, NODE_ENV=test) would otherwise leak into
// the config and make a test-flavoured build instead of the one users get.
function buildApp(root: string, outDir: string, extraArgs: string[] = []): Promise<{ ok: boolean; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  delete env.TEST;

  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', ...extraArgs, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err) => resolve({ ok: false, output: `${output}${err.message}` }));
    child.on('close', (code) => resolve({ ok: code === 0, output: readable(output) }));
  });
}

// The browser tests quote build errors: colour codes and the bundler's own stack frames only hide them.
function readable(output: string): string {
  return stripVTControlCharacters(output)
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .trim();
}
