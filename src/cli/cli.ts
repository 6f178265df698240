// `npm run sim` without the process around it: the runner and the output streams are passed in, so the
// whole command can be tested with a fake runner and hand-made summaries.
import { ScenarioError } from '../scenario/errors';
import { selectPresets, type Scenario } from '../scenario/load';
import type { RunScenarioOptions, ScenarioOutcome } from '../scenario/run-scenario';
import { ArgsError, parseArgs, USAGE, type SimArgs } from './args';
import { formatJson } from './format-json';
import { formatTable } from './format-table';
import { printableLines } from './printable';

export const EXIT = {
  ok: 0,
  /** The runs finished but some scenario expectation did not hold. */
  expectFailed: 1,
  /** Bad arguments or a bad scenario file; nothing was run. */
  badInput: 2,
  /** The simulator itself failed: a bug, reported with its stack. */
  internal: 3,
} as const;

export interface CliDeps {
  loadScenario(path: string): Scenario;
  runScenario(scenario: Scenario, opts: RunScenarioOptions): ScenarioOutcome;
  stdout(text: string): void;
  stderr(text: string): void;
}

export function runCli(argv: readonly string[], terminal: CliDeps): number {
  // Every byte written goes through printableLines: the table escapes its fields itself (so columns line up),
  // and this catches the rest (arguments echoed in messages, file names, stacks).
  const deps: CliDeps = {
    ...terminal,
    stdout: (text) => terminal.stdout(printableLines(text)),
    stderr: (text) => terminal.stderr(printableLines(text)),
  };
  let scenario: Scenario;
  let args: SimArgs;
  try {
    args = parseArgs(argv);
    if (args.help) {
      deps.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    scenario = deps.loadScenario(args.file);
    // Fails fast on an unknown --preset, before any run starts.
    if (args.presets) selectPresets(scenario, args.presets);
  } catch (error) {
    if (error instanceof ArgsError) {
      deps.stderr(`error: ${error.message}\n\n${USAGE}\n`);
      return EXIT.badInput;
    }
    if (error instanceof ScenarioError) {
      deps.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    return internalError(deps, argv.join(' '), error);
  }

  let outcome: ScenarioOutcome;
  try {
    outcome = deps.runScenario(scenario, { seed: args.seed, presets: args.presets, linearizability: args.linearizability });
  } catch (error) {
    return internalError(deps, args.file, error);
  }

  deps.stdout(`${args.json ? formatJson(outcome) : formatTable(outcome)}\n`);
  return outcome.runs.every((r) => r.expect === null || r.expect.passed) ? EXIT.ok : EXIT.expectFailed;
}

function internalError(deps: CliDeps, what: string, error: unknown): number {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  deps.stderr(`internal error while simulating ${what}:\n${detail}\n`);
  return EXIT.internal;
}
