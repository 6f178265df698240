import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { ScenarioError } from '../../src/scenario/errors';

const base = `title: t
durationS: 30
presets: [elasticache, memorydb]
lesson:
  minutes: 5
  summary: s
  steps:
`;

function problems(steps: string, head = base): string[] {
  try {
    parseScenario(head + steps, 'lesson.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('lesson block', () => {
  it('accepts every field, and the until shorthand and long form', () => {
    const s = parseScenario(
      base +
        `    - caption: "**hi**"
      sources: [P, R-REPL]
      until: failover
      highlight: az-a
    - caption: two
      until: { event: fault, kind: crash, preset: elasticache }
      predict: { question: q, choices: [a, b], answer: 1, explanation: e, sources: [J13] }
    - caption: three
      at: 12
      highlight: ElastiCache (async)
      task: { instruction: i, goal: [{ preset: elasticache, lostAcked: 0 }], allowedActions: [edit-knobs] }
`,
      'l.yaml',
    );
    expect(s.lesson?.steps).toHaveLength(3);
    expect(s.lesson?.steps[1].until).toEqual({ event: 'fault', kind: 'crash', preset: 'elasticache' });
  });

  it('scenarios without a lesson keep their old shape', () => {
    const s = parseScenario('title: t\ndurationS: 5\npresets: [memorydb]\n', 'x.yaml');
    expect('lesson' in s).toBe(false);
  });

  it.each([
    ['    - caption: c\n      sources: [P, WIKIPEDIA]\n', 'lesson.steps[0].sources[1]: found "WIKIPEDIA"; expected one of P, MDB-cons'],
    ['    - caption: c\n      until: first-lost-writes\n', 'lesson.steps[0].until: found "first-lost-writes"'],
    ['    - caption: c\n      until: { event: meteor }\n', 'lesson.steps[0].until.event'],
    ['    - caption: c\n      at: 31\n', 'lesson.steps[0].at: found 31; expected a time within the run (at most durationS = 30)'],
    ['    - caption: c\n      at: 3\n      until: failover\n', 'lesson.steps[0].until: found both at and until'],
    ['    - caption: c\n      highlight: z9\n', 'lesson.steps[0].highlight: found "z9"; expected one of "log", "snapshot-store", "clients", "az-a"'],
    ['    - caption: c\n      until: { event: failover, preset: redis-wait }\n', 'lesson.steps[0].until.preset: found "redis-wait"; expected a preset of this scenario'],
    ['    - caption: c\n      predict: { question: q, choices: [a, b], answer: 2, explanation: e }\n', 'lesson.steps[0].predict.answer: found 2; expected the index of one of the 2 choices'],
    ['    - caption: c\n      task: { instruction: i, goal: { preset: nope, lostAcked: 0 } }\n', 'lesson.steps[0].task.goal.preset: found "nope"'],
    ['    - caption: c\n      task: { instruction: i, goal: { preset: memorydb, lostAcked: 0 }, allowedActions: [hack] }\n', 'lesson.steps[0].task.allowedActions[0]: found "hack"'],
    ['    - caption: ""\n', 'lesson.steps[0].caption: found ""; expected non-empty text'],
    [`    - caption: "${'x'.repeat(2001)}"\n`, 'lesson.steps[0].caption: found "xxx'],
    ['    - caption: c\n      colour: red\n', 'lesson.steps[0].colour: unknown key "colour"'],
  ])('refuses %j with a clear message', (steps, message) => {
    expect(problems(steps).join('\n')).toContain(message);
  });

  it('caps the number of steps and the text lengths', () => {
    const many = Array.from({ length: 51 }, () => '    - caption: c\n').join('');
    expect(problems(many).join('\n')).toContain('lesson.steps: found');
    expect(problems(many).join('\n')).toContain('at most 50 items');
    expect(problems('    - caption: c\n', base.replace('summary: s', `summary: ${'y'.repeat(501)}`)).join('\n')).toContain('at most 500 characters');
    expect(problems('    - caption: c\n', base.replace('minutes: 5', 'minutes: 0')).join('\n')).toContain('lesson.minutes: found 0');
  });
});
