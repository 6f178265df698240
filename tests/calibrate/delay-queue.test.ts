import { describe, expect, it } from 'vitest';
import { DelayQueue } from '../../src/calibrate/delay-queue';

describe('the proxy queue', () => {
  it('holds each chunk for the delay and keeps order', () => {
    const q = new DelayQueue<string>(100);
    q.push('a', 0);
    q.push('b', 50);
    expect(q.takeDue(99)).toEqual([]);
    expect(q.nextDueAt()).toBe(100);
    expect(q.takeDue(100)).toEqual(['a']);
    expect(q.takeDue(200)).toEqual(['b']);
  });

  it('throws away what has not left when discarded: the data a crash loses', () => {
    const q = new DelayQueue<string>(100);
    q.push('a', 0);
    q.push('b', 10);
    expect(q.takeDue(100)).toEqual(['a']);
    expect(q.discard()).toBe(1);
    expect(q.takeDue(1_000)).toEqual([]);
  });

  it('releases nothing while stalled, and everything queued after resuming', () => {
    const q = new DelayQueue<string>(0);
    q.stall();
    q.push('a', 0);
    q.push('b', 5);
    expect(q.takeDue(1_000)).toEqual([]);
    expect(q.nextDueAt()).toBeNull();
    q.resume(2_000);
    expect(q.takeDue(2_000)).toEqual(['a', 'b']);
  });

  it('applies a changed delay to chunks pushed afterwards', () => {
    const q = new DelayQueue<string>(10);
    q.push('a', 0);
    q.delayMs = 500;
    q.push('b', 0);
    expect(q.takeDue(10)).toEqual(['a']);
    expect(q.takeDue(499)).toEqual([]);
  });
});
