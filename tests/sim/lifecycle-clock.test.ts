import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/run';
import { mergeParams, PRESETS } from '../../src/sim/presets';
import type { TraceEvent } from '../../src/sim/types';
import { specFor } from './spec';

type NodeState = Extract<TraceEvent, { type: 'node-state' }>;
const states = (trace: TraceEvent[], node: string) =>
  trace.filter((e): e is NodeState => e.type === 'node-state' && e.node === node).map((e) => [e.t, e.state]);

describe('lifecycle machines run on the simulated clock', () => {
  it('a crashed cache node is restarted by its supervisor exactly autoRestartMs later', () => {
    const params = mergeParams(PRESETS['redis-aof-everysec'].params, { server: { autoRestartMs: 7_000 }, cache: { failover: { mode: 'none' as const } } });
    const r = simulateRun(specFor('redis-aof-everysec', { params, faults: [{ atS: 5, fault: { kind: 'crash', node: 'a1' } }] }));
    const s = states(r.trace, 'a1');
    expect(s[0]).toEqual([5_000_000, 'down']);
    expect(s[1]).toEqual([12_000_000, 'loading']);
    expect(s[2][1]).toBe('serving');
  });

  it('a reboot keeps the node down for rebootMs', () => {
    const r = simulateRun(specFor('elasticache', { faults: [{ atS: 4, fault: { kind: 'reboot', node: 'primary' } }] }));
    const s = states(r.trace, 'a1');
    expect(s[0]).toEqual([4_000_000, 'rebooting']);
    expect(s[1]).toEqual([9_000_000, 'loading']);
  });

  it('elasticache promotes a replica after detection and moves the endpoint after promotion', () => {
    const r = simulateRun(specFor('elasticache', { faults: [{ atS: 5, fault: { kind: 'crash', node: 'primary' } }] }));
    const term = r.trace.find((e) => e.type === 'term' && e.cause === 'promotion');
    const endpoint = r.trace.find((e) => e.type === 'endpoint');
    expect(term).toBeDefined();
    // Health checks run each second, so detection ends 10–11 s after the crash.
    expect(term!.t).toBeGreaterThanOrEqual(15_000_000);
    expect(term!.t).toBeLessThanOrEqual(16_000_000);
    expect(endpoint!.t - term!.t).toBe(3_000_000);
  });

  it('memorydb elects a caught-up replica after the lease backoff, through the log', () => {
    const r = simulateRun(specFor('memorydb', { faults: [{ atS: 5, fault: { kind: 'crash', node: 'primary' } }] }));
    const term = r.trace.find((e) => e.type === 'term' && e.cause === 'election');
    expect(term).toBeDefined();
    // Backoff is 1.5 × the 2 s lease after the last renewal the replica saw (renewals every 2/3 s).
    expect(term!.t - 5_000_000).toBeGreaterThan(2_000_000);
    expect(term!.t - 5_000_000).toBeLessThan(4_000_000);
  });
});
