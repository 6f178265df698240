import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_KEYS, SOURCES, sourcesFor } from '../../src/lesson/sources';

describe('sources', () => {
  it('lists exactly the keys of the model reference, each with a title and a public https URL', () => {
    const model = readFileSync('docs/model.md', 'utf8');
    for (const key of SOURCE_KEYS) {
      expect(model).toContain(key);
      expect(SOURCES[key].key).toBe(key);
      expect(SOURCES[key].title.length).toBeGreaterThan(10);
      expect(new URL(SOURCES[key].url).protocol).toBe('https:');
    }
    expect(SOURCES.P.url).toBe('https://doi.org/10.1145/3626246.3653380');
    expect(SOURCES.J13.url).toMatch(/^https:\/\/aphyr\.com\//);
    for (const key of SOURCE_KEYS.filter((k) => k.startsWith('R-'))) expect(SOURCES[key].url).toMatch(/^https:\/\/redis\.io\//);
    for (const key of SOURCE_KEYS.filter((k) => /^(EC|MDB)-/.test(k))) expect(SOURCES[key].url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('sourcesFor keeps order, drops repeats and unknown keys', () => {
    expect(sourcesFor(['P', 'R-REPL', 'P', 'nope']).map((s) => s.key)).toEqual(['P', 'R-REPL']);
  });
});
