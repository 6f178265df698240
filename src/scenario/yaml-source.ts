// Text → plain data, refusing inputs that are too big or expand too much before anything else looks
// at them, since scenario text can arrive from a URL or a dropped file.
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ScenarioError, type ScenarioIssue } from './errors';
import { LIMITS } from './limits';
import { YAML_OPTIONS } from './yaml-tags';

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

  try {
    return { data: doc.toJS({ maxAliasCount: LIMITS.maxYamlAliases }), doc, counter };
  } catch (error) {
    throw new ScenarioError(sourceName, [aliasIssue(doc, counter, error)]);
  }
}

export function fileTooLarge(bytes: number): ScenarioIssue {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return { path: '', message: `found a file of ${kib(bytes)}; expected at most ${LIMITS.maxFileBytes / 1024} KiB` };
}

/** toJS throws only for alias trouble: an unknown anchor, or expansion beyond the limit. */
function aliasIssue(doc: Document, counter: LineCounter, error: unknown): ScenarioIssue {
  const text = error instanceof Error ? error.message : String(error);
  if (/excessive alias count/i.test(text)) {
    return {
      path: '',
      message: `found YAML aliases that expand too far; expected at most ${LIMITS.maxYamlAliases} alias expansions`,
    };
  }
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

function utf8Bytes(text: string): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most texts are settled without encoding them.
  if (text.length * 3 <= LIMITS.maxFileBytes) return text.length;
  if (text.length > LIMITS.maxFileBytes) return text.length;
  return new TextEncoder().encode(text).length;
}
