import { describe, expect, it } from 'vitest';
import { combineHashes, fnv1a64 } from '../../src/scenario/hash';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes', () => {
    expect(fnv1a64('é')).toBe(fnv1a64('\u00e9'));
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });
});

describe('combineHashes', () => {
  it('depends on every hash and on their order', () => {
    const ab = combineHashes(['00ff', 'abcd']);
    expect(ab).toMatch(/^[0-9a-f]{16}$/);
    expect(ab).toBe(combineHashes(['00ff', 'abcd']));
    expect(ab).not.toBe(combineHashes(['abcd', '00ff']));
    expect(ab).not.toBe(combineHashes(['00ff', 'abce']));
  });
});
