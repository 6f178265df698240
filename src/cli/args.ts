// Command line of `npm run sim`. Hand-rolled: five options do not justify a dependency.
import { LIMITS } from '../scenario/limits';

export const USAGE = `usage: npm run sim -- <scenario.yaml> [--seed N] [--preset P]... [--json] [--no-linearizability]

  --seed N               run with seed N instead of the scenario's (0 … 4294967295)
  --preset P             run only these presets (label or preset id; repeat or comma-separate;
                         at most ${LIMITS.maxPresets}); a preset id the scenario does not list is added with its defaults
  --json                 print a machine-readable report instead of the table
  --no-linearizability   skip the linearizability check (faster on long runs)
  --help                 show this text`;

export interface SimArgs {
  help: boolean;
  /** Scenario file path; empty only with --help. */
  file: string;
  seed?: number;
  presets?: string[];
  json: boolean;
  linearizability: boolean;
}

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

export function parseArgs(argv: readonly string[]): SimArgs {
  const out: SimArgs = { help: false, file: '', json: false, linearizability: true };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new ArgsError(`${name} needs a value`);
      return next;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new ArgsError(`${name} takes no value`);
      return true;
    };

    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (name === '--help' || name === '-h') out.help = flag();
    else if (name === '--json') out.json = flag();
    else if (name === '--no-linearizability') out.linearizability = !flag();
    else if (name === '--seed') out.seed = parseSeed(value());
    else if (name === '--preset') out.presets = [...(out.presets ?? []), ...splitPresets(value())];
    else if (arg.startsWith('-')) throw new ArgsError(`unknown option ${name}`);
    else files.push(arg);
  }
  if (out.help) return out;
  if (files.length === 0) throw new ArgsError('missing the scenario file');
  if (files.length > 1) throw new ArgsError(`expected one scenario file, got ${files.length}: ${files.join(' ')}`);
  out.file = files[0];
  return out;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 2 ** 32 - 1) {
    throw new ArgsError(`--seed: found ${JSON.stringify(text)}; expected a whole number from 0 to ${2 ** 32 - 1}`);
  }
  return n;
}

function splitPresets(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new ArgsError('--preset needs a preset label or id');
  return names;
}
