// The parameters of an embedded lab, read from a `<durability-lab>` element's attributes or from the query
// string of embed.html. Both come from whoever wrote the host page (or a link), so every value is checked
// here, in one place, and each error names the parameter, what was found and what is accepted. Nothing in
// a value is ever interpreted as markup or code: values are only compared, parsed as numbers or passed
// to the scenario loader (which applies the schema and the limits of src/scenario/limits.ts).
// README: "Embedding".
import { LIMITS } from '../scenario/limits';
import { PRESET_IDS } from '../sim/presets';
import type { LabConfig } from '../ui/config';

/** Every parameter an embed understands, in the order the README documents them. */
export const EMBED_PARAMS = ['scenario', 'presets', 'autoplay', 'controls', 'start', 'seed'] as const;
export type EmbedParam = (typeof EMBED_PARAMS)[number];

/** The built-in scenario an embed shows when none is named. */
export const DEFAULT_EMBED_SCENARIO = 'primary-crash';

/** Where an inline scenario comes from, as named in its error messages. */
export const INLINE_SOURCE_NAME = 'inline scenario (<script type="text/yaml">)';

/** An attribute or query value longer than this is refused before it is looked at. */
const MAX_VALUE_CHARS = 1000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
const SECONDS_PATTERN = /^(\d{1,7})(\.\d{1,6})?$/;
const MAX_SEED = 2 ** 32 - 1;

export class EmbedParamError extends Error {
  override readonly name = 'EmbedParamError';
  constructor(
    /** The attribute or query parameter at fault, e.g. "presets". */
    readonly param: string,
    readonly detail: string,
  ) {
    super(`${param}: ${detail}`);
  }
}

/** What was given, before checking: null = absent. */
export interface EmbedInput {
  values: Partial<Record<EmbedParam, string | null>>;
  /** The text of a child `<script type="text/yaml">` (custom element only). */
  inlineScenario?: string | null;
  /** Problems found while collecting the values (duplicate or unknown query parameters). */
  problems?: EmbedParamError[];
}

export type EmbedParse = { ok: true; config: LabConfig } | { ok: false; errors: EmbedParamError[] };

export interface EmbedOptions {
  /** Ids of the built-in scenarios (scenarios/*.yaml). */
  builtinIds: readonly string[];
}

/** Checks every parameter and reports every problem at once, so an author fixes them in one go. */
export function parseEmbedParams(input: EmbedInput, opts: EmbedOptions): EmbedParse {
  const errors: EmbedParamError[] = [...(input.problems ?? [])];
  const take = <T>(param: EmbedParam, check: (value: string) => T): T | undefined => {
    const value = input.values[param];
    if (value === null || value === undefined) return undefined;
    try {
      if (value.length > MAX_VALUE_CHARS) throw new EmbedParamError(param, `found ${value.length} characters; expected at most ${MAX_VALUE_CHARS}`);
      return check(value);
    } catch (error) {
      if (!(error instanceof EmbedParamError)) throw error;
      errors.push(error);
      return undefined;
    }
  };

  const id = take('scenario', (v) => checkScenarioId(v, opts.builtinIds));
  let scenario: LabConfig['scenario'] = { id: id ?? DEFAULT_EMBED_SCENARIO };
  const inline = input.inlineScenario;
  if (inline !== null && inline !== undefined) {
    if (input.values.scenario !== null && input.values.scenario !== undefined) {
      errors.push(new EmbedParamError('scenario', 'found both a scenario attribute and an inline <script type="text/yaml">; expected one of them'));
    } else {
      try {
        scenario = { text: checkInline(inline), sourceName: INLINE_SOURCE_NAME };
      } catch (error) {
        if (!(error instanceof EmbedParamError)) throw error;
        errors.push(error);
      }
    }
  }
  const presets = take('presets', checkPresets);
  const autoplay = take('autoplay', (v) => checkBoolean('autoplay', v)) ?? false;
  const controls = take('controls', checkControls) ?? 'minimal';
  const start = take('start', checkStart);
  const seed = take('seed', checkSeed);

  if (errors.length > 0) return { ok: false, errors };
  const config: LabConfig = { scenario, autoplay, controls };
  if (presets) config.presets = presets;
  if (start !== undefined) config.tUs = Math.round(start * 1e6);
  if (seed !== undefined) config.seed = seed;
  return { ok: true, config };
}

/** The input of embed.html: unknown and repeated parameters are errors (a typo should not be ignored). */
export function inputFromQuery(query: URLSearchParams | string): EmbedInput {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const values: EmbedInput['values'] = {};
  const problems: EmbedParamError[] = [];
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (!isEmbedParam(name)) {
      problems.push(new EmbedParamError(display(name), `unknown parameter; expected one of ${EMBED_PARAMS.join(', ')}`));
      continue;
    }
    const all = params.getAll(name);
    if (all.length > 1) problems.push(new EmbedParamError(name, `found ${all.length} values; expected one`));
    else values[name] = all[0];
  }
  return { values, problems };
}

/**
 * The input of a `<durability-lab>` element. Other attributes (id, class, style, aria-*) belong to the
 * host page and are left alone.
 */
export function inputFromAttributes(getAttribute: (name: string) => string | null, inlineScenario: string | null = null): EmbedInput {
  const values: EmbedInput['values'] = {};
  for (const name of EMBED_PARAMS) values[name] = getAttribute(name);
  return { values, inlineScenario };
}

export function isEmbedParam(name: string): name is EmbedParam {
  return (EMBED_PARAMS as readonly string[]).includes(name);
}

/** Renders errors one per line, for the message shown inside the embed. */
export function describeErrors(errors: readonly EmbedParamError[]): string {
  return errors.map((e) => e.message).join('\n');
}

function checkScenarioId(value: string, builtinIds: readonly string[]): string {
  const id = value.trim();
  if (!ID_PATTERN.test(id) || !builtinIds.includes(id)) {
    throw new EmbedParamError('scenario', `unknown scenario ${display(value)}; expected one of ${builtinIds.join(', ')}`);
  }
  return id;
}

function checkInline(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.maxFileBytes) {
    throw new EmbedParamError('scenario', `found an inline scenario of ${bytes} bytes; expected at most ${LIMITS.maxFileBytes / 1024} KiB`);
  }
  const yaml = dedent(text);
  if (yaml.trim() === '') throw new EmbedParamError('scenario', 'found an empty <script type="text/yaml">; expected a scenario file');
  return yaml;
}

function checkPresets(value: string): string[] {
  const names = value.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) {
    throw new EmbedParamError('presets', `found ${display(value)}; expected preset ids separated by commas, e.g. 'elasticache,memorydb'`);
  }
  for (const n of names) {
    if (!(PRESET_IDS as readonly string[]).includes(n)) {
      throw new EmbedParamError('presets', `unknown preset ${display(n)}; expected one of ${PRESET_IDS.join(', ')}`);
    }
  }
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new EmbedParamError('presets', `found ${display(twice)} twice; expected each preset once`);
  if (names.length > LIMITS.maxPresets) throw new EmbedParamError('presets', `found ${names.length} presets; expected at most ${LIMITS.maxPresets}`);
  return names;
}

function checkBoolean(param: EmbedParam, value: string): boolean {
  const v = value.trim().toLowerCase();
  // A bare attribute (`autoplay`) or query flag (`&autoplay`) arrives as the empty string.
  if (v === '' || v === 'true' || v === param) return true;
  if (v === 'false') return false;
  throw new EmbedParamError(param, `expected no value, 'true' or 'false', found ${display(value)}`);
}

function checkControls(value: string): LabConfig['controls'] {
  const v = value.trim();
  if (v === 'minimal' || v === 'full') return v;
  throw new EmbedParamError('controls', `expected 'minimal' or 'full', found ${display(value)}`);
}

function checkStart(value: string): number {
  const v = value.trim();
  const seconds = SECONDS_PATTERN.test(v) ? Number(v) : NaN;
  // One message for every refusal, so a value too long for the pattern (99999999, 1e308) still learns the maximum.
  if (!(seconds <= LIMITS.maxDurationS)) {
    throw new EmbedParamError('start', `expected seconds from 0 to ${LIMITS.maxDurationS}, as digits with an optional decimal point (28, 12.5), found ${display(value)}`);
  }
  return seconds;
}

function checkSeed(value: string): number {
  const v = value.trim();
  const n = /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_SEED) throw new EmbedParamError('seed', `expected a whole number from 0 to ${MAX_SEED}, found ${display(value)}`);
  return n;
}

/**
 * A value as the author typed it, in single quotes, cut short and with control characters escaped, so a
 * hostile value can neither flood nor garble the message. Messages are always shown as text, never HTML.
 */
export function display(value: string): string {
  const max = LIMITS.maxQuotedChars;
  const short = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  // eslint-disable-next-line no-control-regex
  const safe = short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${safe.replace(/'/g, "\\'")}'`;
}

/** Inline YAML is usually indented with the page's HTML: remove the indentation every line shares. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join('\n') + '\n';
}
