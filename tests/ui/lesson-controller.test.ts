// The lesson controller against a stand-in for the session: what it loads, where it moves the clock
// (play on to a pause, seek back), the lesson-step events it reports, the progress it stores and resumes,
// and letting go of the lesson when another scenario is loaded. Node runs Svelte's server build, where
// effects do not run, so each test calls the sync* methods the controller's effects call on the page.
import { beforeAll, describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { loadCurriculum } from '../../src/lesson/curriculum-loader';
import { parseMarkdown, plainText } from '../../src/lesson/markdown';
import { parseProgress, PROGRESS_STORAGE_KEY } from '../../src/lesson/progress';
import type { LabEvent } from '../../src/ui/events';
import { LessonController } from '../../src/ui/lesson/controller.svelte';
import type { ProgressStore } from '../../src/ui/lesson/storage';
import type { Session } from '../../src/ui/session.svelte';
import type { LoadRequest, PauseStep } from '../../src/ui/worker/protocol';

const ID = '02-async-lag-window';
const entry = CURRICULUM.find((e) => e.id === ID)!;
const PAUSES = [10e6, 19.5e6, 19.9e6, 30e6];

class FakeSession {
  status: 'loading' | 'ready' | 'error' = 'loading';
  scenario: { id: string } | null = null;
  panes: Array<{ label: string; presetId: string }> = [];
  playing = false;
  tUs = 0;
  endUs = 40e6;
  busy = false;
  summaries: unknown[] = [];
  loads: LoadRequest[] = [];
  moves: string[] = [];
  asked: PauseStep[][] = [];

  load(req: LoadRequest): void {
    this.loads.push(req);
    this.status = 'loading';
  }
  /** The worker answered a load of `id`. */
  loaded(id: string): void {
    this.scenario = { id };
    this.panes = [
      { label: 'ElastiCache 5 ms behind', presetId: 'elasticache' },
      { label: 'ElastiCache 100 ms behind', presetId: 'elasticache' },
    ];
    this.status = 'ready';
  }
  pause(): void {
    this.playing = false;
  }
  seek(t: number): void {
    this.moves.push(`seek ${t / 1e6}`);
    this.tUs = t;
  }
  playTo(t: number): void {
    this.moves.push(`play to ${t / 1e6}`);
    this.playing = true;
  }
  /** Playback reached the pause it was asked to stop at. */
  arrive(t: number): void {
    this.tUs = t;
    this.playing = false;
  }
  lessonPauses(steps: PauseStep[]): Promise<Array<number | null>> {
    this.asked.push(steps);
    return Promise.resolve(PAUSES);
  }
}

function memoryStore(initial: string | null = null): ProgressStore & { value: string | null } {
  const store = {
    value: initial,
    getItem: (k: string) => (k === PROGRESS_STORAGE_KEY ? store.value : null),
    setItem: (k: string, v: string) => void (k === PROGRESS_STORAGE_KEY && (store.value = v)),
  };
  return store;
}

function setup(options: { search?: string; store?: ProgressStore & { value?: string | null } } = {}) {
  const session = new FakeSession();
  const events: LabEvent[] = [];
  const store: ProgressStore & { value?: string | null } = options.store ?? memoryStore();
  const lessons = new LessonController(session as unknown as Session, (e) => events.push(e), { search: options.search, store });
  /** What the page's effects do after a change: react to the session, then let the pauses promise settle. */
  const settle = async () => {
    lessons.syncLoad();
    lessons.syncPlaying();
    lessons.syncCheck();
    await Promise.resolve();
    await Promise.resolve();
    lessons.syncPlaying();
  };
  return { session, events, lessons, store, settle };
}

const caption = (i: number) => plainText(parseMarkdown(entry.scenario.lesson.steps[i].caption));


// The controller reads the curriculum the page has loaded (the app loads it before it starts).
beforeAll(() => loadCurriculum());

describe('lesson controller', () => {
  it('loads the lesson scenario, plays to the first pause and reports each step with its caption as text', async () => {
    const { session, events, lessons, settle } = setup();
    lessons.open(ID);
    expect(session.loads).toEqual([{ type: 'load', text: entry.text, sourceName: `scenarios/lessons/${ID}.yaml` }]);
    session.loaded(ID);
    await settle();
    expect(session.asked[0]).toHaveLength(4);
    expect(session.moves).toEqual(['play to 10']);
    expect(events).toEqual([{ type: 'lesson-step', lesson: ID, step: 1, steps: 4, caption: caption(0) }]);
    expect(events[0].type === 'lesson-step' && events[0].caption).not.toMatch(/\*\*/);

    session.arrive(10e6);
    await settle();
    expect(lessons.next()).toBe(true);
    expect(session.moves.at(-1)).toBe('play to 19.5');
    expect(events.at(-1)).toMatchObject({ step: 2, caption: caption(1) });
    session.arrive(19.5e6);
    await settle();
    // Step 2 asks for a prediction first.
    expect(lessons.canNext).toBe(false);
    expect(lessons.next()).toBe(false);
    lessons.answer(2);
    expect(lessons.canNext).toBe(true);
  });

  it('goes back inside a step to where the learner paused, then to the step before, by seeking', async () => {
    const { session, events, lessons, settle } = setup();
    lessons.open(ID);
    session.loaded(ID);
    await settle();
    session.arrive(10e6);
    await settle();
    lessons.next();
    session.arrive(19.5e6);
    await settle();
    // The learner plays on and pauses at 25 s.
    session.playing = true;
    await settle();
    session.arrive(25e6);
    await settle();
    expect(lessons.back()).toBe(true);
    expect(session.moves.at(-1)).toBe('seek 19.5');
    expect(lessons.player?.step).toBe(1);
    lessons.back();
    expect(session.moves.at(-1)).toBe('seek 10');
    expect(lessons.player?.step).toBe(0);
    expect(events.map((e) => e.type === 'lesson-step' && e.step)).toEqual([1, 2, 1]);
    expect(lessons.back()).toBe(false);
  });

  it('stores progress and resumes from it by seeking straight to the saved step', async () => {
    const first = setup();
    first.lessons.open(ID);
    first.session.loaded(ID);
    await first.settle();
    first.session.arrive(10e6);
    await first.settle();
    first.lessons.next();
    first.lessons.answer(0);
    const saved = parseProgress(first.store.value).lessons[ID];
    expect(saved).toEqual({ step: 1, answers: { '1': 0 }, tasksPassed: [], completed: false });

    const again = setup({ search: `?lesson=${ID}`, store: memoryStore(first.store.value) });
    expect(again.lessons.startSource?.sourceName).toBe(`scenarios/lessons/${ID}.yaml`);
    expect(again.session.loads).toEqual([]); // the lab starts its session with startSource itself
    again.session.loaded(ID);
    await again.settle();
    expect(again.lessons.player?.step).toBe(1);
    expect(again.lessons.player?.answers).toEqual({ 1: 0 });
    expect(again.session.moves).toEqual(['seek 19.5']);
    expect(again.lessons.status(ID)).toBe('started');
  });

  it('marks a lesson completed after its last step, and survives storage that refuses writes', async () => {
    const refusing: ProgressStore = {
      getItem: () => 'not json',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { session, lessons, settle } = setup({ store: refusing });
    expect(lessons.status(ID)).toBe('new');
    lessons.open(ID);
    session.loaded(ID);
    await settle();
    for (let i = 0; i < 4; i++) {
      lessons.answer(2);
      lessons.next();
    }
    expect(lessons.player?.completed).toBe(true);
    expect(lessons.status(ID)).toBe('completed');
    expect(lessons.notice).toMatch(/did not let the page store your progress/);
  });

  it('a simulation that fails while the lesson prepares ends the waiting with a notice', async () => {
    const { session, lessons, settle } = setup();
    lessons.open(ID);
    session.status = 'error';
    await settle();
    expect(lessons.preparing).toBe(false);
    expect(lessons.notice).toMatch(/could not start/);
  });

  it('an unknown ?lesson= id leaves a notice and no lesson; another scenario closes an open lesson', async () => {
    const bad = setup({ search: '?lesson=nope' });
    expect(bad.lessons.notice).toMatch(/"nope"/);
    expect(bad.lessons.startSource).toBeNull();
    expect(bad.lessons.entry).toBeNull();

    const { session, lessons, settle } = setup();
    lessons.open(ID);
    session.loaded(ID);
    await settle();
    expect(lessons.player).not.toBeNull();
    session.status = 'loading';
    await settle();
    session.loaded('primary-crash');
    await settle();
    expect(lessons.entry).toBeNull();
    expect(lessons.notice).toMatch(/another scenario was loaded/);
  });
});
