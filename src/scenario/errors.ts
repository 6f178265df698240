// Errors a learner can act on: which file, where in it, what was there and what would have been accepted.
import { LIMITS } from './limits';

export type PathSegment = string | number;

export interface ScenarioIssue {
  /** Dotted path such as `faults[2].node`; empty when the problem concerns the whole file. */
  path: string;
  /** 1-based position in the source text, when known. */
  line?: number;
  column?: number;
  /** What follows the path in the rendered line, e.g. `found 5; expected a number at most 3`. */
  message: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    /** Display name of the input: a file path, "URL parameter", "dropped file". */
    readonly source: string,
    readonly issues: ScenarioIssue[],
  ) {
    super(renderIssues(source, issues));
  }
}

/** One problem per line, compiler style (`file:line:col: path: message`), so editors can jump to it. */
export function renderIssues(source: string, issues: readonly ScenarioIssue[]): string {
  const shown = issues.slice(0, LIMITS.maxReportedIssues).map((issue) => renderIssue(source, issue));
  const hidden = issues.length - shown.length;
  if (hidden > 0) shown.push(`${source}: … and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
  return shown.join('\n');
}

export function renderIssue(source: string, issue: ScenarioIssue): string {
  const where = issue.line === undefined ? source : `${source}:${issue.line}:${issue.column ?? 1}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

export function dottedPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The offending value as the user would recognise it, cut short so one bad blob cannot flood the message. */
export function quote(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? '[…]' : '{…}'; // YAML anchors can build cycles
    }
  }
  return text.length > LIMITS.maxQuotedChars ? `${text.slice(0, LIMITS.maxQuotedChars - 1)}…` : text;
}

export function foundExpected(found: unknown, expected: string, missing = false): string {
  return missing ? `missing; expected ${expected}` : `found ${quote(found)}; expected ${expected}`;
}

/** A problem before it has been placed in the source text. */
export interface RawIssue {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than its value (unknown keys, duplicate labels). */
  atKey?: boolean;
}
