// How the log-durable design is drawn: each node's position in the log, and the log itself with its AZ
// copies, its commit point and the entries on their way to the copies.
import { canTalk } from '../../network';
import { AZS } from '../../types';
import type { NodeBase } from '../../world';
import type { Simulation } from '../../engine';
import type { LogAppendView, LogView } from '../../view';
import { committedAt, copyDelayUs } from './log';
import { leads, type DurableNode } from './node';
import { visibleApplied } from './replicas';
import { heldCount } from './buffer';
import { bufferAgeUs } from './requests';

const MAX_APPENDS = 64;
/** Entries before the commit point looked at for a copy still on its way (bounds the cost at high rates). */
const MAX_LOOKBACK = 2000;
const LOG_KINDS = ['write', 'lease', 'claim'] as const;

/** A leader is at the commit point; a replica at what it has applied (without applying more). */
export function durablePosition(sim: Simulation, node: NodeBase): { offset: number; lagUs: number } {
  const w = sim.w;
  const n = node as DurableNode;
  const committed = committedAt(w.log, w.now);
  const primary = leads(n);
  const offset = primary ? committed : visibleApplied(sim, n);
  const lagUs = primary || offset >= committed ? 0 : Math.max(0, w.now - w.log.rows.commitT[offset]);
  return { offset, lagUs };
}

export function durableLogView(sim: Simulation): LogView {
  const w = sim.w;
  const committed = committedAt(w.log, w.now);
  const leaderIdx = w.log.leaderNode;
  const leader = w.nodes[leaderIdx] as DurableNode;
  return {
    durability: sim.p.durable.durability,
    buffer: { writes: heldCount(leader) + uncommittedWrites(sim, committed), oldestMs: Math.round(bufferAgeUs(sim, leader) / 1000), limitMs: sim.p.durable.bufferLimitMs },
    copies: AZS.map((az, i) => ({ az, reachable: canTalk(w, w.nodes[leaderIdx].az, i) })),
    length: w.log.rows.length,
    committed,
    leaderTerm: w.log.leaderTerm,
    leader: sim.nodeId(leaderIdx),
    quorum: sim.p.durable.logQuorum,
    ...appendsInMotion(sim, committed),
  };
}

/** Data rows appended and not yet committed. */
function uncommittedWrites(sim: Simulation, committed: number): number {
  const rows = sim.w.log.rows;
  let n = 0;
  for (let i = committed; i < rows.length; i++) if (rows.write[i] >= 0) n++;
  return n;
}

/** Log entries in motion at the simulation's instant: uncommitted ones, and committed ones a slow copy has yet to acknowledge. */
function appendsInMotion(sim: Simulation, committed: number): Pick<LogView, 'appends' | 'appending' | 'inbound'> {
  const { now, log } = sim.w;
  const appends: LogAppendView[] = [];
  const inbound = [0, 0, 0];
  let appending = 0;
  let first = committed;
  const rows = log.rows;
  for (let i = committed - 1; i >= 0 && committed - i <= MAX_LOOKBACK; i--) {
    if (rows.sentT[i] < now - 1_400_000) break;
    first = i;
  }
  for (let i = first; i < rows.length; i++) {
    const sentT = rows.sentT[i];
    let moving = rows.commitT[i] > now;
    const copyUs: Array<number | null> = [null, null, null];
    for (let x = 0; x < 3; x++) {
      const d = copyDelayUs(rows.copies[i], x);
      if (d === null) continue;
      copyUs[x] = sentT + d;
      if (sentT + d > now) {
        moving = true;
        inbound[x]++;
      }
    }
    if (!moving) continue;
    appending++;
    if (appends.length < MAX_APPENDS)
      appends.push({ index: i, kind: LOG_KINDS[rows.kind[i]], opId: rows.write[i] >= 0 ? sim.w.writes.w[rows.write[i]] : 0, from: sim.nodeId(rows.node[i]), sentUs: sentT, commitUs: rows.commitT[i], copyUs });
  }
  return { appends, appending, inbound };
}

