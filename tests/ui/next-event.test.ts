// Next goes to the next logged event of any pane, computing ahead as far as that takes, and lands on its
// instant exactly: from 20.5 s in the default scenario it is the first line the complete run's event log
// has after 20.5 s, whether or not the panes were computed that far before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import { moveAll, nextEventAfter } from '../../src/ui/worker/move';

const file = 'scenarios/primary-crash.yaml';
const specs = resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
const BUCKET = 250_000;
const none = () => {};

function runners() {
  return specs.map((s, i) => new PaneRunner(s, i, BUCKET));
}

/** Every logged event of every pane, from runs computed to their end. */
function wholeLog(): number[] {
  const panes = runners();
  moveAll(panes, panes[0].tm.endUs, none);
  return panes.flatMap((p) => p.observer.log.map((l) => l.tUs)).sort((a, b) => a - b);
}

describe('Next', () => {
  const log = wholeLog();

  it('from 20.5 s lands on the first event after it, computed ahead, not a second later', () => {
    const panes = runners();
    moveAll(panes, 20.5e6, none);
    const expected = log.find((t) => t > 20.5e6)!;
    const to = nextEventAfter(panes, 20.5e6, none);
    expect(to).toBe(expected);
    expect(to).not.toBe(21.5e6);
    moveAll(panes, to, none);
    expect(panes.every((p) => p.now === to)).toBe(true);
    // That event is in the log the page is then shown.
    expect(panes.some((p) => p.observer.log.some((l) => l.tUs === to))).toBe(true);
  });

  it('visits every event in order, stepping from each landing, the same as the whole run lists them', () => {
    const panes = runners();
    const visited: number[] = [];
    let t = 0;
    for (;;) {
      const to = nextEventAfter(panes, t, none);
      moveAll(panes, to, none);
      if (to === t || to >= panes[0].tm.endUs) break;
      visited.push(to);
      t = to;
    }
    expect(visited).toEqual([...new Set(log)].filter((x) => x < panes[0].tm.endUs));
    expect(visited.length).toBeGreaterThan(3);
  });

  it('goes to the end of the run when nothing more happens', () => {
    const panes = runners();
    const last = log.at(-1)!;
    moveAll(panes, last, none);
    expect(nextEventAfter(panes, last, none)).toBe(panes[0].tm.endUs);
  });

  it('finds the event when the panes had been computed far past it and scrubbed back', () => {
    const panes = runners();
    moveAll(panes, 50e6, none);
    moveAll(panes, 20.5e6, none);
    expect(nextEventAfter(panes, 20.5e6, none)).toBe(log.find((t) => t > 20.5e6));
  });
});
