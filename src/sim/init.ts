// Builds the world at t = 0: nodes named by AZ and index ("a1" is the first node in AZ a), the primary
// first, every node serving and in sync, clients connected to the endpoint. Each node's record is its
// design's (designs/<design>/node.ts), made from the fields every design shares.
import { expectedRequestRate, type RateInputs } from './workload-rate';
import type { Digest } from './hash';
import type { Heap } from './heap';
import { AckLog, HistoryLog } from './history';
import { TxLog } from './txlog';
import { WriteLog } from './writes';
import { emptyDataset } from './dataset';
import { AZS, type AZ, type RunSpec } from './types';
import type { Ev, NodeBase, World } from './world';
import type { Design } from './designs/design';

/** Node ids for a topology: the primary counts first within its AZ, then replicas in list order. */
export function nodeIds(primary: AZ, replicas: AZ[]): string[] {
  const count: Record<string, number> = { a: 0, b: 0, c: 0 };
  return [primary, ...replicas].map((az) => `${az}${++count[az]}`);
}

/**
 * Rows and operations the history will need (an invocation and an outcome per request), so its columns
 * are made once, at their final size: grown by doubling, the last copy alone held the old and the new
 * columns at once, and left up to half of the new ones unused. Arrivals are Poisson, so a percent above
 * the expected count (far beyond its spread) plus a margin is room enough; the columns still grow if not.
 */
export function expectedRequests(spec: RunSpec): number {
  return expectedRequestRate(rateInputs(spec)) * spec.durationS;
}

function rateInputs(spec: RunSpec): RateInputs {
  return { workload: spec.workload, replicas: spec.topology.replicas.length, commandUs: spec.params.server.commandUs, intraAzRttMs: spec.params.network.intraAzRttMs };
}

function historyCapacity(spec: RunSpec): { rows: number; ops: number } {
  const ops = Math.ceil(1.01 * expectedRequests(spec)) + 1024;
  return { rows: 2 * ops, ops };
}

/** Keys below this index are counters (INCR), the rest plain values (SET). */
export function counterKeyCount(spec: RunSpec): number {
  const shard = spec.shard;
  if (shard === undefined) return Math.round(spec.workload.incrFraction * spec.workload.keys);
  let n = 0;
  while (n < shard.keys.length && shard.keys[n] < shard.counterKeysAll) n++;
  return n;
}

/** How many of the scenario's keys are counters: what key names are built from (history.ts workloadKeyName). */
export function namingCounterKeys(spec: RunSpec): number {
  return spec.shard === undefined ? counterKeyCount(spec) : spec.shard.counterKeysAll;
}

/** Rows the write-indexed tables will need (acknowledgements, the write table, the log); see historyCapacity. */
function writeCapacity(spec: RunSpec): number {
  const wl = spec.workload;
  const rate = wl.closedLoop ? expectedRequestRate(rateInputs(spec)) * (wl.writeFraction ?? 0.5) : wl.writesPerSec;
  return Math.ceil(rate * spec.durationS * 1.01) + 1024;
}

export function initWorld(
  spec: RunSpec,
  design: Design,
  rng: World['rng'],
  digest: Digest,
  heap: Heap<Ev>,
): World {
  const azs = [spec.topology.primary, ...spec.topology.replicas];
  const ids = nodeIds(spec.topology.primary, spec.topology.replicas);
  const n = azs.length;
  const capacity = historyCapacity(spec);
  const nodes: NodeBase[] = azs.map((az, idx) => {
    const primary = idx === 0;
    const base: NodeBase = {
      id: ids[idx],
      idx,
      az: AZS.indexOf(az),
      slot: design.initialSlot(spec, primary),
      inc: 0,
      deathT: -1,
      deathWasHost: false,
      term: 1,
      data: emptyDataset(spec.workload.keys),
      busyUntil: 0,
      linkDelayUs: 0,
      linkStalled: false,
      writesRefused: '',
    };
    return design.newNode(spec, base, primary, n);
  });
  // A plain object literal, nothing more: every world then has the same hidden class, so the engine's
  // optimised code carries over from one run (or one restored checkpoint) to the next. Giving worlds a
  // prototype of their own made each new world a new shape, and every run paid for recompiling the engine.
  return {
    now: 0,
    heap,
    lines: nodes.map(() => ({ waiting: [], head: 0, queued: false, lastT: 0 })),
    arrivalT: -1,
    arrivalSeq: 0,
    rng,
    nodes,
    clients: spec.topology.clients.map((az) => ({
      az: AZS.indexOf(az),
      target: 0,
      pending: [],
      head: 0,
      timerArmed: false,
    })),
    azDown: [false, false, false],
    azGen: [0, 0, 0],
    azIsolated: [false, false, false],
    powerOff: false,
    historyLog: new HistoryLog(ids, capacity.rows, namingCounterKeys(spec), capacity.ops, spec.shard?.keys ?? null),
    acks: new AckLog(writeCapacity(spec)),
    trace: [],
    digest,
    nextOp: 1,
    nextTerm: 2,
    nextToken: 0,
    nextConn: n + 1,
    endpoint: 0,
    primary: 0,
    control: design.initialControl(spec),
    writes: new WriteLog(writeCapacity(spec), design.writesInStreams, design.writesInLog),
    streams: [
      {
        id: 0,
        parent: -1,
        base: 0,
        baseOffset: 0,
        entries: [],
        term: 1,
        cause: 'initial',
        why: 'initial primary',
        t: 0,
        node: 0,
      },
    ],
    backups: [],
    log: {
      rows: new TxLog(design.logCapacity(spec, writeCapacity(spec))),
      committed: 0,
      leaderTerm: 1,
      leaderNode: 0,
      lastCommitT: 0,
      snapshotIndex: 0,
      snapshotT: 0,
      intakeFreeT: 0,
      batch: { node: -1, inc: 0, term: 0, sendT: -1, copies: 0, commitT: 0 },
    },
    events: 0,
  };
}
