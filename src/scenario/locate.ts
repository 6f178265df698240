// Maps a data path back to a line and column of the YAML text, so schema errors point where the
// author has to edit.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './errors';

export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the deepest node on `path` that exists in the document (a missing key is reported at its
 * parent). With `atKey`, the last segment's key is the target rather than its value.
 */
export function locate(doc: Document, counter: LineCounter, path: readonly PathSegment[], atKey = false): Position | undefined {
  let node: unknown = doc.contents;
  let best = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const last = i === path.length - 1;
      node = pair.value;
      const here = last && atKey ? rangeStart(pair.key) : (rangeStart(pair.value) ?? rangeStart(pair.key));
      best = here ?? best;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      best = rangeStart(node) ?? best;
    } else {
      break;
    }
  }
  if (best === undefined) return undefined;
  const { line, col } = counter.linePos(best);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
