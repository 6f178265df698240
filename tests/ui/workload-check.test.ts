// Setup's workload fields: keys and value size within the scenario limits, and the per-preset operation
// limit, each refused with a message that names the field, what was typed and what is allowed.
import { describe, expect, it } from 'vitest';
import { checkWorkload, type WorkloadDraft } from '../../src/ui/controls/workload-check';
import { LIMITS } from '../../src/scenario/limits';

const draft = (over: Partial<WorkloadDraft> = {}): WorkloadDraft => ({ writesPerSec: 1000, readsPerSec: 500, keys: '1000', valueBytes: '100', durationS: 60, ...over });

describe('workload check', () => {
  it('accepts whole numbers within the limits', () => {
    expect(checkWorkload(draft())).toEqual({ ok: { keys: 1000, valueBytes: 100 } });
    expect(checkWorkload(draft({ keys: String(LIMITS.maxKeys), valueBytes: String(LIMITS.maxValueBytes) })).ok).toEqual({ keys: LIMITS.maxKeys, valueBytes: LIMITS.maxValueBytes });
    expect(checkWorkload(draft({ keys: ' 1 ', valueBytes: '1' })).ok).toEqual({ keys: 1, valueBytes: 1 });
  });

  it('refuses empty, non-numeric, fractional, too small and too large values with field-specific messages', () => {
    expect(checkWorkload(draft({ keys: '' })).keys).toBe('Keys: enter a whole number of keys from 1 to 1,000,000.');
    expect(checkWorkload(draft({ keys: 'lots' })).keys).toMatch(/^Keys: “lots” is not a number/);
    expect(checkWorkload(draft({ keys: '2.5' })).keys).toMatch(/^Keys: 2\.5 is not a whole number/);
    expect(checkWorkload(draft({ keys: '0' })).keys).toBe('Keys: 0 is too few; at least 1 key is needed.');
    expect(checkWorkload(draft({ keys: '2000000' })).keys).toBe('Keys: 2,000,000 keys is above the limit of 1,000,000.');
    expect(checkWorkload(draft({ valueBytes: '1048577' })).valueBytes).toBe('Value size: 1,048,577 bytes is above the limit of 1,048,576 (1 MiB).');
    expect(checkWorkload(draft({ valueBytes: '-3' })).valueBytes).toMatch(/^Value size: -3 is too few; at least 1 byte/);
    for (const bad of ['', '0', '1e9', 'x']) expect(checkWorkload(draft({ valueBytes: bad })).ok).toBeUndefined();
  });

  it('refuses rates × run length above the per-preset operation limit', () => {
    const c = checkWorkload(draft({ writesPerSec: 5000, readsPerSec: 5000, durationS: 600 }));
    expect(c.ok).toBeUndefined();
    expect(c.volume).toBe('(5,000 writes/s + 5,000 reads/s) × 600 s = 6,000,000 operations per preset, above the limit of 5,000,000: lower the rates or the run length.');
    expect(checkWorkload(draft({ writesPerSec: 5000, readsPerSec: 5000, durationS: 500 })).volume).toBeUndefined();
  });
});
