// The trace hash covers every field of every trace event and history row: two runs that differ only in
// which node was promoted, which node served a read, which value it returned, or why writes were refused
// must not share a hash (the determinism tests compare hashes, so what the hash cannot see they cannot).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { Simulation } from '../../src/sim/engine';
import { createDigest, digestHex, mixValue } from '../../src/sim/hash';
import type { TraceEvent } from '../../src/sim/types';

const FILE = 'scenarios/primary-crash.yaml';
const spec = { ...resolveRuns(parseScenario(readFileSync(FILE, 'utf8'), FILE))[0], durationS: 1 };

/** A fresh simulation (same spec, same seed), with one thing recorded on top. */
function hashAfter(record: (sim: Simulation) => void): string {
  const sim = new Simulation(spec);
  record(sim);
  return sim.traceHash();
}

describe('the trace hash', () => {
  it('tells apart which node was promoted', () => {
    const promoted = (node: string): TraceEvent => ({ type: 'term', t: 20e6, node, term: 2, fromTerm: 1, forkOffset: 100, cause: 'promotion' });
    expect(hashAfter((s) => s.trace(promoted('b1')))).not.toBe(hashAfter((s) => s.trace(promoted('c1'))));
    // Same words: same hash.
    expect(hashAfter((s) => s.trace(promoted('b1')))).toBe(hashAfter((s) => s.trace(promoted('b1'))));
  });

  it('tells apart a reason, a cause, an offset and a fault target', () => {
    const base: TraceEvent = { type: 'writes-refused', t: 5e6, node: 'a1', reason: 'min-replicas' };
    expect(hashAfter((s) => s.trace(base))).not.toBe(hashAfter((s) => s.trace({ ...base, reason: 'no quorum' })));
    const term: TraceEvent = { type: 'term', t: 1, node: 'b1', term: 2, fromTerm: 1, forkOffset: 100, cause: 'promotion' };
    expect(hashAfter((s) => s.trace(term))).not.toBe(hashAfter((s) => s.trace({ ...term, cause: 'election' })));
    expect(hashAfter((s) => s.trace(term))).not.toBe(hashAfter((s) => s.trace({ ...term, forkOffset: 101 })));
    const fault = (node: string): TraceEvent => ({ type: 'fault', t: 1, fault: { kind: 'crash', node } });
    expect(hashAfter((s) => s.trace(fault('a1')))).not.toBe(hashAfter((s) => s.trace(fault('b1'))));
  });

  it('tells apart the node that served a read, the value it read and where it was read', () => {
    const read = (node: number, value: number | null, fromReplica: boolean) => (s: Simulation) => s.recordOkRead(7, node, 1, value, 3, 4, 1500, fromReplica);
    const h = hashAfter(read(1, 42, true));
    expect(hashAfter(read(2, 42, true))).not.toBe(h);
    expect(hashAfter(read(1, 43, true))).not.toBe(h);
    expect(hashAfter(read(1, null, true))).not.toBe(h);
    expect(hashAfter(read(1, 42, false))).not.toBe(h);
    expect(hashAfter(read(1, 42, true))).toBe(h);
  });

  it('tells apart the node and term that acknowledged a write, and an error', () => {
    const ok = (node: number, term: number) => (s: Simulation) => s.recordOkWrite(7, node, term, 100, 5, null);
    expect(hashAfter(ok(0, 1))).not.toBe(hashAfter(ok(1, 1)));
    expect(hashAfter(ok(0, 1))).not.toBe(hashAfter(ok(0, 2)));
    expect(hashAfter((s) => s.recordFail(7, 0, 1))).not.toBe(hashAfter((s) => s.recordFail(7, 0, 2)));
  });

  it('hashes an object the same whatever order its fields were written in', () => {
    const a = createDigest();
    const b = createDigest();
    mixValue(a, { kind: 'crash', node: 'a1', at: 1.5 });
    mixValue(b, { at: 1.5, node: 'a1', kind: 'crash' });
    expect(digestHex(a)).toBe(digestHex(b));
    const c = createDigest();
    mixValue(c, { kind: 'crash', node: 'a1', at: 1.25 });
    expect(digestHex(c)).not.toBe(digestHex(a));
  });
});
