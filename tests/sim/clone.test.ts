import { describe, expect, it } from 'vitest';
import { cloneData } from '../../src/sim/clone';

describe('cloneData', () => {
  it('copies objects, arrays, Maps, Sets and typed arrays deeply, and keeps what was shared shared', () => {
    const shared = { id: 1, tags: ['a'] };
    const src = {
      n: 3,
      s: 'x',
      nothing: null,
      undef: undefined,
      list: [1, 2.5, shared, [shared]],
      holes: [1, , 3],
      map: new Map<string, unknown>([['k', shared]]),
      set: new Set([shared]),
      bytes: new Float64Array([1, 2]),
      again: shared,
    };
    const c = cloneData(src);
    expect(c).toEqual(src);
    expect(c).not.toBe(src);
    expect(c.again).not.toBe(shared);
    expect(c.again).toBe(c.list[2]);
    expect(c.again).toBe((c.list[3] as unknown[])[0]);
    expect(c.map.get('k')).toBe(c.again);
    expect([...c.set][0]).toBe(c.again);
    expect(1 in c.holes).toBe(false);
    c.again.tags.push('b');
    c.bytes[0] = 9;
    expect(shared.tags).toEqual(['a']);
    expect(src.bytes[0]).toBe(1);
  });

  it('copies cycles', () => {
    const a: { self?: unknown; v: number } = { v: 1 };
    a.self = a;
    const c = cloneData(a);
    expect(c.self).toBe(c);
    expect(c).not.toBe(a);
  });
});
