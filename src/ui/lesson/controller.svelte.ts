// The lesson being followed, tied to the lab's session: loads the lesson's scenario into the panes, asks
// the worker where each step pauses, drives the pure player (src/lesson/player.ts) and applies the
// simulated times it returns (play on to a pause, or seek back through the time machine), keeps progress
// in localStorage and reports every step change to the host. Create it while a component initialises:
// it watches the session with effects.
import { untrack } from 'svelte';
import { loadedCurriculum } from '../../lesson/curriculum-loader';
import type { CurriculumEntry } from '../../lesson/curriculum';
import { parseMarkdown, plainText } from '../../lesson/markdown';
import { canBack, canNext, progressOf, reduce, startPlayer, type PlayerAction, type PlayerResult, type PlayerState } from '../../lesson/player';
import { lessonStatus, withLesson, type LessonProgress, type Progress } from '../../lesson/progress';
import type { LessonStep } from '../../lesson/schema';
import type { PaneView } from '../../sim/view';
import type { LabEventHandler } from '../events';
import type { Session } from '../session.svelte';
import { WorkerGone } from '../worker/gone';
import { checkTask, type TaskVerdict } from './goals';
import { marksFor, type Mark } from './highlight';
import type { KnobValues } from './knobs';
import { findLesson, LESSON_PARAM, lessonFromSearch } from './lesson-url';
import { browserStore, readProgress, writeProgress, type ProgressStore } from './storage';

/** How the clock reaches a step's pause: play on to it (forward), or jump there (back, resume). */
type Move = 'play' | 'seek';

export function lessonSourceName(id: string): string {
  return `scenarios/lessons/${id}.yaml`;
}

export class LessonController {
  readonly curriculum: readonly CurriculumEntry[];
  /** The lesson being followed, or null. */
  entry = $state.raw<CurriculumEntry | null>(null);
  /** Where each step pauses in the loaded run (µs), null per step without one; null while computing. */
  pauses = $state.raw<Array<number | null> | null>(null);
  player = $state.raw<PlayerState | null>(null);
  progress = $state.raw<Progress>({ version: 1, lessons: {} });
  listOpen = $state(false);
  /** A message for the learner: an unknown lesson in the address, storage refused, a bad knob value. */
  notice = $state('');
  /** The current step's task outcome, once checked. */
  verdict = $state.raw<TaskVerdict | null>(null);
  checking = $state(false);
  /** Loading the scenario or computing the pauses. */
  preparing = $state(false);
  /** The panes run a changed copy of the lesson's scenario (knobs edited for a task). */
  modified = $state(false);
  /** The scenario text to load first when the address names a lesson (App starts the session with it). */
  readonly startSource: { text: string; sourceName: string } | null = null;

  private text = '';
  private awaitingLoad = false;
  private seenScenario: unknown = null;
  private loadGen = 0;
  private wasPlaying = false;
  private summariesAtCheck: unknown = null;
  private storageWarned = false;
  private readonly store: ProgressStore | null;
  private readonly ownsAddress: boolean;
  private readonly onsource: (source: { text: string; sourceName: string }) => void;
  /** Where a lesson named by the lab's config opens: its step (from 1) and, optionally, the clock in it. */
  private startAt: { step?: number; tUs?: number } | null = null;

  constructor(
    private readonly session: Session,
    private readonly emit: LabEventHandler,
    options: {
      /** The page's query (`?lesson=<id>` opens a lesson); only for a lab that owns the address bar. */
      search?: string;
      /** Keep `?lesson=<id>` in the address while a lesson is open, so a reload comes back to it. */
      ownsAddress?: boolean;
      /** Told whenever the lesson puts a scenario text in the panes (share and export use it). */
      onsource?: (source: { text: string; sourceName: string }) => void;
      curriculum?: readonly CurriculumEntry[];
      store?: ProgressStore | null;
      /**
       * A lesson to open at start whatever the address says (an embed's `lesson` and `step`): at `step`
       * (from 1; saved progress is not used), then with the clock at `tUs` when given.
       */
      start?: { id: string; step?: number; tUs?: number };
    } = {},
  ) {
    this.ownsAddress = options.ownsAddress ?? false;
    this.onsource = options.onsource ?? (() => {});
    this.curriculum = options.curriculum ?? loadedCurriculum();
    this.store = options.store === undefined ? browserStore() : options.store;
    this.progress = readProgress(this.store);
    const asked = options.start ? findLesson(options.start.id, this.curriculum) : lessonFromSearch(options.search ?? '', this.curriculum);
    if (options.start) this.startAt = { step: options.start.step, tUs: options.start.tUs };
    if (asked && 'error' in asked) this.notice = asked.error;
    if (asked && 'entry' in asked) {
      this.prepare(asked.entry);
      this.startSource = { text: asked.entry.text, sourceName: lessonSourceName(asked.entry.id) };
    }

    // The effects only say what to watch; the work is in the sync* methods (also callable without effects).
    $effect(() => {
      void this.session.status;
      void this.session.scenario;
      void this.entry;
      untrack(() => this.syncLoad());
    });
    $effect(() => {
      void this.session.playing;
      untrack(() => this.syncPlaying());
    });
    $effect(() => {
      if (!this.checking) return;
      const s = this.session;
      void [s.status, s.busy, s.tUs, s.endUs, s.summaries, s.panes];
      untrack(() => this.syncCheck());
    });
  }

  /** A load finished: compute the lesson's pauses, or let go of the lesson if another scenario came in. */
  syncLoad(): void {
    const { status, scenario } = this.session;
    const entry = this.entry;
    if (entry && status === 'error' && this.preparing) {
      this.preparing = false;
      this.awaitingLoad = false;
      this.notice = 'The lesson could not start because the simulation failed (the message is below the bar). Other lessons and scenarios still work.';
    }
    if (!entry || status !== 'ready' || !scenario) return;
    if (scenario.id !== entry.id) {
      if (!this.awaitingLoad) this.close('The lesson was closed because another scenario was loaded. Its progress is kept.');
      return;
    }
    // Ours, or the same lesson reloaded from elsewhere (Setup): where the steps pause may have moved.
    if (this.awaitingLoad || scenario !== this.seenScenario) {
      this.awaitingLoad = false;
      this.seenScenario = scenario;
      this.preparing = true;
      this.computePauses(entry);
    }
  }

  /** The learner played on inside a step and paused: back returns to that moment first. */
  syncPlaying(): void {
    const playing = this.session.playing;
    if (this.wasPlaying && !playing && this.player && !this.preparing) this.dispatch({ type: 'mark', tUs: this.session.tUs });
    this.wasPlaying = playing;
  }

  /** A task check waits for fresh summaries at the end of the run, then judges them. */
  syncCheck(): void {
    const s = this.session;
    if (!this.checking || s.status !== 'ready' || s.busy || s.tUs < s.endUs || s.summaries === this.summariesAtCheck) return;
    const task = this.step?.task;
    const verdict = task ? checkTask(task.goal, s.panes, s.summaries, { tUs: s.tUs, endUs: s.endUs }) : null;
    if (!verdict || verdict.state !== 'checked') return;
    this.checking = false;
    this.verdict = verdict;
    this.dispatch({ type: 'task-checked', passed: verdict.passed });
  }

  get step(): LessonStep | undefined {
    return this.player ? this.entry?.scenario.lesson.steps[this.player.step] : undefined;
  }

  get canNext(): boolean {
    return !!this.entry && !!this.player && !this.preparing && canNext(this.entry.scenario.lesson, this.player);
  }

  get canBack(): boolean {
    return !!this.player && !this.preparing && canBack(this.player);
  }

  status(id: string): 'new' | 'started' | 'completed' {
    return lessonStatus(this.progress, id);
  }

  saved(id: string): LessonProgress | undefined {
    return Object.prototype.hasOwnProperty.call(this.progress.lessons, id) ? this.progress.lessons[id] : undefined;
  }

  openList(): void {
    this.progress = readProgress(this.store);
    this.listOpen = true;
  }

  /** Starts (or resumes) a lesson of the curriculum: its scenario replaces what the panes show. */
  open(id: string): void {
    const entry = this.curriculum.find((e) => e.id === id);
    if (!entry) return;
    this.notice = '';
    this.listOpen = false;
    this.startAt = null;
    this.prepare(entry);
    this.setAddress(entry.id);
    this.load();
  }

  /** Leaves the lesson; the panes keep its scenario as an ordinary one. */
  close(notice = ''): void {
    this.entry = null;
    this.player = null;
    this.pauses = null;
    this.verdict = null;
    this.checking = false;
    this.preparing = false;
    this.awaitingLoad = false;
    this.loadGen++;
    this.notice = notice;
    this.setAddress(null);
  }

  /** True when it moved (presenter remotes step the clock otherwise). */
  next(): boolean {
    if (!this.canNext) return false;
    this.dispatch({ type: 'next', nowUs: this.session.tUs }, 'play');
    return true;
  }

  back(): boolean {
    if (!this.canBack) return false;
    this.dispatch({ type: 'back', nowUs: this.session.tUs }, 'seek');
    return true;
  }

  restart(): void {
    this.dispatch({ type: 'restart' }, 'play');
  }

  answer(choice: number): void {
    this.dispatch({ type: 'answer', choice });
  }

  /** Runs the clock to the end of the run, then judges the task's goals on the summaries there. */
  check(): void {
    if (!this.step?.task || this.session.status !== 'ready') return;
    this.verdict = null;
    this.checking = true;
    this.summariesAtCheck = this.session.summaries;
    this.session.pause();
    this.session.seek(this.session.endUs);
  }

  /** Re-runs the lesson's scenario with these cache knobs on one pane (for a task). */
  applyKnobs(pane: number, values: Partial<KnobValues>): void {
    if (!this.entry) return;
    // The YAML editor loads when a lesson opens (prepare), long before a reader has set any knob.
    if (!this.knobsEdit) {
      const entry = this.entry;
      void this.loadKnobsEdit().then(() => this.entry === entry && this.knobsEdit && this.applyKnobs(pane, values), (error: unknown) => this.knobsFailed(error));
      return;
    }
    const entry = this.entry;
    let text: string;
    try {
      text = this.knobsEdit.withCacheKnobs(this.text, pane, values);
    } catch (error) {
      this.knobsFailed(error);
      return;
    }
    this.notice = '';
    this.text = text;
    this.modified = text !== entry.text;
    this.reload();
  }

  private knobsEdit: typeof import('./knobs-edit') | null = null;

  private loadKnobsEdit(): Promise<void> {
    return import('./knobs-edit').then((m) => void (this.knobsEdit = m));
  }

  private knobsFailed(error: unknown): void {
    this.notice = `The knobs could not be applied: ${error instanceof Error ? error.message : String(error)}.`;
  }

  /** Back to the lesson's own scenario text. */
  resetKnobs(): void {
    if (!this.entry) return;
    this.text = this.entry.text;
    this.modified = false;
    this.reload();
  }

  /** Outlines for pane i (empty when the current step highlights nothing there). */
  marks(i: number, view: Pick<PaneView, 'nodes' | 'log'>): Mark[] {
    const name = this.step?.highlight;
    const pane = this.session.panes[i];
    if (!name || !pane || this.preparing) return [];
    return marksFor(name, pane, this.session.panes, view);
  }

  private prepare(entry: CurriculumEntry): void {
    if (!this.knobsEdit) this.loadKnobsEdit().catch(() => undefined);
    this.entry = entry;
    this.text = entry.text;
    this.modified = false;
    this.player = null;
    this.pauses = null;
    this.verdict = null;
    this.checking = false;
    this.preparing = true;
    this.awaitingLoad = true;
    this.loadGen++;
  }

  private reload(): void {
    if (!this.entry) return;
    this.verdict = null;
    this.checking = false;
    this.preparing = true;
    this.awaitingLoad = true;
    this.loadGen++;
    this.load();
  }

  private load(): void {
    if (!this.entry) return;
    const source = { text: this.text, sourceName: lessonSourceName(this.entry.id) };
    this.onsource(source);
    this.session.load({ type: 'load', ...source }, false);
  }

  /** `?lesson=<id>` while a lesson is open, nothing of ours otherwise (the share bar keeps the rest). */
  private setAddress(id: string | null): void {
    if (!this.ownsAddress) return;
    try {
      const url = new URL(location.href);
      if (id === null && !url.searchParams.has(LESSON_PARAM)) return;
      url.search = id === null ? '' : `?${LESSON_PARAM}=${encodeURIComponent(id)}`;
      if (url.href !== location.href) history.replaceState(history.state, '', url.href);
    } catch {
      // An address the browser will not let us change: the lesson works regardless.
    }
  }

  private computePauses(entry: CurriculumEntry): void {
    const gen = ++this.loadGen;
    const steps = entry.scenario.lesson.steps.map((s) => ({ at: s.at, until: s.until }));
    this.session.lessonPauses(steps).then((pauses) => {
      if (gen !== this.loadGen || this.entry !== entry) return;
      this.pauses = pauses;
      this.preparing = false;
      const lesson = entry.scenario.lesson;
      if (this.player) {
        // Re-run after a change: stay on the step, at its pause in the new run.
        const entryUs = pauses[this.player.step] ?? 0;
        // Entry times of other steps belonged to the old run; back falls back to their new pauses.
        this.player = { ...this.player, entries: { [this.player.step]: entryUs }, marks: [entryUs] };
        this.session.seek(entryUs);
        return;
      }
      const at = this.startAt;
      this.startAt = null;
      if (at) {
        // Named by the lab's config: that step, fresh, and the clock where the config puts it.
        const result = startPlayer(lesson, pauses, { step: (at.step ?? 1) - 1, answers: {}, tasksPassed: [], completed: false });
        this.apply(result, at.tUs === undefined && result.state.step === 0 ? 'play' : 'seek', true);
        if (at.tUs !== undefined && at.tUs !== result.seekUs) {
          this.session.pause();
          this.session.seek(at.tUs);
          this.dispatch({ type: 'mark', tUs: at.tUs });
        }
        return;
      }
      const saved = this.saved(entry.id);
      // A finished lesson opens again from its first step; the list keeps showing it as completed.
      const resume = saved && !saved.completed ? saved : undefined;
      const result = startPlayer(lesson, pauses, resume);
      this.apply(result, result.state.step === 0 ? 'play' : 'seek', true);
    }, (error: unknown) => {
      // The worker was ended on the way (Cancel, or a failure): without its pauses the lesson cannot run.
      if (gen !== this.loadGen || this.entry !== entry) return;
      const cancelled = error instanceof WorkerGone && error.cancelled;
      this.close(cancelled ? 'The lesson was closed: finding where its steps pause was cancelled. Its progress is kept.' : 'The lesson was closed: the simulation failed while finding where its steps pause. Its progress is kept.');
    });
  }

  private dispatch(action: PlayerAction, move: Move = 'seek'): void {
    const entry = this.entry;
    if (!entry || !this.player || !this.pauses) return;
    if (this.preparing && action.type !== 'mark') return;
    this.apply(reduce(entry.scenario.lesson, this.pauses, this.player, action), move, false);
  }

  private apply(result: PlayerResult, move: Move, fresh: boolean): void {
    const entry = this.entry;
    if (!entry) return;
    const before = this.player;
    this.player = result.state;
    if (result.seekUs !== undefined) {
      if (move === 'play' && result.seekUs > this.session.tUs) this.session.playTo(result.seekUs);
      else {
        this.session.pause();
        this.session.seek(result.seekUs);
      }
    }
    if (fresh || !before || before.step !== result.state.step) {
      this.verdict = null;
      this.checking = false;
      const step = entry.scenario.lesson.steps[result.state.step];
      // `step` counts from 1, as "step n of m" reads.
      this.emit({ type: 'lesson-step', lesson: entry.id, step: result.state.step + 1, steps: result.state.stepCount, caption: plainText(parseMarkdown(step.caption)) });
    }
    if (result.state !== before) this.save(entry.id, result.state);
  }

  private save(id: string, state: PlayerState): void {
    const was = this.saved(id);
    const progress = progressOf(state);
    this.progress = withLesson(this.progress, id, { ...progress, completed: progress.completed || (was?.completed ?? false) });
    if (!writeProgress(this.store, this.progress) && !this.storageWarned) {
      this.storageWarned = true;
      this.notice = 'This browser did not let the page store your progress; the lesson works, but it will start over next time.';
    }
  }
}
