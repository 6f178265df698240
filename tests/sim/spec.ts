// Small run specifications for simulation tests.
import { PRESETS } from '../../src/sim/presets';
import type { PresetId, RunSpec, ScheduledFault, Workload } from '../../src/sim/types';

export function specFor(preset: PresetId, over: Partial<Omit<RunSpec, 'workload'>> & { workload?: Partial<Workload> } = {}): RunSpec {
  const { workload, ...rest } = over;
  return {
    presetId: preset,
    label: PRESETS[preset].label,
    params: PRESETS[preset].params,
    topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'] },
    workload: { writesPerSec: 300, readsPerSec: 150, keys: 50, valueBytes: 100, incrFraction: 0.2, readFromReplicas: false, ...workload },
    faults: [] as ScheduledFault[],
    durationS: 30,
    seed: 7,
    ...rest,
  };
}
