// src/lesson builds on src/scenario, never the reverse: no module under src/scenario may reach a module
// under src/lesson, by a direct import or through the modules it imports (a re-export included).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const SCENARIO = join(SRC, 'scenario');
const LESSON = join(SRC, 'lesson');

/** `import … from`, `export … from`, a bare `import '…'` and `import('…')`, type-only ones included. */
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].flatMap((m) => resolveImport(file, m[1]) ?? []);
}

const inside = (dir: string, file: string) => !relative(dir, file).startsWith('..');

/** The chain of modules from `start` to the first one under src/lesson; empty when none is reached. */
function chainToLesson(start: string): string[] {
  const seen = new Set([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    for (const next of imports(chain[chain.length - 1])) {
      if (inside(LESSON, next)) return [...chain, next].map((f) => relative(SRC, f));
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
  }
  return [];
}

describe('src/scenario does not depend on src/lesson', () => {
  const files = sourceFiles(SCENARIO);

  it('finds the scenario modules', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s reaches nothing under src/lesson', (_, file) => {
    expect(chainToLesson(file)).toEqual([]);
  });
});
