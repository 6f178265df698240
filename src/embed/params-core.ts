// The parameters of an embedded lab, read from a `<durability-lab>` element's attributes or from the query
// string of embed.html. Both come from whoever wrote the host page (or a link), so every value is checked
// here, in one place, and each error names the parameter, what was found and what is accepted. Nothing in
// a value is ever interpreted as markup or code: values are only compared, parsed as numbers or passed
// to the scenario loader (which applies the schema and the limits of src/scenario/limits.ts).
// README: "Embedding".
//
// This module is the part the first-load script carries (src/embed/light.ts): it imports neither the
// scenario parser nor the fault schema. The faults' own fields and whatever needs the scenario itself are
// checked by params.ts, which adds those checks, once the simulation is loaded.
import { LIMITS } from '../scenario/limits';
import type { InjectedFault } from '../sim/timemachine';
import type { LabConfig } from '../ui/config';

/** Every parameter an embed understands, in the order the README documents them. */
export const EMBED_PARAMS = ['scenario', 'z', 'presets', 'autoplay', 'controls', 'start', 'seed', 'faults', 'lesson', 'step'] as const;
export type EmbedParam = (typeof EMBED_PARAMS)[number];

/** The built-in scenario an embed shows when none is named. */
export const DEFAULT_EMBED_SCENARIO = 'primary-crash';

/** Where an inline scenario comes from, as named in its error messages. */
export const INLINE_SOURCE_NAME = 'inline scenario (<script type="text/yaml">)';

/** Where a scenario file given compressed (`z`) comes from, as named in its error messages. */
export const Z_SOURCE_NAME = 'embedded scenario (z parameter)';

/** Parameters of the app's share links that an embed does not take, with the embed's name for each. */
const SHARE_LINK_NAMES: Record<string, string> = { s: 'scenario', p: 'presets', t: 'start (in seconds)', f: 'faults' };

/** An attribute or query value longer than this is refused before it is looked at. */
const MAX_VALUE_CHARS = 1000;
/** `z` carries a whole compressed file, and `faults` up to LIMITS.maxFaults faults: they get more room. */
const MAX_CHARS: Partial<Record<EmbedParam, number>> = {
  z: Math.ceil((LIMITS.maxFileBytes * 4) / 3) + 64,
  faults: LIMITS.maxFaults * 1000,
};
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

export type EmbedParse =
  | {
      ok: true;
      config: LabConfig;
      /** A `z` parameter not inflated yet: resolveEmbedParams turns it into `config.scenario`. */
      compressed?: string;
      /** Faults were given but not checked one by one (no `checkFault` in the options). */
      faultsUnchecked?: true;
    }
  | { ok: false; errors: EmbedParamError[] };

/** A lesson an embed can open: its id and its number of steps (the curriculum, src/lesson/builtin.ts). */
export interface EmbedLesson {
  id: string;
  steps: number;
  /** The lesson's scenario file (resolveEmbedParams checks faults against it). */
  text?: string;
}

export interface EmbedOptions {
  /** Ids of the built-in scenarios (scenarios/*.yaml). */
  builtinIds: readonly string[];
  /** Ids of the presets, in the order messages list them (src/sim/presets.ts; params.ts fills them in). */
  presetIds?: readonly string[];
  /** The lessons `lesson` may name; none when absent. */
  lessons?: readonly EmbedLesson[];
  /** The text of a built-in scenario, so resolveEmbedParams can check faults against it. */
  builtinText?: (id: string) => string | undefined | Promise<string | undefined>;
  /** The text of a lesson's scenario, when `lessons` do not carry it (it loads with the curriculum). */
  lessonText?: (id: string) => Promise<string | undefined>;
  /**
   * Checks one fault as a scenario file writes it (share/url.ts). Without it (the first-load script) the
   * faults are only checked to be a list of at most LIMITS.maxFaults objects, and the parse says
   * `faultsUnchecked`: the full check runs when the simulation loads.
   */
  checkFault?: (raw: unknown) => { fault: InjectedFault } | { error: string };
}

/** Checks every parameter and reports every problem at once, so an author fixes them in one go. */
export function parseEmbedParams(input: EmbedInput, opts: EmbedOptions): EmbedParse {
  const errors: EmbedParamError[] = [...(input.problems ?? [])];
  const take = <T>(param: EmbedParam, check: (value: string) => T): T | undefined => {
    const value = input.values[param];
    if (value === null || value === undefined) return undefined;
    try {
      const max = MAX_CHARS[param] ?? MAX_VALUE_CHARS;
      if (value.length > max) throw new EmbedParamError(param, `found ${value.length} characters; expected at most ${max}`);
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
  const compressed = take('z', checkCompressed);
  const given = (p: EmbedParam) => input.values[p] !== null && input.values[p] !== undefined;
  if (given('z') && (given('scenario') || (inline !== null && inline !== undefined))) {
    errors.push(new EmbedParamError('z', 'found a compressed scenario file together with a scenario attribute or an inline <script type="text/yaml">; expected one scenario'));
  }
  const presets = take('presets', (v) => checkPresets(v, opts.presetIds ?? []));
  const autoplay = take('autoplay', (v) => checkBoolean('autoplay', v)) ?? false;
  const controls = take('controls', checkControls) ?? 'minimal';
  const start = take('start', checkStart);
  const seed = take('seed', checkSeed);
  const faults = take('faults', (v) => checkFaults(v, opts.checkFault));
  const lesson = take('lesson', (v) => checkLesson(v, opts.lessons ?? []));
  if (lesson && (given('scenario') || given('z') || (inline !== null && inline !== undefined))) {
    errors.push(new EmbedParamError('lesson', "found a lesson together with a scenario; expected one of them (a lesson runs its own scenario)"));
  }
  const step = take('step', (v) => {
    if (!given('lesson')) throw new EmbedParamError('step', "found a step without a lesson; expected 'lesson' as well");
    return checkStep(v, lesson);
  });

  if (errors.length > 0) return { ok: false, errors };
  const config: LabConfig = { scenario, autoplay, controls };
  if (presets) config.presets = presets;
  if (start !== undefined) config.tUs = Math.round(start * 1e6);
  if (seed !== undefined) config.seed = seed;
  if (faults && faults.length > 0) config.injected = faults;
  if (lesson) config.lesson = step === undefined ? { id: lesson.id } : { id: lesson.id, step };
  const parse: EmbedParse = compressed === undefined ? { ok: true, config } : { ok: true, config, compressed };
  if (faults === null) parse.faultsUnchecked = true;
  return parse;
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
      const share = Object.prototype.hasOwnProperty.call(SHARE_LINK_NAMES, name) ? SHARE_LINK_NAMES[name] : undefined;
      // A share link's address pasted into embed.html: say which embed parameter means the same.
      const hint = share ? ` ('${name}' belongs to the app's share links: here it is '${share}', and the Share panel's Embed tab writes the whole embed code)` : '';
      problems.push(new EmbedParamError(display(name), `unknown parameter; expected one of ${EMBED_PARAMS.join(', ')}${hint}`));
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

function checkCompressed(value: string): string {
  const v = value.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(v) || v.length % 4 === 1) {
    throw new EmbedParamError('z', `found ${display(value)}; expected a scenario file compressed as the app writes it (deflate-raw in base64url)`);
  }
  return v;
}

/** A JSON list of faults, each written as in a scenario file's `faults` (`at` in seconds), as the share link's `f` writes one. */
function checkFaults(value: string, checkFault: EmbedOptions['checkFault']): InjectedFault[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    raw = undefined;
  }
  if (!Array.isArray(raw)) {
    throw new EmbedParamError('faults', `found ${display(value)}; expected a JSON list of faults, e.g. [{"at":20,"kind":"crash","node":"primary"}]`);
  }
  if (raw.length > LIMITS.maxFaults) throw new EmbedParamError('faults', `found ${raw.length} faults; expected at most ${LIMITS.maxFaults}`);
  if (!checkFault) return raw.length > 0 ? null : [];
  const faults = raw.map((item, i) => {
    const checked = checkFault(item);
    if ('error' in checked) throw new EmbedParamError(`faults[${i}]`, checked.error.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
    return checked.fault;
  });
  // The time machine keeps injected faults in time order; a stable sort keeps same-instant faults in list order.
  return faults.sort((a, b) => a.t - b.t);
}

function checkLesson(value: string, lessons: readonly EmbedLesson[]): EmbedLesson {
  const id = value.trim();
  const lesson = ID_PATTERN.test(id) ? lessons.find((l) => l.id === id) : undefined;
  if (!lesson) throw new EmbedParamError('lesson', `unknown lesson ${display(value)}; expected one of ${lessons.map((l) => l.id).join(', ') || '(no lessons)'}`);
  return lesson;
}

function checkStep(value: string, lesson: EmbedLesson | undefined): number {
  const v = value.trim();
  const n = /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  const max = lesson?.steps ?? 999;
  if (!(n >= 1 && n <= max)) throw new EmbedParamError('step', `expected a step number from 1 to ${max}${lesson ? ` (the steps of ${lesson.id})` : ''}, found ${display(value)}`);
  return n;
}

function checkPresets(value: string, presetIds: readonly string[]): string[] {
  const names = value.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) {
    throw new EmbedParamError('presets', `found ${display(value)}; expected preset ids separated by commas, e.g. 'elasticache,memorydb'`);
  }
  for (const n of names) {
    if (!presetIds.includes(n)) {
      throw new EmbedParamError('presets', `unknown preset ${display(n)}; expected one of ${presetIds.join(', ')}`);
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
