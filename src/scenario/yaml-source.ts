// Text → plain data, refusing inputs that are too big, too deep or expand too much before anything else
// looks at them, since scenario text can arrive from a URL or a dropped file.
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ScenarioError, type ScenarioIssue } from './errors';
import { LIMITS } from './limits';
import { checkAliasExpansions } from './yaml-aliases';
import { YAML_OPTIONS } from './yaml-tags';
import { checkTokens } from './yaml-tokens';

export interface YamlSource {
  data: unknown;
  doc: Document;
  counter: LineCounter;
}

export function readYaml(text: string, sourceName: string): YamlSource {
  const size = utf8Bytes(text);
  if (size > LIMITS.maxFileBytes) {
    throw new ScenarioError(sourceName, [fileTooLarge(size)]);
  }
  const shape = checkTokens(text, new LineCounter());
  if (shape) throw new ScenarioError(sourceName, [shape]);

  const counter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      sourceName,
      doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line,
        column: e.linePos?.[0].col,
        message: `YAML syntax error: ${firstLine(e.message)}`,
      })),
    );
  }
  if (doc.contents === null) {
    throw new ScenarioError(sourceName, [
      { path: '', message: 'found an empty document; expected a mapping with at least title, durationS and presets' },
    ]);
  }
  const expansions = checkAliasExpansions(doc, counter);
  if (expansions) throw new ScenarioError(sourceName, [expansions]);

  try {
    // Expansions are bounded above, by a count that also sees aliases nested in anchored values.
    return { data: doc.toJS({ maxAliasCount: -1 }), doc, counter };
  } catch (error) {
    throw new ScenarioError(sourceName, [aliasIssue(doc, counter, error)]);
  }
}

export function fileTooLarge(bytes: number): ScenarioIssue {
  const max = LIMITS.maxFileBytes;
  return { path: '', message: `found a file of ${bytes} bytes; expected at most ${max} bytes (${max / 1024} KiB)` };
}

/** toJS throws only for an alias to an anchor that is not defined before it. */
function aliasIssue(doc: Document, counter: LineCounter, error: unknown): ScenarioIssue {
  const text = error instanceof Error ? error.message : String(error);
  const name = /:\s*(\S+)\s*$/.exec(text)?.[1];
  let offset: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.source === name && alias.range) {
        offset = alias.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const pos = offset === undefined ? undefined : counter.linePos(offset);
  return { path: '', line: pos?.line, column: pos?.col, message: `YAML error: ${firstLine(text)}` };
}

function firstLine(message: string): string {
  return message.replace(/ at line \d+, column \d+[\s\S]*$/, '').split('\n')[0];
}

/** Exact UTF-8 length, counted without encoding the text (which may be far past the limit). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one code point of four bytes
      i++;
    } else bytes += 3; // a lone surrogate is encoded as U+FFFD
  }
  return bytes;
}
