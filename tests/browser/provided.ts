// What the browser project's globalSetup hands to the test files through vitest's provide/inject.
export type BrowserEnv =
  | { status: 'ready'; baseUrl: string; chromiumPath: string }
  // Skipped only outside CI, so a developer without Chromium can still run everything else.
  | { status: 'skip'; reason: string }
  // Build failures and (under CI) a missing Chromium fail the browser tests rather than the whole run,
  // so unit test results are still reported.
  | { status: 'error'; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    browserEnv: BrowserEnv;
  }
}
