// The lesson player as a pure state machine: next and back between steps, back within a step through the
// time machine, predict-then-reveal answers, task results, completion. No DOM and no clock: every action
// returns the new state plus, when the view must move, the simulated time to seek to. The UI applies that
// with TimeMachine.seek and keeps the state in a rune.
import type { LessonData, LessonStep } from './schema';
import type { LessonProgress } from './progress';

export interface PlayerState {
  /** Index of the current step. */
  step: number;
  stepCount: number;
  /** Choice picked per step index; picking reveals the answer, and the first pick stands. */
  answers: Readonly<Record<number, number>>;
  /** Steps whose task goals held on a check. */
  tasksPassed: readonly number[];
  /** The learner went past the last step. */
  completed: boolean;
  /** Simulated µs at which each visited step was entered, so back can return to it. */
  entries: Readonly<Record<number, number>>;
  /** Moments marked inside the current step, oldest first; back walks them before leaving the step. */
  marks: readonly number[];
}

export type PlayerAction =
  /** `nowUs`: where the clock is, used as the entry time of a step that sets no pause. */
  | { type: 'next'; nowUs: number }
  | { type: 'back'; nowUs: number }
  /** The learner played on inside the step and paused at tUs: back returns here first. */
  | { type: 'mark'; tUs: number }
  | { type: 'answer'; choice: number }
  | { type: 'task-checked'; passed: boolean }
  | { type: 'goto'; step: number; nowUs: number }
  | { type: 'restart' };

export interface PlayerResult {
  state: PlayerState;
  /** Where the view should seek, if it should move. */
  seekUs?: number;
}

export type PauseTimes = readonly (number | null)[];

/** A fresh player, or one resumed from saved progress (clamped to the lesson as it is now). */
export function startPlayer(lesson: Pick<LessonData, 'steps'>, pauses: PauseTimes, saved?: LessonProgress): PlayerResult {
  const stepCount = lesson.steps.length;
  const step = saved ? Math.min(Math.max(0, saved.step), stepCount - 1) : 0;
  const entry = pauses[step] ?? 0;
  const answers: Record<number, number> = {};
  for (const [k, v] of Object.entries(saved?.answers ?? {})) {
    const i = Number(k);
    const choices = lesson.steps[i]?.predict?.choices.length ?? 0;
    if (Number.isInteger(i) && v >= 0 && v < choices) answers[i] = v;
  }
  const state: PlayerState = {
    step,
    stepCount,
    answers,
    tasksPassed: (saved?.tasksPassed ?? []).filter((i) => lesson.steps[i]?.task !== undefined),
    completed: saved?.completed ?? false,
    entries: { [step]: entry },
    marks: [entry],
  };
  return { state, seekUs: entry };
}

/** Next is held back only by an unanswered prediction: the point is to commit before seeing. */
export function canNext(lesson: Pick<LessonData, 'steps'>, state: PlayerState): boolean {
  const step = lesson.steps[state.step];
  return !state.completed && (step?.predict === undefined || state.answers[state.step] !== undefined);
}

export function canBack(state: PlayerState): boolean {
  return state.marks.length > 1 || state.step > 0;
}

export function reduce(lesson: Pick<LessonData, 'steps'>, pauses: PauseTimes, state: PlayerState, action: PlayerAction): PlayerResult {
  switch (action.type) {
    case 'next': {
      if (!canNext(lesson, state)) return { state };
      if (state.step === state.stepCount - 1) return { state: { ...state, completed: true } };
      return enter(state, state.step + 1, pauses, action.nowUs);
    }
    case 'back': {
      if (state.marks.length > 1) {
        const marks = state.marks.slice(0, -1);
        return { state: { ...state, marks, completed: false }, seekUs: marks[marks.length - 1] };
      }
      if (state.step === 0) return { state };
      const prev = state.step - 1;
      const entry = state.entries[prev] ?? pauses[prev] ?? action.nowUs;
      return { state: { ...state, step: prev, marks: [entry], completed: false }, seekUs: entry };
    }
    case 'mark': {
      const last = state.marks[state.marks.length - 1];
      if (action.tUs === last) return { state };
      return { state: { ...state, marks: [...state.marks, action.tUs] } };
    }
    case 'answer': {
      const predict = lesson.steps[state.step]?.predict;
      const valid = predict !== undefined && Number.isInteger(action.choice) && action.choice >= 0 && action.choice < predict.choices.length;
      if (!valid || state.answers[state.step] !== undefined) return { state };
      return { state: { ...state, answers: { ...state.answers, [state.step]: action.choice } } };
    }
    case 'task-checked': {
      if (lesson.steps[state.step]?.task === undefined) return { state };
      const others = state.tasksPassed.filter((i) => i !== state.step);
      const tasksPassed = action.passed ? [...others, state.step].sort((a, b) => a - b) : others;
      return { state: { ...state, tasksPassed } };
    }
    case 'goto': {
      if (!Number.isInteger(action.step) || action.step < 0 || action.step >= state.stepCount) return { state };
      return enter(state, action.step, pauses, action.nowUs);
    }
    case 'restart':
      return startPlayer(lesson, pauses);
  }
}

function enter(state: PlayerState, step: number, pauses: PauseTimes, nowUs: number): PlayerResult {
  const entry = pauses[step] ?? nowUs;
  const seek = pauses[step] ?? undefined;
  return {
    state: { ...state, step, completed: false, entries: { ...state.entries, [step]: entry }, marks: [entry] },
    ...(seek === undefined ? {} : { seekUs: seek }),
  };
}

/** The revealed verdict of the current step's prediction, or null before the learner picks. */
export function revealed(step: Pick<LessonStep, 'predict'> | undefined, choice: number | undefined): { correct: boolean; answer: number } | null {
  if (!step?.predict || choice === undefined) return null;
  return { correct: choice === step.predict.answer, answer: step.predict.answer };
}

/** What to keep in the browser between visits: plain JSON, no simulated times. */
export function progressOf(state: PlayerState): LessonProgress {
  return {
    step: state.step,
    answers: Object.fromEntries(Object.entries(state.answers).map(([k, v]) => [k, v])),
    tasksPassed: [...state.tasksPassed],
    completed: state.completed,
  };
}
