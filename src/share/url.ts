// The shareable view as URL search parameters: which scenario (a built-in id, or the whole file
// compressed), which presets, the seed, the time on the clock and the faults injected by hand. A link is
// untrusted input, so decoding checks every parameter, with the same size limits and fault schema as a
// scenario file, and names the parameter in every error.
import { dottedPath, foundExpected, quote } from '../scenario/errors';
import { LIMITS } from '../scenario/limits';
import { FaultSchema } from '../scenario/schema';
import { describeExpected, fromZodIssues } from '../scenario/zod-issues';
import type { InjectedFault } from '../sim/timemachine';
import type { FaultSpec } from '../sim/types';
import { deflateToBase64url, inflateFromBase64url, TooLargeError } from './compress';

export interface ShareState {
  scenario: { id: string } | { text: string };
  /** Preset labels or ids shown, in order; omitted = the scenario's own. */
  presets?: string[];
  seed?: number;
  /** Simulated µs on the clock. */
  tUs?: number;
  injected: InjectedFault[];
}

/** Parameter names. Short, because whole files travel in the same URL. */
export const PARAM = {
  /** Built-in scenario id. */
  scenario: 's',
  /** Whole scenario file: deflate-raw + base64url. */
  file: 'z',
  /** One per shown preset, in order. */
  preset: 'p',
  seed: 'seed',
  /** Simulated time, µs. */
  time: 't',
  /** One per injected fault: JSON of a scenario fault, `at` in seconds. */
  fault: 'f',
} as const;

export class ShareError extends Error {
  override readonly name = 'ShareError';
  constructor(
    /** The URL parameter at fault, e.g. "z". */
    readonly param: string,
    readonly detail: string,
  ) {
    super(`URL parameter "${param}": ${detail}`);
  }
}

/** A compressed file longer than this cannot be a file within the size limit (deflate never grows much). */
const MAX_FILE_PARAM_CHARS = Math.ceil((LIMITS.maxFileBytes * 4) / 3) + 64;
const MAX_FAULT_PARAM_CHARS = 1000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

export async function encodeShareState(state: ShareState): Promise<URLSearchParams> {
  const params = new URLSearchParams();
  if ('id' in state.scenario) params.set(PARAM.scenario, state.scenario.id);
  else params.set(PARAM.file, await deflateToBase64url(state.scenario.text));
  for (const p of state.presets ?? []) params.append(PARAM.preset, p);
  if (state.seed !== undefined) params.set(PARAM.seed, String(state.seed));
  if (state.tUs !== undefined) params.set(PARAM.time, String(Math.round(state.tUs)));
  for (const f of state.injected) params.append(PARAM.fault, encodeFault(f));
  return params;
}

/** One injected fault as a link's `f` parameter and an embed's `faults` list write it: a scenario fault, `at` in seconds. */
export function faultJson(f: InjectedFault): Record<string, unknown> {
  return { at: Math.round(f.t) / 1e6, ...f.fault };
}

export function encodeFault(f: InjectedFault): string {
  return JSON.stringify(faultJson(f));
}

export interface DecodeOptions {
  /** Ids of the built-in scenarios; an id outside them is refused. */
  builtinIds?: readonly string[];
}

/** Null when the URL carries no scenario at all (a plain visit); a ShareError for anything malformed. */
export async function decodeShareState(input: URLSearchParams | string, opts: DecodeOptions = {}): Promise<ShareState | null> {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const single = (name: string): string | undefined => {
    const all = params.getAll(name);
    if (all.length > 1) throw new ShareError(name, `found ${all.length} values; expected one`);
    return all[0];
  };
  const id = single(PARAM.scenario);
  const file = single(PARAM.file);
  if (id !== undefined && file !== undefined) {
    throw new ShareError(PARAM.file, `found both "${PARAM.scenario}" and "${PARAM.file}"; expected one scenario`);
  }
  if (id === undefined && file === undefined) {
    const stray = [PARAM.preset, PARAM.seed, PARAM.time, PARAM.fault].find((p) => params.has(p));
    if (stray) throw new ShareError(stray, `found without a scenario; expected "${PARAM.scenario}" or "${PARAM.file}" as well`);
    return null;
  }

  const state: ShareState = { scenario: id !== undefined ? { id: checkId(id, opts) } : { text: await inflateFile(file!) }, injected: [] };
  const presets = params.getAll(PARAM.preset);
  if (presets.length > 0) state.presets = checkPresets(presets);
  const seed = single(PARAM.seed);
  if (seed !== undefined) state.seed = wholeNumber(PARAM.seed, seed, 2 ** 32 - 1);
  const t = single(PARAM.time);
  if (t !== undefined) state.tUs = wholeNumber(PARAM.time, t, LIMITS.maxDurationS * 1e6);
  state.injected = checkFaults(params.getAll(PARAM.fault));
  return state;
}

function checkId(id: string, opts: DecodeOptions): string {
  if (!ID_PATTERN.test(id)) throw new ShareError(PARAM.scenario, foundExpected(id, 'a scenario id (lower-case letters, digits and dashes)'));
  if (opts.builtinIds && !opts.builtinIds.includes(id)) {
    throw new ShareError(PARAM.scenario, foundExpected(id, `one of the built-in scenarios: ${opts.builtinIds.join(', ')}`));
  }
  return id;
}

/** The whole scenario file of a `z` parameter (a link's or an embed's); a ShareError names `z`. */
export async function inflateFile(encoded: string): Promise<string> {
  const kib = LIMITS.maxFileBytes / 1024;
  if (encoded.length > MAX_FILE_PARAM_CHARS) {
    throw new ShareError(PARAM.file, `found ${encoded.length} characters; expected a compressed file of at most ${kib} KiB`);
  }
  try {
    return await inflateFromBase64url(encoded, LIMITS.maxFileBytes);
  } catch (error) {
    if (error instanceof TooLargeError) throw new ShareError(PARAM.file, `found a file that inflates past ${kib} KiB; expected at most ${kib} KiB`);
    throw new ShareError(PARAM.file, 'found text that is not a compressed scenario file; expected deflate-raw data in base64url, as the app writes it');
  }
}

function checkPresets(names: string[]): string[] {
  if (names.length > LIMITS.maxPresets) {
    throw new ShareError(PARAM.preset, `found ${names.length} presets; expected at most ${LIMITS.maxPresets}`);
  }
  for (const n of names) {
    if (n.trim() === '' || n.length > LIMITS.maxLabelChars) {
      throw new ShareError(PARAM.preset, foundExpected(n, `a preset label or id of 1 to ${LIMITS.maxLabelChars} characters`));
    }
  }
  // The app writes each pane once; a repeat is a hand-edited link, and would silently show one pane fewer.
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new ShareError(PARAM.preset, `found ${quote(twice)} twice; expected each preset once`);
  return names;
}

function wholeNumber(param: string, text: string, max: number): number {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > max) throw new ShareError(param, foundExpected(text, `a whole number from 0 to ${max}`));
  return n;
}


function checkFaults(texts: string[]): InjectedFault[] {
  if (texts.length > LIMITS.maxFaults) throw new ShareError(PARAM.fault, `found ${texts.length} faults; expected at most ${LIMITS.maxFaults}`);
  const faults = texts.map((text, i) => {
    const name = `${PARAM.fault}[${i}]`;
    if (text.length > MAX_FAULT_PARAM_CHARS) throw new ShareError(name, `found ${text.length} characters; expected at most ${MAX_FAULT_PARAM_CHARS}`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ShareError(name, foundExpected(text, 'a fault as JSON, e.g. {"at":20,"kind":"crash","node":"primary"}'));
    }
    const checked = checkFault(raw);
    if ('error' in checked) throw new ShareError(name, checked.error);
    return checked.fault;
  });
  // The time machine keeps injected faults in time order; a stable sort keeps same-instant faults in link order.
  return faults.sort((a, b) => a.t - b.t);
}

/**
 * One fault as decoded JSON (from a link's `f` or an embed's `faults`), checked with the scenario file's
 * fault schema; the error says what is wrong without naming the parameter, which the caller adds.
 */
export function checkFault(raw: unknown): { fault: InjectedFault } | { error: string } {
  const parsed = FaultSchema.safeParse(raw, { error: describeExpected });
  if (!parsed.success) {
    const [first] = fromZodIssues(parsed.error.issues, raw, FaultSchema);
    const path = dottedPath(first.path);
    return { error: path === '' ? first.message : `${path}: ${first.message}` };
  }
  const { at, ...fault } = parsed.data;
  if (at > LIMITS.maxDurationS) return { error: `at: ${foundExpected(at, `a time of at most ${LIMITS.maxDurationS} s`)}` };
  return { fault: { t: Math.round(at * 1e6), fault: fault as FaultSpec } };
}
