// Shape of a scenario file's optional `lesson` block: a guided walk through the scenario. Only structure
// and per-field ranges live here, as in the scenario schema it extends (src/lesson/file.ts puts the two
// together); which names a highlight or a preset reference may use depends on the rest of the file, so
// those are checked in cross-check.ts.
import { z } from 'zod';
import { LIMITS } from '../scenario/limits';
import { AssertionsSchema, FAULT_KINDS, positive, whole } from '../scenario/schema';
import { SOURCE_KEYS } from './sources';

/**
 * Events a lesson step can pause on, each the first time it happens in a pane's run:
 * - time: the simulated clock reaches `at` seconds;
 * - fault: a fault fires (of `kind`, if given);
 * - failover: a replica becomes primary in a new term (cache promotion or durable election);
 * - first-lost-write: the acknowledgement of the earliest write the model later counts as lost;
 * - split-brain: two nodes start acknowledging writes over the same stretch of time;
 * - lease-expired: a durable primary could not renew its lease and stops serving;
 * - writes-refused: a primary starts refusing writes (min-replicas, node timeout, lease);
 * - full-resync: a replica has to copy the whole dataset again;
 * - restart: a primary comes back from its own disk (or from nothing) and starts a new term;
 * - restore-backup: the data is restored from the snapshot store.
 */
export const UNTIL_EVENTS = [
  'time',
  'fault',
  'failover',
  'first-lost-write',
  'split-brain',
  'lease-expired',
  'writes-refused',
  'full-resync',
  'restart',
  'restore-backup',
] as const;
export type UntilEvent = (typeof UNTIL_EVENTS)[number];

/** What a learner may change while a "try it" task is open; omitted means everything. */
export const TASK_ACTIONS = ['inject-fault', 'remove-fault', 'edit-knobs', 'choose-presets', 'change-seed', 'change-workload'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

const markdown = (max: number) => z.string().min(1).max(max).describe(`Text with **bold**, *em*, \`code\`, [links](https://…) and lists; at most ${max} characters.`);
const presetRef = z.string().min(1).max(LIMITS.maxLabelChars).describe('A preset of this scenario, by label or id.');
export const SourceListSchema = z
  .array(z.enum(SOURCE_KEYS))
  .max(LIMITS.maxSourcesPerItem)
  .describe('Keys of the sources behind the claims, shown in the "why?" panel.');

const pane = { preset: presetRef.optional().describe('Pane to watch, by label or id; omitted: whichever pane gets there first.') };
function untilEvent<E extends UntilEvent, S extends z.ZodRawShape>(event: E, shape: S) {
  return z.strictObject({ event: z.literal(event), ...pane, ...shape });
}
export const UntilSchema = z
  .union([
    z.enum(UNTIL_EVENTS.filter((e) => e !== 'time') as [Exclude<UntilEvent, 'time'>, ...Exclude<UntilEvent, 'time'>[]]),
    z.discriminatedUnion('event', [
      untilEvent('time', { at: z.number().min(0).max(LIMITS.maxDurationS).describe('Seconds after the start.') }),
      untilEvent('fault', { kind: z.enum(FAULT_KINDS).optional().describe('Only a fault of this kind.') }),
      untilEvent('failover', {}),
      untilEvent('first-lost-write', {}),
      untilEvent('split-brain', {}),
      untilEvent('lease-expired', {}),
      untilEvent('writes-refused', {}),
      untilEvent('full-resync', {}),
      untilEvent('restart', {}),
      untilEvent('restore-backup', {}),
    ]),
  ])
  .meta({ id: 'Until', description: 'Pause when this first happens: an event name, or { event, preset?, … }.' });

export const GoalSchema = AssertionsSchema.extend({ preset: presetRef }).describe(
  'The outcome the learner must reach in one pane, with the comparisons of `expect`: { preset: elasticache, lostAcked: 0 }.',
);

export const PredictSchema = z.strictObject({
  question: markdown(LIMITS.maxQuestionChars),
  choices: z.array(z.string().min(1).max(LIMITS.maxChoiceChars)).min(2).max(LIMITS.maxChoices),
  answer: whole(0, LIMITS.maxChoices - 1).describe('Index of the right choice, from 0.'),
  explanation: markdown(LIMITS.maxExplanationChars),
  sources: SourceListSchema.optional(),
});

export const TaskSchema = z.strictObject({
  instruction: markdown(LIMITS.maxInstructionChars),
  goal: z.union([GoalSchema, z.array(GoalSchema).min(1).max(LIMITS.maxGoalsPerTask)]).describe('Every goal must hold after the learner re-runs.'),
  allowedActions: z.array(z.enum(TASK_ACTIONS)).max(TASK_ACTIONS.length).optional(),
  sources: SourceListSchema.optional(),
});

export const LessonStepSchema = z.strictObject({
  caption: markdown(LIMITS.maxCaptionChars),
  sources: SourceListSchema.optional(),
  at: z.number().min(0).max(LIMITS.maxDurationS).optional().describe('Pause the simulation at this many seconds.'),
  until: UntilSchema.optional(),
  highlight: z
    .string()
    .min(1)
    .max(LIMITS.maxLabelChars)
    .optional()
    .describe('A node id (a1), primary, replica, log, snapshot-store, clients, an AZ (az-a), or a pane by preset label or id.'),
  predict: PredictSchema.optional(),
  task: TaskSchema.optional(),
});

export const LessonSchema = z
  .strictObject({
    order: whole(1, 999).optional().describe('Place in the curriculum, from 1.'),
    minutes: positive(600).describe('Estimated minutes to work through the lesson.'),
    summary: z.string().min(1).max(LIMITS.maxSummaryChars),
    steps: z.array(LessonStepSchema).min(1).max(LIMITS.maxLessonSteps),
  })
  .describe('A guided lesson over this scenario: captions, pauses, predictions and tasks.');

export type LessonData = z.output<typeof LessonSchema>;
export type LessonStep = z.output<typeof LessonStepSchema>;
export type Until = z.output<typeof UntilSchema>;
export type Goal = z.output<typeof GoalSchema>;
export type Predict = z.output<typeof PredictSchema>;
export type Task = z.output<typeof TaskSchema>;
