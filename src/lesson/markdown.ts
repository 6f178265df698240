// A tiny markdown subset for lesson captions, questions and explanations. Lesson text can come from a
// stranger's URL or file, so this returns a token tree, never HTML: a component renders each token with
// text nodes and a fixed set of elements, and nothing in the text can become markup or script. Anything
// outside the subset stays literal text. Supported: paragraphs (blank-line separated), **bold**, *em*,
// `code`, [text](https://…) links (http and https only), [[term]] and [[shown words|term]] glossary terms
// (the renderer looks the term up; an unknown one shows as plain text), "- " / "* " lists and "1. " lists,
// and \-escapes of the marker characters.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  /** A glossary term: `text` is shown, `term` is the name to look up (the text itself unless given). */
  | { type: 'term'; text: string; term: string };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

export const INLINE_TYPES = ['text', 'strong', 'em', 'code', 'link', 'term'] as const;
export const BLOCK_TYPES = ['paragraph', 'list'] as const;

/** Deeper emphasis than this is left literal: a caption needs little, and recursion stays bounded. */
const MAX_DEPTH = 6;
const BULLET = /^\s{0,3}[-*]\s+/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+/;
const ESCAPABLE = new Set(['\\', '*', '_', '`', '[', ']', '(', ')', '-', '#']);

export function parseMarkdown(source: string): Block[] {
  const text = source.replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const marker = BULLET.test(lines[0]) ? BULLET : NUMBERED.test(lines[0]) ? NUMBERED : null;
    if (marker === null) {
      blocks.push({ type: 'paragraph', children: parseInline(lines.map((l) => l.trim()).join(' ')) });
      continue;
    }
    // Lines without a marker continue the item above them.
    const items: string[] = [];
    for (const line of lines) {
      if (marker.test(line)) items.push(line.replace(marker, '').trim());
      else items[items.length - 1] += ` ${line.trim()}`;
    }
    blocks.push({ type: 'list', ordered: marker === NUMBERED, items: items.map((item) => parseInline(item)) });
  }
  return blocks;
}

export function parseInline(text: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  const pushText = (s: string) => {
    if (s === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += s;
    else out.push({ type: 'text', text: s });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1])) {
      pushText(text[i + 1]);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '*' && depth < MAX_DEPTH) {
      const strong = text.startsWith('**', i);
      const delim = strong ? '**' : '*';
      const end = closing(text, i + delim.length, delim);
      if (end !== -1) {
        const inner = text.slice(i + delim.length, end);
        const children = parseInline(inner, depth + 1, inLink);
        out.push(strong ? { type: 'strong', children } : { type: 'em', children });
        i = end + delim.length;
        continue;
      }
    }
    if (c === '[' && text[i + 1] === '[') {
      const term = readTerm(text, i);
      if (term) {
        out.push({ type: 'term', text: term.text, term: term.term });
        i = term.end;
        continue;
      }
    }
    if (c === '[' && !inLink && depth < MAX_DEPTH) {
      const link = readLink(text, i);
      if (link) {
        out.push({ type: 'link', href: link.href, children: parseInline(link.label, depth + 1, true) });
        i = link.end;
        continue;
      }
    }
    pushText(c);
    i++;
  }
  return out;
}

/** Index of the closing delimiter: content must be non-empty and not start or end with a space. */
function closing(text: string, from: number, delim: string): number {
  if (from >= text.length || /\s/.test(text[from])) return -1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '`') {
      const end = text.indexOf('`', j + 1);
      if (end !== -1) j = end;
      continue;
    }
    if (!text.startsWith(delim, j)) continue;
    if (delim === '*' && text[j + 1] === '*') {
      j++; // a ** inside *em* belongs to a nested strong
      continue;
    }
    if (j === from || /\s/.test(text[j - 1])) continue;
    return j;
  }
  return -1;
}

/** `[label](url)` with balanced brackets in the label and an http(s) URL without spaces or quotes. */
function readLink(text: string, start: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let j = start;
  for (; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[') depth++;
    else if (text[j] === ']' && --depth === 0) break;
  }
  if (j >= text.length || text[j + 1] !== '(') return null;
  const close = text.indexOf(')', j + 2);
  if (close === -1) return null;
  const href = safeHref(text.slice(j + 2, close).trim());
  const label = text.slice(start + 1, j);
  if (href === null || label.trim() === '') return null;
  return { label, href, end: close + 1 };
}

/** `[[words]]` or `[[words|term]]` on one line, without brackets, backticks or backslashes inside. */
function readTerm(text: string, start: number): { text: string; term: string; end: number } | null {
  const close = text.indexOf(']]', start + 2);
  if (close === -1) return null;
  const inner = text.slice(start + 2, close);
  if (!/^[^[\]`\\|\n]+(\|[^[\]`\\|\n]+)?$/.test(inner)) return null;
  const [shown, term = shown] = inner.split('|').map((part) => part.trim());
  if (shown === '' || term === '') return null;
  return { text: shown, term, end: close + 2 };
}

/** Only absolute http and https addresses; everything else (javascript:, data:, relative) is refused. */
export function safeHref(raw: string): string | null {
  if (!/^https?:\/\/[^\s<>"'`\\]+$/i.test(raw)) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The words of a token tree without markup: for summaries, search and accessible names. */
export function plainText(blocks: readonly Block[]): string {
  const inline = (tokens: readonly Inline[]): string =>
    tokens.map((t) => (t.type === 'text' || t.type === 'code' || t.type === 'term' ? t.text : inline(t.children))).join('');
  return blocks
    .map((b) => (b.type === 'paragraph' ? inline(b.children) : b.items.map((item) => inline(item)).join('\n')))
    .join('\n\n');
}
