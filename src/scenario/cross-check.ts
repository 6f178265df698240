// Rules that relate one field to another. They run only on data that already has the right shape.
import { checkLesson } from '../lesson/cross-check';
import { LIMITS } from './limits';
import { foundExpected, type RawIssue } from './errors';
import { normalizeEntry } from './preset-entry';
import type { ScenarioData } from './schema';
import { nodeIds, ROLE_TARGETS } from './topology';

export function crossCheck(data: ScenarioData): RawIssue[] {
  return [...checkTopology(data), ...checkVolume(data), ...checkLabels(data), ...checkFaults(data), ...checkExpect(data), ...checkLesson(data)];
}

function checkTopology({ topology }: ScenarioData): RawIssue[] {
  return topology.clients
    .map((az, i) => ({ az, i }))
    .filter(({ az, i }) => topology.clients.indexOf(az) !== i)
    .map(({ az, i }) => ({ path: ['topology', 'clients', i], message: foundExpected(az, 'each AZ listed once') }));
}

function checkVolume({ workload, durationS }: ScenarioData): RawIssue[] {
  const ops = (workload.writesPerSec + workload.readsPerSec) * durationS;
  if (ops <= LIMITS.maxOpsPerRun) return [];
  return [
    {
      path: ['workload'],
      atKey: true,
      message:
        `found (${workload.writesPerSec} writes/s + ${workload.readsPerSec} reads/s) × ${durationS} s = ` +
        `${Math.round(ops)} operations per preset; expected at most ${LIMITS.maxOpsPerRun} (lower the rates or durationS)`,
    },
  ];
}

function checkLabels({ presets }: ScenarioData): RawIssue[] {
  const firstIndex = new Map<string, number>();
  return presets.flatMap((entry, i) => {
    const { label } = normalizeEntry(entry);
    const first = firstIndex.get(label);
    if (first === undefined) {
      firstIndex.set(label, i);
      return [];
    }
    const path = typeof entry === 'object' && entry.label !== undefined ? ['presets', i, 'label'] : ['presets', i];
    return [
      {
        path,
        message: foundExpected(label, `a label different from presets[${first}] (give one of them a label:)`),
      },
    ];
  });
}

function checkFaults({ faults, durationS, topology }: ScenarioData): RawIssue[] {
  const ids = nodeIds(topology);
  const targets = topology.replicas.length > 0 ? [...ids, ...ROLE_TARGETS] : [...ids, 'primary'];
  return faults.flatMap((fault, i) => {
    const issues: RawIssue[] = [];
    if (fault.at > durationS) {
      issues.push({ path: ['faults', i, 'at'], message: foundExpected(fault.at, `a time within the run (at most durationS = ${durationS})`) });
    }
    if ('node' in fault && !targets.includes(fault.node)) {
      issues.push({ path: ['faults', i, 'node'], message: foundExpected(fault.node, `a node of this topology: ${targets.join(', ')}`) });
    }
    return issues;
  });
}

function checkExpect({ expect, presets }: ScenarioData): RawIssue[] {
  if (!expect) return [];
  const entries = presets.map(normalizeEntry);
  const names = [...new Set(entries.flatMap((e) => [e.label, e.preset]))];
  return Object.keys(expect)
    .filter((key) => !names.includes(key))
    .map((key) => ({
      path: ['expect', key],
      atKey: true,
      message: `found ${JSON.stringify(key)}, which is not among the presets; expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}`,
    }));
}
