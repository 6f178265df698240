// Counts on the still lines of a busy pane: each where it covers no other label and none of the pane's
// words, or left out (the line under the pane says every count in words).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { viewOf } from '../../src/sim/view';
import { messageShapes, nodePositions } from '../../src/ui/panes/layout';
import { flowLabels, obstacles } from '../../src/ui/panes/flow-labels';
import type { PresetId } from '../../src/sim/types';
import { specFor } from '../sim/spec';

function busyView(preset: PresetId) {
  const spec = specFor(preset, {
    durationS: 0.6,
    workload: { writesPerSec: 0, readsPerSec: 0, closedLoop: { connections: 1000, pipeline: 1, backoffMs: 100 }, writeFraction: 1, keys: 10_000 },
  });
  const sim = new Simulation(spec);
  sim.runUntil(500_000);
  return viewOf(sim);
}

/** The box a label's text takes, by a generous character width (the font's is about 5.8 units). */
const box = (l: { x: number; y: number; text: string }) => ({ x0: l.x - l.text.length * 3.05, x1: l.x + l.text.length * 3.05, y0: l.y - 6.5, y1: l.y + 6.5 });
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe.each(['elasticache', 'memorydb'] as const)('%s past its ceiling', (preset) => {
  const view = busyView(preset);
  const nodes = nodePositions(view);
  const { flows } = messageShapes(view, view.tUs, false);
  const labels = flowLabels(view, nodes, flows);

  it('draws flows, with a queue on the primary', () => {
    expect(flows.length).toBeGreaterThan(5);
    expect(view.nodes[0].queueMs).toBeGreaterThan(1);
  });

  it('places no label on another, nor on a node, a client or a heading', () => {
    const boxes = labels.map(box);
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlap(a, b), `${labels[i].text}`).toBe(false)));
    for (const o of obstacles(view, nodes)) for (const [i, b] of boxes.entries()) expect(overlap(o, b), labels[i].text).toBe(false);
  });

  it('labels each flow once at most, with its own count', () => {
    const byKey = new Map(flows.map((f) => [f.key, f]));
    for (const l of labels) expect(l.text).toMatch(new RegExp(`^${byKey.get(l.key)!.count.toLocaleString('en-US')}( |$)`));
    expect(new Set(labels.map((l) => l.key)).size).toBe(labels.length);
  });

  it('finds a place for the replication and most of the other counts', () => {
    const placed = new Set(labels.map((l) => l.key));
    for (const f of flows) if (f.kind === 'replication') expect(placed.has(f.key), f.key).toBe(true);
    expect(labels.length).toBeGreaterThanOrEqual(Math.ceil(flows.length * 0.4));
  });
});
