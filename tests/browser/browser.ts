// Drives the system Chromium against the preview server that global-setup.ts started.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFailed } from 'vitest';
import './provided';

// Without these Chromium keeps trying to reach update and sync servers, which this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOT_DIR = resolve('test-results');

/** Why browser tests are skipped in this run, or undefined when they should run. */
export function browserSkipReason(): string | undefined {
  const env = inject('browserEnv');
  return env.status === 'skip' ? env.reason : undefined;
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far: a healthy page has none. */
  problems: string[];
  screenshot(name: string): Promise<string>;
}

export interface BrowserHandle {
  open(path: string): Promise<OpenedPage>;
}

/** Launches one Chromium for the enclosing describe block and closes it afterwards. */
export function useBrowser(): BrowserHandle {
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  let baseUrl = '';
  // Kept and rethrown by open(), so a broken setup shows up as failing tests, not as skipped ones.
  let setupError: Error | undefined;

  beforeAll(async () => {
    try {
      const env = inject('browserEnv');
      if (env.status !== 'ready') throw new Error(env.reason);
      baseUrl = env.baseUrl;
      // launch() refuses --user-data-dir, and a shared profile would leak state between runs.
      profileDir = await mkdtemp(join(tmpdir(), 'durability-lab-chromium-'));
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: env.chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 720 },
      });
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  });

  afterAll(async () => {
    await context?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  return {
    async open(path) {
      if (setupError) throw setupError;
      if (!context) throw new Error('Chromium is not running: call useBrowser() inside a describe block');
      const page = await context.newPage();
      const problems = watchProblems(page);
      onTestFailed(async ({ task }) => {
        const saved = await screenshot(page, `failed-${slug(task.name)}`).catch(() => undefined);
        if (saved) console.error(`Screenshot of the failing page: ${saved}`);
      });
      await page.goto(new URL(path, baseUrl).href);
      return { page, problems, screenshot: (name) => screenshot(page, name) };
    },
  };
}

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    problems.push(`console error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
