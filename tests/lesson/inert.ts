// Helpers for proving a markdown token tree is inert: only the subset's token types, only http(s) links.
import { expect } from 'vitest';
import { BLOCK_TYPES, INLINE_TYPES, type Block, type Inline } from '../../src/lesson/markdown';

/** Every token in a tree, so a test can prove no type outside the subset and no unsafe href appears. */
export function allTokens(blocks: readonly Block[]): (Block | Inline)[] {
  const out: (Block | Inline)[] = [];
  const walk = (t: Inline) => {
    out.push(t);
    if ('children' in t) t.children.forEach(walk);
  };
  for (const b of blocks) {
    out.push(b);
    if (b.type === 'paragraph') b.children.forEach(walk);
    else b.items.forEach((item) => item.forEach(walk));
  }
  return out;
}

export function assertInert(blocks: readonly Block[]): void {
  for (const t of allTokens(blocks)) {
    expect([...BLOCK_TYPES, ...INLINE_TYPES]).toContain(t.type);
    expect(Object.keys(t).every((k) => ['type', 'text', 'term', 'children', 'href', 'ordered', 'items'].includes(k))).toBe(true);
    if (t.type === 'link') expect(t.href).toMatch(/^https?:\/\//);
  }
}

