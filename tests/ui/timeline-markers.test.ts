// The timeline's markers: their accessible names, the one tab stop and arrow-key movement between them.
import { describe, expect, it } from 'vitest';
import { markerKeyTarget, markerName, secondsText, tabStopAt } from '../../src/ui/timeline/markers';
import type { Marker } from '../../src/ui/worker/protocol';

// In time order, as the worker sends them.
const markers: Marker[] = [
  { tUs: 19_980_123, kind: 'lost', pane: 0, text: '12 acknowledged writes lost' },
  { tUs: 20_000_000, kind: 'fault', pane: 0, text: 'process on a1 crashes' },
  { tUs: 20_000_000, kind: 'fault', pane: 1, text: 'process on a1 crashes' },
  { tUs: 34_600_000, kind: 'failover', pane: 1, text: 'b1 promoted' },
];

describe('timeline markers', () => {
  it('are named by kind, pane and time', () => {
    const labels = ['ElastiCache', 'MemoryDB'];
    expect(markerName({ ...markers[3], tUs: 14_600_000 }, labels)).toBe('failover in MemoryDB at 14.6 s');
    expect(markerName(markers[1], labels)).toBe('fault in ElastiCache at 20 s');
    expect(markerName(markers[0], labels)).toBe('writes lost in ElastiCache at 19.98 s');
    expect(markerName(markers[2], [])).toBe('fault in pane 2 at 20 s');
    expect(secondsText(1_234_567)).toBe('1.235');
  });

  it('hold one tab stop: the first marker at or after the cursor, else the last', () => {
    expect(tabStopAt([], 0)).toBe(-1);
    expect(tabStopAt(markers, 0)).toBe(0);
    expect(tabStopAt(markers, 19_990_000)).toBe(1);
    expect(tabStopAt(markers, 20_000_001)).toBe(3);
    expect(tabStopAt(markers, 60e6)).toBe(3);
  });

  it('move with the arrow keys, Home and End, and leave other keys alone', () => {
    expect(markerKeyTarget('ArrowRight', 0, 4)).toBe(1);
    expect(markerKeyTarget('ArrowDown', 3, 4)).toBe(3);
    expect(markerKeyTarget('ArrowLeft', 0, 4)).toBe(0);
    expect(markerKeyTarget('ArrowUp', 2, 4)).toBe(1);
    expect(markerKeyTarget('Home', 2, 4)).toBe(0);
    expect(markerKeyTarget('End', 0, 4)).toBe(3);
    expect(markerKeyTarget('Enter', 0, 4)).toBeNull();
    expect(markerKeyTarget(' ', 0, 4)).toBeNull();
    expect(markerKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
