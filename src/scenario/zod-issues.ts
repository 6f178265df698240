// Turns zod's issues into found/expected sentences. zod's own messages name JavaScript types ("expected
// object, received string"); a scenario author thinks in YAML terms (a mapping, a list, text).
import type { z } from 'zod';
import { foundExpected, type PathSegment, type RawIssue } from './errors';
import { knownKeysAt } from './schema-walk';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'null',
};

/** Parse-level error map: every issue's message becomes the "expected …" half of the sentence. */
export const describeExpected: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.expected === 'number' && typeof iss.input === 'number') return 'a finite number';
      return TYPE_WORDS[iss.expected] ?? iss.expected;
    case 'too_big':
      return bound('max', iss.origin, Number(iss.maximum), iss.inclusive !== false);
    case 'too_small':
      return bound('min', iss.origin, Number(iss.minimum), iss.inclusive !== false);
    case 'invalid_value':
      return iss.values.length === 1 ? JSON.stringify(iss.values[0]) : `one of ${iss.values.join(', ')}`;
    case 'invalid_format':
      return iss.format === 'regex' ? `text matching ${String(iss.pattern)}` : `text in ${iss.format} format`;
    default:
      return undefined;
  }
};

function bound(side: 'min' | 'max', origin: string, n: number, inclusive: boolean): string {
  if (origin === 'array' || origin === 'set') {
    const items = `${n} item${n === 1 ? '' : 's'}`;
    return side === 'max' ? `at most ${items}` : `at least ${items}`;
  }
  if (origin === 'string') {
    if (side === 'min' && n === 1) return 'non-empty text';
    return side === 'max' ? `at most ${n} characters` : `at least ${n} characters`;
  }
  if (side === 'max') return inclusive ? `a number at most ${n}` : `a number below ${n}`;
  return inclusive ? `a number at least ${n}` : `a number greater than ${n}`;
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], data: unknown, schema: z.ZodType): RawIssue[] {
  return issues.flatMap((issue) => convert(issue, [], data, schema));
}

function convert(issue: z.core.$ZodIssue, prefix: PathSegment[], data: unknown, schema: z.ZodType): RawIssue[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const value = lookup(data, path);

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path, data);
    return issue.keys.map((key) => ({
      path: [...path, key],
      atKey: true,
      message: `unknown key ${JSON.stringify(key)}; expected one of ${known.join(', ')}${didYouMean(key, known)}`,
    }));
  }

  if (issue.code === 'invalid_union') {
    if ('discriminator' in issue && issue.discriminator !== undefined) {
      const options = (issue as { options?: unknown[] }).options ?? [];
      return [{ path, message: foundExpected(value.value, `one of ${options.join(', ')}`, !value.present) }];
    }
    // Report the branch the author evidently meant: the only one that accepted the value's type.
    const meant = issue.errors.filter((branch) => !branch.some((b) => b.path.length === 0 && rejectsType(b, value.value)));
    if (meant.length === 1) return meant[0].flatMap((inner) => convert(inner, path, data, schema));
    const expected = issue.errors.flatMap((branch) => branch.filter((b) => b.path.length === 0).map((b) => b.message));
    return [{ path, message: foundExpected(value.value, [...new Set(expected)].join(' or '), !value.present) }];
  }

  return [{ path, message: foundExpected(value.value, issue.message, !value.present) }];
}

function rejectsType(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (issue.code === 'invalid_type') return true;
  // An enum reports any non-member as invalid_value, even a value of another type.
  return issue.code === 'invalid_value' && issue.values.length > 0 && typeof issue.values[0] !== typeof input;
}

export function lookup(data: unknown, path: readonly PathSegment[]): { present: boolean; value: unknown } {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) {
      return { present: false, value: undefined };
    }
    cur = (cur as Record<PathSegment, unknown>)[seg];
  }
  return { present: cur !== undefined, value: cur };
}

/** A near spelling (small edit distance relative to the key's length) or a clear prefix, else nothing. */
function didYouMean(key: string, known: readonly string[]): string {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.ceil(key.length / 2));
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  best ??= lower.length >= 3 ? known.find((k) => k.toLowerCase().startsWith(lower)) : undefined;
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
