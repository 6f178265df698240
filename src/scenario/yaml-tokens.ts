// Checks made on YAML's token tree before a document is built from it. The token parser keeps its own
// stack, so it reads any nesting; the steps after it (building the document, converting it to data,
// validating it) recurse once per level, and a deep enough file would exhaust the call stack. So the depth
// is bounded here, where the message can still name the limit and the place.
import { Parser, type CST, type LineCounter } from 'yaml';
import type { ScenarioIssue } from './errors';
import { LIMITS } from './limits';

/** The first problem found in `text`, or undefined. `counter` is filled with the text's line starts. */
export function checkTokens(text: string, counter: LineCounter): ScenarioIssue | undefined {
  const tokens = Array.from(new Parser(counter.addNewLine).parse(text));
  const at = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
  const documents = tokens.filter((t) => t.type === 'document');
  if (documents.length > 1) {
    return { path: '', ...at(documents[1].offset), message: 'found a second YAML document starting here; expected one document per scenario file' };
  }
  const deep = firstTooDeep(tokens);
  if (deep !== undefined) {
    return {
      path: '',
      ...at(deep),
      message: `found mappings and lists nested more than ${LIMITS.maxNestingDepth} levels deep; expected at most ${LIMITS.maxNestingDepth} levels`,
    };
  }
  return undefined;
}

/** Offset of the first collection (in text order) that sits deeper than the limit. */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  let first: number | undefined;
  const stack: Array<[CST.Token, number]> = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      const level = depth + 1;
      if (level > LIMITS.maxNestingDepth) {
        first = first === undefined ? token.offset : Math.min(first, token.offset);
        continue;
      }
      for (const item of token.items) {
        if (item.key) stack.push([item.key, level]);
        if (item.value) stack.push([item.value, level]);
      }
    }
  }
  return first;
}
