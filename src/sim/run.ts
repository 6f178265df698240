// One complete run of one preset: the entry point for the command line, tests and the Web Worker.
import { Simulation } from './engine';
import { lostWrites } from './lost';
import type { RunResult, RunSpec } from './types';
import { Cluster } from './cluster/cluster';
import { isCluster, shardName } from './cluster/specs';
import { LostWrites } from './lost-writes';

export function simulateRun(spec: RunSpec): RunResult {
  if (isCluster(spec)) {
    const cluster = new Cluster(spec);
    cluster.runToEnd();
    return resultOfCluster(cluster);
  }
  const sim = new Simulation(spec);
  sim.runToEnd();
  return resultOf(sim);
}

export function resultOf(sim: Simulation): RunResult {
  const log = sim.w.historyLog;
  return {
    spec: sim.spec,
    historyLog: log,
    trace: sim.w.trace,
    lost: lostWrites(sim),
    traceHash: sim.traceHash(),
    events: sim.w.events,
    endUs: sim.w.now,
  };
}

/** A cluster's result: each shard's, and the lost writes of all of them in the order of acknowledgement. */
export function resultOfCluster(cluster: Cluster): RunResult {
  const shards = cluster.runs.map(resultOf);
  const first = shards[0];
  return {
    spec: cluster.spec,
    historyLog: first.historyLog,
    trace: first.trace,
    lost: mergeLost(shards.map((s) => s.lost)),
    traceHash: cluster.traceHash(),
    events: cluster.events,
    endUs: cluster.now,
    shards,
  };
}

/**
 * Every shard's lost writes as one list, ordered by acknowledgement time, then shard. Operation ids are
 * each shard's own; the node is named with its shard (s2.b1).
 */
export function mergeLost(lists: readonly LostWrites[]): LostWrites {
  const total = lists.reduce((a, l) => a + l.length, 0);
  const order: Array<{ s: number; i: number; t: number }> = [];
  lists.forEach((l, s) => {
    for (let i = 0; i < l.length; i++) order.push({ s, i, t: l.ackedUsAt(i) });
  });
  order.sort((a, b) => a.t - b.t || a.s - b.s || a.i - b.i);
  const ids = new Int32Array(total);
  const acked = new Float64Array(total);
  order.forEach((o, j) => {
    ids[j] = lists[o.s].idAt(o.i);
    acked[j] = o.t;
  });
  return LostWrites.fromColumns(ids, acked, (j) => {
    const { s, i } = order[j];
    const w = lists[s].at(i);
    return { ...w, node: `${shardName(s)}.${w.node}`, reason: `shard ${shardName(s)}: ${w.reason}` };
  });
}
