// Recovery time as clients experienced it. Each client AZ is judged on its own, since an outage may hit
// one AZ (an isolated primary's neighbours) and not the others; the RTO is the worst AZ's longest gap.
import { AZS, type AZ, type HistoryEvent } from '../sim/types';
import { byInvokeTime, collectOps, compareStrings, kindOf, type OpKind } from './ops';
import { usToMs } from './units';

export interface UnavailabilityWindow {
  az: AZ;
  startMs: number;
  endMs: number;
  /** false when the run ended before any request of this kind succeeded again. */
  recovered: boolean;
}

/**
 * A window opens at the invocation of the first request that failed or timed out after the last
 * success and closes at the invocation of the next request that succeeded. Invocation times on both
 * ends, so a timeout's waiting time counts once, at the start. Requests still pending at the end of
 * the run are ignored: nobody knows yet how they went.
 */
export function unavailabilityWindows(history: readonly HistoryEvent[], endUs: number, kind: OpKind): UnavailabilityWindow[] {
  const ops = collectOps(history)
    .filter((op) => kindOf(op.invoke.cmd) === kind && op.outcome !== null)
    .sort(byInvokeTime);
  const windows: UnavailabilityWindow[] = [];
  for (const az of AZS) {
    let openAt: number | null = null;
    for (const op of ops) {
      if (op.invoke.client !== az) continue;
      if (op.outcome!.type === 'ok') {
        if (openAt !== null && op.invoke.t > openAt) {
          windows.push({ az, startMs: usToMs(openAt), endMs: usToMs(op.invoke.t), recovered: true });
        }
        openAt = null;
      } else if (openAt === null) {
        openAt = op.invoke.t;
      }
    }
    if (openAt !== null && endUs > openAt) {
      windows.push({ az, startMs: usToMs(openAt), endMs: usToMs(endUs), recovered: false });
    }
  }
  return windows.sort((a, b) => a.startMs - b.startMs || compareStrings(a.az, b.az));
}

function longestMs(windows: readonly UnavailabilityWindow[]): number {
  let worst = 0;
  // Back to whole microseconds before subtracting, so float error cannot reach the result.
  for (const w of windows) worst = Math.max(worst, Math.round((w.endMs - w.startMs) * 1000));
  return usToMs(worst);
}

export function writeRtoMs(history: readonly HistoryEvent[], endUs: number): number {
  return longestMs(unavailabilityWindows(history, endUs, 'write'));
}

export function readRtoMs(history: readonly HistoryEvent[], endUs: number): number {
  return longestMs(unavailabilityWindows(history, endUs, 'read'));
}
