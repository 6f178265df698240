// The transaction log (model.md §2.2): one copy per AZ, an append commits once `logQuorum` copies have it
// (2 of 3 by default), commit times never go backwards, and an append names the term it belongs to, so a
// deposed primary can never get a write committed (a conditional append, as the paper's log service does).
import { canTalk, oneWayUs } from '../../network';
import { lognormalFactor } from '../../rng';
import { firstAbove } from '../../search';
import type { LogState, World } from '../../world';
import type { Simulation } from '../../engine';
import { LogCommit } from './events';
import type { DurableNode } from './node';

const ms = (x: number) => Math.round(x * 1000);
/** Spread of one copy's storage write around its median. [A] */
const STORAGE_SIGMA = 0.35;

/** Number of AZ log copies reachable from an AZ. */
export function copiesReachable(sim: Simulation, az: number): number {
  let c = 0;
  for (let x = 0; x < 3; x++) if (canTalk(sim.w, az, x)) c++;
  return c;
}

/** Entries committed by time t: commit times are non-decreasing, so a binary search from the last known. */
export function committedAt(log: LogState, t: number): number {
  return firstAbove(log.rows.commitT, t, log.committed, log.rows.length);
}

/**
 * The commit point moves by itself as time passes; nothing waits on it with an event (replies are sent at
 * their commit time when the append is accepted). Readers bring it up to date first.
 */
export function advanceCommitted(w: World): number {
  w.log.committed = committedAt(w.log, w.now);
  return w.log.committed;
}

// Each copy's acknowledgement delay is kept for pictures of the log (TxLog.copies) at 10 µs
// resolution, 17 bits per AZ copy in one number (51 bits), so a long log costs no extra objects. All ones:
// the copy was unreachable. Delays are capped at about 1.3 s.
const COPY_UNIT_US = 10;
const COPY_BITS = 2 ** 17;
const COPY_NONE = COPY_BITS - 1;
/** COPY_BITS ** az, looked up: the power operator is a library call per use. */
const COPY_PLACE = [1, COPY_BITS, COPY_BITS * COPY_BITS] as const;

/** The appender does not hold the log's current term (or a claimant has not applied every entry). */
export const REJECTED = -1;
/** Fewer copies reachable than the quorum: the append cannot even be sent. */
export const HELD = -2;

/**
 * Conditional append: accepted only if the appender still holds the log's current term (a claim: only if
 * the claimant has applied every entry). Returns the entry's index, REJECTED or HELD.
 */
export function append(sim: Simulation, n: DurableNode, kind: 0 | 1 | 2, write: number, term: number): number {
  const w = sim.w;
  const log = w.log;
  if (kind === 2 ? n.logApplied !== log.rows.length : term !== log.leaderTerm || log.leaderNode !== n.idx) return REJECTED;
  if (kind === 0 && sim.p.durable.groupCommitUs > 0) {
    const b = log.batch;
    const mine = b.node === n.idx && b.inc === n.inc && b.term === term;
    if (!mine || b.sendT < w.now) {
      // A new batch: it goes now, or once the batch before it has had its slot.
      const sendT = mine ? Math.max(w.now, b.sendT + Math.round(sim.p.durable.groupCommitUs)) : w.now;
      const quorum = quorumDelay(sim, n);
      if (quorum.us < 0) return HELD;
      b.node = n.idx;
      b.inc = n.inc;
      b.term = term;
      b.sendT = sendT;
      b.copies = quorum.copies;
      b.commitT = sendT + quorum.us;
    } else if (copiesReachable(sim, n.az) < sim.p.durable.logQuorum) return HELD;
    const commitT = Math.max(log.lastCommitT, b.commitT);
    log.lastCommitT = commitT;
    // Its copies' delays count from when the batch goes, so the row is sent then.
    return log.rows.append(kind, term, n.idx, n.inc, b.sendT, write, b.copies, commitT);
  }
  const quorum = quorumDelay(sim, n);
  if (quorum.us < 0) return HELD;
  const commitT = Math.max(log.lastCommitT, w.now + quorum.us);
  log.lastCommitT = commitT;
  const index = log.rows.append(kind, term, n.idx, n.inc, w.now, write, quorum.copies, commitT);
  if (kind === 2) {
    log.leaderTerm = term;
    log.leaderNode = n.idx;
  }
  if (kind !== 0) LogCommit.at(sim, commitT, index);
  return index;
}

/** Reused result of quorumDelay: appends are hot, and it is read at once. */
const QUORUM = { us: 0, copies: 0 };

/**
 * Time for each reachable AZ copy to have an entry sent now: a round trip to its AZ plus its storage
 * write. The commit is the quorum-th fastest of them (2 of 3 by default). us = −1: too few copies reachable.
 */
function quorumDelay(sim: Simulation, n: DurableNode): { us: number; copies: number } {
  const w = sim.w;
  const d = sim.p.durable;
  const net = sim.p.network;
  const storageMedianUs = Math.max(200, ms(d.logCommitMs - net.crossAzRttMs));
  let r0 = Infinity;
  let r1 = Infinity;
  let r2 = Infinity;
  let reachable = 0;
  let copies = 0;
  for (let x = 0; x < 3; x++) {
    if (!canTalk(w, n.az, x)) {
      copies += COPY_NONE * COPY_PLACE[x];
      continue;
    }
    reachable++;
    const rtt = 2 * oneWayUs(w.rng.network, net, n.az, x);
    const t = rtt + Math.round(storageMedianUs * lognormalFactor(w.rng.network, STORAGE_SIGMA));
    copies += Math.min(COPY_NONE - 1, Math.floor(t / COPY_UNIT_US)) * COPY_PLACE[x];
    if (t < r0) {
      r2 = r1;
      r1 = r0;
      r0 = t;
    } else if (t < r1) {
      r2 = r1;
      r1 = t;
    } else if (t < r2) r2 = t;
  }
  QUORUM.copies = copies;
  QUORUM.us = reachable < d.logQuorum ? -1 : d.logQuorum === 1 ? r0 : d.logQuorum === 2 ? r1 : r2;
  return QUORUM;
}

/** The log's intake is still busy with earlier writes (only with durable.logMiBps set). */
export function intakeBusy(sim: Simulation): boolean {
  return sim.p.durable.logMiBps > 0 && sim.w.log.intakeFreeT > sim.w.now;
}

/**
 * A write was handed to the log: its bytes (the command as a primary would propagate it, as the
 * replication stream counts them) keep the intake busy for bytes / logMiBps.
 */
export function takeIntake(sim: Simulation, k: number, isSet: boolean): void {
  const mib = sim.p.durable.logMiBps;
  if (mib <= 0) return;
  const bytes = 32 + sim.keyLength(k) + (isSet ? sim.load.valueBytes : 0);
  const log = sim.w.log;
  log.intakeFreeT = Math.max(log.intakeFreeT, sim.w.now) + (bytes * 1e6) / (mib * 1_048_576);
}

/** When the copy in AZ index `az` acknowledged the entry, µs after it was sent (rounded down), or null if it was unreachable. */
export function copyDelayUs(copies: number, az: number): number | null {
  const v = Math.floor(copies / COPY_PLACE[az]) % COPY_BITS;
  return v === COPY_NONE ? null : v * COPY_UNIT_US;
}
