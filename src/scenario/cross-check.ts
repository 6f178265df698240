// Rules that relate one field to another. They run only on data that already has the right shape.
import { LIMITS } from './limits';
import { foundExpected, type RawIssue } from './errors';
import { normalizeEntry } from './preset-entry';
import type { ScenarioData } from './schema';
import { nodeIds, nodeTargetExpected } from './topology';
import { PRESETS } from '../sim/presets';
import { keysByShard } from '../sim/cluster/specs';
import type { RunSpec } from '../sim/types';
import { maxRequestRate } from '../sim/workload-rate';
import { BYTES_PER_OPERATION, runBytes, SCENARIO_MEMORY_BUDGET_BYTES } from '../sim/memory';

export function crossCheck(data: ScenarioData): RawIssue[] {
  return [...checkTopology(data), ...checkShards(data), ...checkVolume(data), ...checkMemory(data), ...checkLabels(data), ...checkFaults(data), ...checkExpect(data)];
}

/** Every shard of a cluster needs at least one of the keys, or it would have no workload. */
function checkShards({ topology, workload }: ScenarioData): RawIssue[] {
  const shards = topology.shards ?? 1;
  if (shards <= 1) return [];
  if (workload.keys < shards) {
    return [{ path: ['workload', 'keys'], message: foundExpected(workload.keys, `at least one key per shard (topology.shards = ${shards}), and more for an even spread`) }];
  }
  const byShard = keysByShard({ topology, workload } as RunSpec);
  const empty = byShard.findIndex((k) => k.length === 0);
  if (empty < 0) return [];
  return [{ path: ['workload', 'keys'], message: foundExpected(workload.keys, `enough keys that every shard owns one (none hashes to shard s${empty + 1}'s slots)`) }];
}

function checkTopology({ topology }: ScenarioData): RawIssue[] {
  const ids = nodeIds(topology);
  const priorities = Object.keys(topology.replicaPriority ?? {})
    .filter((id) => !ids.includes(id))
    .map((id) => ({ path: ['topology', 'replicaPriority', id], atKey: true, message: foundExpected(id, `a node of this topology: ${ids.join(', ')}`) }));
  return topology.clients
    .map((az, i) => ({ az, i }))
    .filter(({ az, i }) => topology.clients.indexOf(az) !== i)
    .map(({ az, i }): RawIssue => ({ path: ['topology', 'clients', i], message: foundExpected(az, 'each AZ listed once') }))
    .concat(priorities);
}

/**
 * The most requests a closed loop can send per second, in the pane that can send the most: its
 * connections' round trips and the nodes' CPUs bound it (sim/workload-rate.ts).
 */
function closedLoopRate({ workload, topology, presets }: ScenarioData): number {
  return Math.max(
    ...presets.map((entry) => {
      const e = normalizeEntry(entry);
      const o = e.overrides as { server?: { commandUs?: number }; network?: { intraAzRttMs?: number } };
      const p = PRESETS[e.preset].params;
      return maxRequestRate({
        workload,
        replicas: topology.replicas.length,
        commandUs: o.server?.commandUs ?? p.server.commandUs,
        intraAzRttMs: o.network?.intraAzRttMs ?? p.network.intraAzRttMs,
      });
    }),
  );
}

function checkVolume(data: ScenarioData): RawIssue[] {
  const { workload, durationS } = data;
  const loop = workload.closedLoop;
  const rate = loop ? closedLoopRate(data) : workload.writesPerSec + workload.readsPerSec;
  const ops = rate * durationS;
  if (ops <= LIMITS.maxOpsPerRun) return [];
  const what = loop
    ? `${loop.connections} connections × ${loop.pipeline} outstanding can send up to ${Math.round(rate).toLocaleString('en-US')} requests/s; × ${durationS} s`
    : `(${workload.writesPerSec} writes/s + ${workload.readsPerSec} reads/s) × ${durationS} s`;
  return [
    {
      path: ['workload'],
      atKey: true,
      message:
        `found ${what} = ${Math.round(ops)} operations per preset; expected at most ${LIMITS.maxOpsPerRun} ` +
        `(${loop ? 'fewer connections' : 'lower the rates'} or durationS)`,
    },
  ];
}

const mb = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-US')} MB`;

/**
 * What the panes would hold together (memory.ts), refused before anything runs: past it a browser tab
 * dies. The message names the numbers the estimate is made of. Values are not stored (only their sizes
 * count, in the model's timings), so the value size takes no memory.
 */
function checkMemory({ workload, durationS, topology, presets }: ScenarioData): RawIssue[] {
  const rate = workload.closedLoop ? closedLoopRate({ workload, durationS, topology, presets } as ScenarioData) : workload.writesPerSec + workload.readsPerSec;
  const operations = Math.ceil(rate * durationS * 1.01);
  const nodes = 1 + topology.replicas.length;
  const panes = presets.map((entry) => {
    const e = normalizeEntry(entry);
    const preset = PRESETS[e.preset].params;
    const timeoutMs = (e.overrides as { client?: { timeoutMs?: number } }).client?.timeoutMs ?? preset.client.timeoutMs;
    return runBytes({ operations, rate, keys: workload.keys, nodes, durable: preset.family === 'durable', timeoutS: timeoutMs / 1000 });
  });
  const total = panes.reduce((a, b) => a + b, 0);
  if (total <= SCENARIO_MEMORY_BUDGET_BYTES) return [];
  return [
    {
      path: ['workload'],
      atKey: true,
      message:
        `found ${presets.length} preset${presets.length === 1 ? '' : 's'} × ${operations.toLocaleString('en-US')} operations ` +
        `(× ${BYTES_PER_OPERATION} bytes) and ${workload.keys.toLocaleString('en-US')} keys × ${nodes} nodes, about ${mb(total)} to run; ` +
        `expected at most ${mb(SCENARIO_MEMORY_BUDGET_BYTES)} (fewer presets, lower rates, a shorter durationS or fewer keys)`,
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
  return faults.flatMap((fault, i) => {
    const issues: RawIssue[] = [];
    if (fault.at > durationS) {
      issues.push({ path: ['faults', i, 'at'], message: foundExpected(fault.at, `a time within the run (at most durationS = ${durationS})`) });
    }
    const expected = 'node' in fault ? nodeTargetExpected(topology, fault.node) : null;
    if ('node' in fault && expected) issues.push({ path: ['faults', i, 'node'], message: foundExpected(fault.node, expected) });
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
