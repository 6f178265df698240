// Rules of a lesson block that depend on the rest of its scenario: times within the run, names of panes,
// nodes and components that exist, and a predict answer that points at one of its choices.
import { AZS } from '../sim/types';
import { foundExpected, type PathSegment, type RawIssue } from '../scenario/errors';
import { normalizeEntry } from '../scenario/preset-entry';
import type { ScenarioData } from '../scenario/schema';
import { nodeIds, ROLE_TARGETS } from '../scenario/topology';
import type { LessonData } from './schema';

/** Components of the picture a step can highlight besides nodes and panes. */
export const HIGHLIGHT_COMPONENTS = ['log', 'snapshot-store', 'clients', ...AZS.map((az) => `az-${az}`)] as const;

export function checkLesson(lesson: LessonData, data: ScenarioData): RawIssue[] {
  const { durationS, topology } = data;
  const entries = data.presets.map(normalizeEntry);
  const panes = [...new Set(entries.flatMap((e) => [e.label, e.preset]))];
  const highlights = [...HIGHLIGHT_COMPONENTS, ...nodeIds(topology), ...ROLE_TARGETS, ...panes];
  const issues: RawIssue[] = [];
  const listed = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');
  const pane = (path: PathSegment[], name: string | undefined) => {
    if (name !== undefined && !panes.includes(name)) {
      issues.push({ path, message: foundExpected(name, `a preset of this scenario: ${listed(panes)}`) });
    }
  };
  const within = (path: PathSegment[], seconds: number | undefined) => {
    if (seconds !== undefined && seconds > durationS) {
      issues.push({ path, message: foundExpected(seconds, `a time within the run (at most durationS = ${durationS})`) });
    }
  };

  lesson.steps.forEach((step, i) => {
    const at = ['lesson', 'steps', i];
    within([...at, 'at'], step.at);
    if (step.at !== undefined && step.until !== undefined) {
      issues.push({ path: [...at, 'until'], atKey: true, message: 'found both at and until; expected at most one place to pause' });
    }
    if (typeof step.until === 'object') {
      pane([...at, 'until', 'preset'], step.until.preset);
      if (step.until.event === 'time') within([...at, 'until', 'at'], step.until.at);
    }
    if (step.highlight !== undefined && !highlights.includes(step.highlight)) {
      issues.push({ path: [...at, 'highlight'], message: foundExpected(step.highlight, `one of ${listed(highlights)}`) });
    }
    if (step.predict && step.predict.answer >= step.predict.choices.length) {
      issues.push({
        path: [...at, 'predict', 'answer'],
        message: foundExpected(step.predict.answer, `the index of one of the ${step.predict.choices.length} choices (0 to ${step.predict.choices.length - 1})`),
      });
    }
    if (step.task) {
      const goals = Array.isArray(step.task.goal) ? step.task.goal : [step.task.goal];
      goals.forEach((goal, g) => {
        const path = Array.isArray(step.task!.goal) ? [...at, 'task', 'goal', g, 'preset'] : [...at, 'task', 'goal', 'preset'];
        pane(path, goal.preset);
      });
    }
  });
  return issues;
}
