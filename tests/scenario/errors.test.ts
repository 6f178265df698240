import { describe, expect, it } from 'vitest';
import { dottedPath, quote, renderIssues, ScenarioError } from '../../src/scenario/errors';

describe('ScenarioError', () => {
  it('renders one problem per line, with position when known', () => {
    const e = new ScenarioError('dropped file', [
      { path: 'faults[2].node', line: 14, column: 33, message: 'found "d1"; expected a node of this topology: a1, b1' },
      { path: '', message: 'found a file of 307200 bytes; expected at most 262144 bytes (256 KiB)' },
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe(
      'dropped file:14:33: faults[2].node: found "d1"; expected a node of this topology: a1, b1\n' +
        'dropped file: found a file of 307200 bytes; expected at most 262144 bytes (256 KiB)',
    );
    expect(e.source).toBe('dropped file');
    expect(e.issues).toHaveLength(2);
  });

  it('shows at most 10 problems and counts the rest', () => {
    const issues = Array.from({ length: 11 }, (_, i) => ({ path: `p${i}`, message: 'm' }));
    const lines = renderIssues('f.yaml', issues).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('f.yaml: … and 1 more problem');
  });
});

describe('dottedPath', () => {
  it('writes indexes in brackets and quotes keys that are not identifiers', () => {
    expect(dottedPath(['workload', 'writesPerSec'])).toBe('workload.writesPerSec');
    expect(dottedPath(['faults', 2, 'node'])).toBe('faults[2].node');
    expect(dottedPath(['expect', 'redis-aof-always', 'lostAcked'])).toBe('expect.redis-aof-always.lostAcked');
    expect(dottedPath(['expect', 'ElastiCache (async)', 'rpoMs'])).toBe('expect["ElastiCache (async)"].rpoMs');
  });
});

describe('quote', () => {
  it('shows values as written and cuts them at 60 characters', () => {
    expect(quote('d1')).toBe('"d1"');
    expect(quote(5)).toBe('5');
    expect(quote(null)).toBe('null');
    expect(quote(undefined)).toBe('nothing');
    expect(quote({ a: [1] })).toBe('{"a":[1]}');
    const long = quote('y'.repeat(100));
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
  });

  it('survives cyclic data from YAML anchors', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(quote(cyclic)).toBe('[…]');
  });
});
