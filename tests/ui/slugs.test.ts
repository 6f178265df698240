// The panes and the outcome table are keyed by these slugs; two equal keys stop Svelte from drawing the page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slug, uniqueSlugs } from '../../src/ui/format';

describe('uniqueSlugs', () => {
  it('keeps the plain slug of the built-in labels', () => {
    expect(uniqueSlugs(['ElastiCache (async)', 'MemoryDB (log)'])).toEqual(['elasticache-async', 'memorydb-log']);
  });

  it('labels that differ by case or punctuation, and a label that looks like a suffix, get distinct slugs', () => {
    expect(uniqueSlugs(['A', 'a', 'a-2'])).toEqual(['a', 'a-3', 'a-2']);
    expect(uniqueSlugs(['a', 'A', 'a!', 'a-2', 'a-3'])).toEqual(['a', 'a-4', 'a-5', 'a-2', 'a-3']);
    expect(uniqueSlugs(['東京', '大阪', '!!!'])).toEqual(['run', 'run-2', 'run-3']);
  });

  it('any list of labels gives distinct slugs, each the label\'s own slug or that slug with a suffix', () => {
    // Labels built from few characters, so that collisions, suffix-like labels and empty slugs are common.
    const label = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '-', '2', '3', ' ', '!', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), (labels) => {
        const keys = uniqueSlugs(labels);
        expect(keys).toHaveLength(labels.length);
        expect(new Set(keys).size).toBe(keys.length);
        keys.forEach((key, i) => {
          const base = slug(labels[i]) || 'run';
          expect(key === base || new RegExp(`^${base}-\\d+$`).test(key)).toBe(true);
          expect(key).toMatch(/^[a-z0-9-]+$/);
        });
      }),
      { numRuns: 500 },
    );
  });
});
