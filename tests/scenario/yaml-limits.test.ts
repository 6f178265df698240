// How the loader reads YAML at and past its limits: alias expansions, bytes, nesting, documents.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import type { ScenarioError } from '../../src/scenario/errors';
import { loaderError } from './loader-error';
import { LIMITS } from '../../src/scenario/limits';
import { utf8Bytes } from '../../src/scenario/yaml-source';

const FILE = 'limits.yaml';
const HEAD = 'title: T\ndurationS: 10\npresets: [memorydb]\n';

const errorOf = (text: string): ScenarioError => loaderError(text, FILE);

/** A valid file with `uses` aliases of one anchored AZ, one fault each (the fault list allows 200). */
function aliasUses(uses: number): string {
  return `${HEAD}topology: { primary: &z a }\nfaults:\n${'  - { at: 1, kind: az-heal, az: *z }\n'.repeat(uses)}`;
}

describe('YAML alias expansions', () => {
  it(`accepts exactly ${LIMITS.maxYamlAliases} uses of an alias`, () => {
    expect(parseScenario(aliasUses(LIMITS.maxYamlAliases), FILE).faults).toHaveLength(LIMITS.maxYamlAliases);
  });

  it(`refuses the ${LIMITS.maxYamlAliases + 1}st, at its place`, () => {
    expect(errorOf(aliasUses(LIMITS.maxYamlAliases + 1)).message).toBe(
      'limits.yaml:106:33: found 101 YAML alias expansions up to this *z; expected at most 100 ' +
        '(each use of an alias counts, and so does each alias inside the value it copies)',
    );
  });

  it('counts the aliases inside an anchored value each time it is copied', () => {
    // 2 aliases inside the anchored list, then 33 copies of it: 2 + 33 × (1 + 2) = 101.
    const text = (copies: number) =>
      `${HEAD}topology: { primary: &p a, replicas: &r [*p, *p] }\ndescription: &d ok\nx-copies: [${Array(copies).fill('*r').join(', ')}]\n`;
    expect(errorOf(text(33)).message).toMatch(/^limits\.yaml:6:\d+: found 101 YAML alias expansions up to this \*r;/);
    // 32 copies stay within the limit (2 + 96 = 98); what is left to say is that x-copies is not a key.
    expect(errorOf(text(32)).message).toMatch(/^limits\.yaml:6:1: x-copies: unknown key "x-copies"/);
  });

  it('an alias inside the value it names is a reference, counted once', () => {
    expect(errorOf(`${HEAD}x: &a [1, *a]\n`).message).toMatch(/^limits\.yaml:4:1: x: unknown key "x"/);
  });
});

describe('file size', () => {
  it('names the exact number of bytes', () => {
    const text = `${HEAD}#${'x'.repeat(LIMITS.maxFileBytes - HEAD.length - 2)}\n`;
    expect(parseScenario(text, FILE).title).toBe('T');
    expect(errorOf(`${text} `).message).toBe('limits.yaml: found a file of 262145 bytes; expected at most 262144 bytes (256 KiB)');
  });

  it('counts UTF-8 bytes exactly, whatever the characters', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é€\n', '\ud800', '\udc00x', '\ud800\ud800']) {
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
    }
    const wide = `${HEAD}# ${'€'.repeat(90_000)}\n`;
    expect(errorOf(wide).message).toBe(`limits.yaml: found a file of ${HEAD.length + 3 + 270_000} bytes; expected at most 262144 bytes (256 KiB)`);
  });
});

describe('nesting depth', () => {
  /** `levels` mappings inside one another under the top-level one, which counts as the first. */
  const nested = (levels: number) => `${HEAD}x: ${'{ k: '.repeat(levels - 1)}1${' }'.repeat(levels - 1)}\n`;

  it(`reads ${LIMITS.maxNestingDepth} levels (and then finds what is wrong in them)`, () => {
    expect(errorOf(nested(LIMITS.maxNestingDepth)).message).toMatch(/^limits\.yaml:4:1: x: unknown key "x"/);
  });

  it(`refuses ${LIMITS.maxNestingDepth + 1} levels at the first one too deep`, () => {
    expect(errorOf(nested(LIMITS.maxNestingDepth + 1)).message).toBe(
      `limits.yaml:4:${4 + 5 * (LIMITS.maxNestingDepth - 1)}: found mappings and lists nested more than 32 levels deep; expected at most 32 levels`,
    );
  });

  it('refuses 10,000 levels with the same message, not a stack overflow', () => {
    const deep = `${HEAD}workload: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    expect(errorOf(deep).message).toMatch(/^limits\.yaml:4:\d+: found mappings and lists nested more than 32 levels deep; expected at most 32 levels$/);
    const block = `${HEAD}workload:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}`;
    expect(errorOf(block).message).toMatch(/^limits\.yaml:\d+:\d+: found mappings and lists nested more than 32 levels deep/);
  });
});

describe('documents', () => {
  it('a second document is refused where it starts', () => {
    expect(errorOf(`${HEAD}---\ntitle: second\n`).message).toBe(
      'limits.yaml:4:1: found a second YAML document starting here; expected one document per scenario file',
    );
    expect(errorOf(`${HEAD}...\n---\n`).message).toMatch(/^limits\.yaml:5:1: found a second YAML document/);
    // A document end marker, a leading --- and directives are still one document.
    expect(parseScenario(`%YAML 1.2\n---\n${HEAD}...\n# the end\n`, FILE).title).toBe('T');
  });
});
