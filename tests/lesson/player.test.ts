import { describe, expect, it } from 'vitest';
import { canBack, canNext, progressOf, reduce, revealed, startPlayer, type PlayerState } from '../../src/lesson/player';
import { emptyProgress, lessonStatus, parseProgress, PROGRESS_STORAGE_KEY, serializeProgress, withLesson } from '../../src/lesson/progress';
import type { LessonData } from '../../src/lesson/schema';

const lesson: Pick<LessonData, 'steps'> = {
  steps: [
    { caption: 'intro', at: 5 },
    { caption: 'guess', predict: { question: 'q', choices: ['a', 'b', 'c'], answer: 1, explanation: 'e' } },
    { caption: 'crash', until: 'failover' },
    { caption: 'try', task: { instruction: 'i', goal: { preset: 'elasticache', lostAcked: 0 } } },
  ],
};
const pauses = [5e6, null, 30e6, null];

function run(state: PlayerState, ...actions: Parameters<typeof reduce>[3][]) {
  let s = state;
  let seek: number | undefined;
  for (const a of actions) {
    const r = reduce(lesson, pauses, s, a);
    s = r.state;
    seek = r.seekUs;
  }
  return { s, seek };
}

describe('lesson player', () => {
  it('starts at step 0 and seeks to its pause', () => {
    const { state, seekUs } = startPlayer(lesson, pauses);
    expect(state.step).toBe(0);
    expect(seekUs).toBe(5e6);
    expect(canBack(state)).toBe(false);
  });

  it('holds next until the prediction is answered; the first answer stands and reveals', () => {
    const { state } = startPlayer(lesson, pauses);
    let { s } = run(state, { type: 'next', nowUs: 7e6 });
    expect(s.step).toBe(1);
    expect(s.entries[1]).toBe(7e6); // no pause: entered where the clock was
    expect(canNext(lesson, s)).toBe(false);
    expect(run(s, { type: 'next', nowUs: 7e6 }).s.step).toBe(1);
    ({ s } = run(s, { type: 'answer', choice: 9 }));
    expect(s.answers[1]).toBeUndefined();
    ({ s } = run(s, { type: 'answer', choice: 2 }, { type: 'answer', choice: 1 }));
    expect(s.answers[1]).toBe(2);
    expect(revealed(lesson.steps[1], s.answers[1])).toEqual({ correct: false, answer: 1 });
    expect(canNext(lesson, s)).toBe(true);
  });

  it('back walks marks inside a step before leaving it, seeking each time', () => {
    const { state } = startPlayer(lesson, pauses);
    let { s, seek } = run(state, { type: 'next', nowUs: 5e6 }, { type: 'answer', choice: 1 }, { type: 'next', nowUs: 5e6 });
    expect(s.step).toBe(2);
    expect(seek).toBe(30e6);
    ({ s } = run(s, { type: 'mark', tUs: 33e6 }, { type: 'mark', tUs: 36e6 }));
    ({ s, seek } = run(s, { type: 'back', nowUs: 36e6 }));
    expect([s.step, seek]).toEqual([2, 33e6]);
    ({ s, seek } = run(s, { type: 'back', nowUs: 33e6 }));
    expect([s.step, seek]).toEqual([2, 30e6]);
    ({ s, seek } = run(s, { type: 'back', nowUs: 30e6 }));
    expect([s.step, seek]).toEqual([1, 5e6]);
  });

  it('records task results and completes after the last step', () => {
    const { state } = startPlayer(lesson, pauses);
    let { s } = run(state, { type: 'goto', step: 3, nowUs: 40e6 }, { type: 'task-checked', passed: false });
    expect(s.tasksPassed).toEqual([]);
    ({ s } = run(s, { type: 'task-checked', passed: true }, { type: 'next', nowUs: 40e6 }));
    expect(s.tasksPassed).toEqual([3]);
    expect(s.completed).toBe(true);
    expect(canNext(lesson, s)).toBe(false);
    expect(run(s, { type: 'goto', step: 99, nowUs: 0 }).s.step).toBe(3);
  });

  it('saves progress as plain JSON and resumes from it, clamped to the lesson', () => {
    const { state } = startPlayer(lesson, pauses);
    const { s } = run(state, { type: 'next', nowUs: 0 }, { type: 'answer', choice: 1 }, { type: 'next', nowUs: 0 });
    const stored = serializeProgress(withLesson(emptyProgress(), '01-acknowledged', progressOf(s)));
    expect(typeof PROGRESS_STORAGE_KEY).toBe('string');
    const back = parseProgress(stored);
    expect(lessonStatus(back, '01-acknowledged')).toBe('started');
    expect(lessonStatus(back, 'other')).toBe('new');
    const resumed = startPlayer(lesson, pauses, back.lessons['01-acknowledged']);
    expect(resumed.state.step).toBe(2);
    expect(resumed.seekUs).toBe(30e6);
    expect(resumed.state.answers[1]).toBe(1);
    const clamped = startPlayer(lesson, pauses, { step: 40, answers: { '1': 7, '0': 1 }, tasksPassed: [0, 3], completed: false });
    expect([clamped.state.step, clamped.state.answers, clamped.state.tasksPassed]).toEqual([3, {}, [3]]);
  });

  it('treats stored garbage as no progress', () => {
    for (const bad of [null, '', 'not json', '{"version":2,"lessons":{}}', '{"version":1,"lessons":{"x":{"step":-1}}}', 'x'.repeat(70_000)]) {
      expect(parseProgress(bad)).toEqual(emptyProgress());
    }
    const proto = parseProgress('{"version":1,"lessons":{"__proto__":{"step":1,"answers":{},"tasksPassed":[],"completed":true}}}');
    expect(({} as Record<string, unknown>).step).toBeUndefined();
    expect(Object.getPrototypeOf(proto.lessons) === null || Object.getPrototypeOf(proto.lessons) === Object.prototype).toBe(true);
    expect(['new', 'completed']).toContain(lessonStatus(proto, '__proto__'));
  });
});
