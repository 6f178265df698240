// The session against a stand-in for its worker: Cancel and a failed worker both start a new worker on the
// last state that ran well (its load request, its faults, its clock); a failure is reported, a cancel is
// not; answers that will not come are refused instead of hanging; frames asked of a previous scenario are
// not taken for the new one's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../src/ui/session.svelte';
import { WorkerGone } from '../../src/ui/worker/gone';
import type { LoadRequest, WorkerReply, WorkerRequest } from '../../src/ui/worker/protocol';

vi.mock('../../src/ui/worker/connection', () => {
  class FakeConnection {
    static all: FakeConnection[] = [];
    sent: WorkerRequest[] = [];
    closed = false;
    constructor(
      readonly reply: (r: WorkerReply) => void,
      readonly fail: (reason: string) => void,
    ) {
      FakeConnection.all.push(this);
    }
    send(r: WorkerRequest) {
      this.sent.push(r);
    }
    close() {
      this.closed = true;
    }
  }
  return { WorkerConnection: FakeConnection };
});

interface Fake {
  sent: WorkerRequest[];
  closed: boolean;
  reply: (r: WorkerReply) => void;
  fail: (reason: string) => void;
}

const connections = async (): Promise<Fake[]> => ((await import('../../src/ui/worker/connection')) as unknown as { WorkerConnection: { all: Fake[] } }).WorkerConnection.all;

const A: LoadRequest = { type: 'load', text: 'a', sourceName: 'a.yaml' };
const B: LoadRequest = { type: 'load', text: 'b', sourceName: 'b.yaml' };
let frames: FrameRequestCallback[] = [];

beforeEach(async () => {
  frames = [];
  (await connections()).length = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

/** One animation frame: the session sends at most one request. */
function tick(): void {
  const due = frames;
  frames = [];
  for (const cb of due) cb(performance.now());
}

function loaded(c: Fake, title = 'Scenario A'): void {
  const workload = { writesPerSec: 1, readsPerSec: 1, keys: 1, valueBytes: 1, readFromReplicas: false, incrFraction: 0 };
  c.reply({
    type: 'loaded',
    scenario: { id: title, title, description: '', seed: 1, durationS: 60, workload, presetIds: ['memorydb'], topology: { shards: 1, primary: 'a' }, faults: [] },
    panes: [],
    endUs: 60e6,
    bucketUs: 250_000,
  });
}

/** Answers every request the session sends until it has nothing left to ask. */
function settle(c: Fake): void {
  for (let i = 0; i < 20; i++) {
    const before = c.sent.length;
    tick();
    if (c.sent.length === before) return;
    const req = c.sent[c.sent.length - 1];
    if (req.type === 'frame') c.reply({ type: 'frame', id: req.id, tUs: req.targetUs, panes: [], computeMs: 1 });
    else if (req.type === 'inject') c.reply({ type: 'frame', id: req.id, tUs: req.tUs, panes: [], computeMs: 1 });
  }
}

/** A session on scenario A at 10 s with a crash injected there, then asked to seek far ahead (in flight). */
async function longSeek(): Promise<{ session: Session; first: Fake; far: Extract<WorkerRequest, { type: 'frame' }> }> {
  const session = new Session();
  session.contextOf = () => 'context of A';
  session.start(A);
  const [first] = await connections();
  loaded(first);
  settle(first);
  session.seek(10e6);
  settle(first);
  session.inject({ kind: 'crash', node: 'b1' });
  settle(first);
  session.seek(50e6);
  tick();
  const far = first.sent[first.sent.length - 1] as Extract<WorkerRequest, { type: 'frame' }>;
  expect(far).toMatchObject({ type: 'frame', targetUs: 50e6, exact: true });
  return { session, first, far };
}

describe('session', () => {
  it('shows the progress of a long request and cancels it back to the clock and faults before it', async () => {
    const { session, first, far } = await longSeek();
    first.reply({ type: 'progress', id: far.id, fraction: 0.3 });
    expect(session.progress).toEqual({ label: 'Computing the run up to 50.0 s', fraction: 0.3, cancellable: true });
    const failures: string[] = [];
    const restored: unknown[] = [];
    session.onfailure = (title) => failures.push(title);
    session.onrestore = (c) => restored.push(c);

    session.cancel();
    expect(first.closed).toBe(true);
    const second = (await connections())[1];
    expect(second.sent).toEqual([A]);
    expect(restored).toEqual(['context of A']);
    loaded(second);
    settle(second);
    expect(second.sent.filter((r) => r.type === 'inject')).toMatchObject([{ tUs: 10e6, fault: { kind: 'crash', node: 'b1' } }]);
    expect(session.tUs).toBe(10e6);
    expect(session.injected.map((f) => f.tUs)).toEqual([10e6]);
    expect(session.progress).toBeNull();
    expect(session.busy).toBe(false);
    expect(failures).toEqual([]); // a cancel is not a failure
  });

  it('cancelling the load of a new scenario goes back to the previous one, with its faults and clock', async () => {
    const { session, first, far } = await longSeek();
    first.reply({ type: 'frame', id: far.id, tUs: 50e6, panes: [], computeMs: 1 });
    session.seek(10e6);
    settle(first);
    session.contextOf = () => 'context of B';
    session.load(B, false, { tUs: 40e6 });
    loaded(first, 'Scenario B');
    tick();
    const seek = first.sent[first.sent.length - 1] as Extract<WorkerRequest, { type: 'frame' }>;
    expect(seek).toMatchObject({ targetUs: 40e6 });
    first.reply({ type: 'progress', id: seek.id, fraction: 0.1 });
    const restored: unknown[] = [];
    session.onrestore = (c) => restored.push(c);
    session.cancel();
    const second = (await connections())[1];
    expect(second.sent).toEqual([A]);
    expect(restored).toEqual(['context of A']);
    loaded(second);
    settle(second);
    expect(session.scenario?.title).toBe('Scenario A');
    expect(session.tUs).toBe(10e6);
    expect(session.injected.map((f) => [f.tUs, f.fault])).toEqual([[10e6, { kind: 'crash', node: 'b1' }]]);
  });

  it('a failed worker is reported and the last good state comes back; a second failure on the way back stops', async () => {
    const { session, first } = await longSeek();
    const failures: Array<[string, string]> = [];
    session.onfailure = (title, text) => failures.push([title, text]);
    first.fail('out of memory');
    expect(failures).toEqual([['The simulation stopped; the last run that worked is back', 'The simulation failed: out of memory.\nRestored: Scenario A at 10.000 s with the fault you injected.']]);
    const second = (await connections())[1];
    loaded(second);
    tick(); // the fault is on its way back
    // While restoring there is nothing further back to go to.
    const inject = second.sent[second.sent.length - 1] as Extract<WorkerRequest, { type: 'inject' }>;
    second.reply({ type: 'progress', id: inject.id, fraction: 0.5 });
    expect(session.progress).toMatchObject({ label: 'Restoring the previous run: computing the run up to the fault at 10.0 s', cancellable: false });
    session.cancel();
    expect(second.closed).toBe(false);

    second.fail('out of memory');
    expect(session.status).toBe('error');
    expect(session.error).toBe('Out of memory; the previous run could not be restored either.');
    expect(await connections()).toHaveLength(2);
  });

  it('refuses lesson pauses and trace hashes that will not come', async () => {
    const { session } = await longSeek();
    const pauses = session.lessonPauses([{ at: 1 }]);
    const hashes = session.traceHashes();
    session.progress = { label: 'x', fraction: 0.1, cancellable: true };
    session.cancel();
    await expect(pauses).rejects.toEqual(new WorkerGone(true));
    await expect(hashes).rejects.toBeInstanceOf(WorkerGone);
  });

  it('does not take a frame of the previous scenario for the new one', async () => {
    const session = new Session();
    session.start(A);
    const [c] = await connections();
    loaded(c);
    settle(c);
    session.seek(2e6);
    tick();
    const stale = c.sent[c.sent.length - 1] as Extract<WorkerRequest, { type: 'frame' }>;
    session.load(B, false);
    c.reply({ type: 'frame', id: stale.id, tUs: 2e6, panes: [], computeMs: 1 });
    expect(session.tUs).toBe(0);
    loaded(c, 'Scenario B');
    settle(c);
    expect(session.tUs).toBe(0);
    expect(session.scenario?.title).toBe('Scenario B');
  });
});
