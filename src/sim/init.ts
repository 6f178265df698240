// Builds the world at t = 0: nodes named by AZ and index ("a1" is the first node in AZ a), the primary
// first, every node serving and in sync, clients connected to the endpoint.
import type { Digest } from './hash';
import type { Heap } from './heap';
import { AckLog, HistoryLog } from './history';
import { TxLog } from './txlog';
import { WriteLog } from './writes';
import { emptyDataset, emptyDirty } from './dataset';
import { initialSlot } from './machines/driver';
import { cacheNodeMachine } from './machines/cache-node';
import { durableNodeMachine } from './machines/durable-node';
import { failoverMachine } from './machines/failover-control';
import type { Rng } from './rng';
import { AZS, type AZ, type RunSpec } from './types';
import type { Ev, NodeRec, World } from './world';
import type { AnyStateMachine } from 'xstate';

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
  return (spec.workload.writesPerSec + spec.workload.readsPerSec) * spec.durationS;
}

function historyCapacity(spec: RunSpec): { rows: number; ops: number } {
  const ops = Math.ceil(1.01 * expectedRequests(spec)) + 1024;
  return { rows: 2 * ops, ops };
}

/** Keys below this index are counters (INCR), the rest plain values (SET). */
export function counterKeyCount(spec: RunSpec): number {
  return Math.round(spec.workload.incrFraction * spec.workload.keys);
}

/** Rows the write-indexed tables will need (acknowledgements, the write table, the log); see historyCapacity. */
function writeCapacity(spec: RunSpec): number {
  return Math.ceil(spec.workload.writesPerSec * spec.durationS * 1.01) + 1024;
}

export function initWorld(
  spec: RunSpec,
  rng: World['rng'],
  digest: Digest,
  heap: Heap<Ev>,
): World {
  const p = spec.params;
  const durable = p.family === 'durable';
  const azs = [spec.topology.primary, ...spec.topology.replicas];
  const ids = nodeIds(spec.topology.primary, spec.topology.replicas);
  const n = azs.length;
  const capacity = historyCapacity(spec);
  const nodes: NodeRec[] = azs.map((az, idx) => {
    const primary = idx === 0;
    const slot = durable
      ? initialSlot(durableNodeMachine as unknown as AnyStateMachine, { rebootMs: p.server.rebootMs }, primary ? 'primary' : 'caughtUp')
      : initialSlot(cacheNodeMachine as unknown as AnyStateMachine, {
          autoRestartMs: p.server.autoRestartMs,
          rebootMs: p.server.rebootMs,
          replaceHostMs: p.server.replaceHostMs,
        });
    return {
      id: ids[idx],
      idx,
      az: AZS.indexOf(az),
      slot,
      inc: 0,
      deathT: -1,
      deathWasHost: false,
      role: primary ? 'primary' : 'replica',
      term: 1,
      data: emptyDataset(spec.workload.keys),
      busyUntil: 0,
      stream: 0,
      applied: 0,
      offset: 0,
      upstream: primary ? -1 : 0,
      conn: primary ? 0 : idx,
      link: primary ? 'down' : 'online',
      lastArrival: 0,
      linkDelayUs: 0,
      linkStalled: false,
      ackOffset: new Array<number>(n).fill(0),
      // Replicas start in sync, as if they had just acknowledged; −1 means "never acknowledged".
      ackT: new Array<number>(n).fill(primary ? 0 : -1),
      goodReplicas: primary ? n - 1 : 0,
      cutOffSince: -1,
      writesRefused: '',
      aofWritten: 0,
      aofFsynced: 0,
      fsyncBusy: false,
      fsyncStartT: 0,
      fsyncStallUntil: 0,
      fsyncWaiters: [],
      connInc: 0,
      rdb: null,
      rdbChanges: 0,
      diskLost: false,
      pageCacheLost: false,
      waitOps: [],
      logApplied: 0,
      leaseUntil: primary ? Math.round(p.durable.leaseMs * 1000) : 0,
      lastRenewSeen: 0,
      dirty: durable ? emptyDirty(spec.workload.keys) : new Int32Array(0),
      held: [],
      followSince: 0,
      readWaiters: [],
    };
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
    azIsolated: [false, false, false],
    powerOff: false,
    historyLog: new HistoryLog(ids, capacity.rows, counterKeyCount(spec), capacity.ops),
    acks: new AckLog(writeCapacity(spec)),
    trace: [],
    digest,
    nextOp: 1,
    nextTerm: 2,
    nextToken: 0,
    nextConn: n + 1,
    endpoint: 0,
    primary: 0,
    control: durable
      ? null
      : initialSlot(failoverMachine as unknown as AnyStateMachine, {
          detectionMs: p.cache.failover.detectionMs,
          promotionMs: p.cache.failover.promotionMs,
        }, p.cache.failover.mode === 'none' ? 'disabled' : 'watching'),
    writes: new WriteLog(writeCapacity(spec), !durable),
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
      rows: new TxLog(durable ? writeCapacity(spec) : 0),
      committed: 0,
      leaderTerm: 1,
      leaderNode: 0,
      lastCommitT: 0,
      snapshotIndex: 0,
    },
    events: 0,
  };
}
