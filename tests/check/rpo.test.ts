import { describe, expect, it } from 'vitest';
import { rpoMs } from '../../src/check/rpo';
import type { LostWrite } from '../../src/sim/types';
import { LostWrites } from '../../src/sim/lost-writes';
import { HistoryBuilder } from './history-builder';

const lostAt = (id: number, ackedAtMs: number): LostWrite => ({ id, key: 'k', ackedAtMs, node: 'a1', reason: 'test' });

describe('RPO', () => {
  const h = new HistoryBuilder()
    .set(1, 'k', 'a', 0, 8_000)
    .set(2, 'k', 'b', 0, 10_000)
    .set(3, 'k', 'c', 0, 10_500) // lost
    .set(4, 'k', 'd', 0, 11_000) // survived, but after the first loss
    .set(5, 'k', 'e', 0, 12_000) // lost
    .set(6, 'k', 'f', 0, 14_250) // lost
    .set(7, 'k', 'g', 0, 20_000);

  it('is zero without lost writes', () => {
    expect(rpoMs(LostWrites.none, h.log())).toBe(0);
  });

  it('spans from the last surviving write before the first loss to the last loss', () => {
    expect(rpoMs(LostWrites.of([lostAt(6, 14.25), lostAt(3, 10.5), lostAt(5, 12)]), h.log())).toBe(4.25);
  });

  it('spans the lost writes alone when nothing earlier survived', () => {
    const lost = [1, 2, 3, 5, 6].map((id) => lostAt(id, [0, 8, 10, 10.5, 0, 12, 14.25][id]));
    expect(rpoMs(LostWrites.of(lost), h.log())).toBe(6.25);
  });

  it('counts a surviving write acknowledged at the same instant as the first loss', () => {
    const g = new HistoryBuilder()
      .set(4, 'k', 'z', 0, 2_000)
      .set(1, 'k', 'a', 0, 5_000)
      .set(2, 'k', 'b', 0, 5_000)
      .set(3, 'k', 'c', 0, 9_000);
    expect(rpoMs(LostWrites.of([lostAt(2, 5), lostAt(3, 9)]), g.log())).toBe(4);
  });

  it('is zero for a single lost write with nothing surviving before it', () => {
    const g = new HistoryBuilder().set(1, 'k', 'a', 0, 5_000);
    expect(rpoMs(LostWrites.of([lostAt(1, 5)]), g.log())).toBe(0);
  });
});
