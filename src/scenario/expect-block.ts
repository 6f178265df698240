// The `expect` block maps preset names to assertions, and a preset may be named `toString`, `constructor`
// or `__proto__`. zod's record skips a key named `__proto__` (so it cannot replace the prototype of the
// object it builds), which would drop that entry without a word, and a plain object answers `toString`
// with a function of its prototype. So the block is read here from the YAML data's own keys into an object
// without a prototype, and checked entry by entry where zod did not look.
import type { PathSegment, RawIssue } from './errors';
import type { ExpectBlock } from './expect-entry';
import { AssertionsSchema, type Assertions } from './schema';
import { describeExpected, fromZodIssues } from './zod-issues';

export type { ExpectBlock } from './expect-entry';
export { expectEntry } from './expect-entry';

export interface ReadExpect {
  expect: ExpectBlock;
  issues: RawIssue[];
}

/** zod's record leaves this key out, unchecked; every other entry it checks and reports on itself. */
const SKIPPED_BY_ZOD = '__proto__';

/** `raw` is the whole file as YAML data; `parsed` the block as zod returned it, when the file passed zod. */
export function readExpectBlock(raw: unknown, parsed: ExpectBlock | undefined): ReadExpect {
  const expect: ExpectBlock = Object.create(null);
  const issues: RawIssue[] = [];
  const block = isRecord(raw) && Object.hasOwn(raw, 'expect') ? raw.expect : undefined;
  if (!isRecord(block)) return { expect, issues };
  for (const name of Object.keys(block)) {
    if (name !== SKIPPED_BY_ZOD) {
      if (parsed && Object.hasOwn(parsed, name)) define(expect, name, parsed[name]);
      continue;
    }
    const entry = AssertionsSchema.safeParse(block[name], { error: describeExpected });
    if (entry.success) define(expect, name, entry.data);
    else {
      const at: PathSegment[] = ['expect', name];
      issues.push(...fromZodIssues(entry.error.issues, block[name], AssertionsSchema).map((i) => ({ ...i, path: [...at, ...i.path] })));
    }
  }
  return { expect, issues };
}

function define(block: ExpectBlock, name: string, value: Assertions): void {
  // Assignment would call the `__proto__` setter on an object that has one; a definition never does.
  Object.defineProperty(block, name, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
