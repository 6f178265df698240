// The package's hand-written types (src/embed/package/element.d.ts) name every attribute the element reads
// and every event it dispatches, and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EmbedEventType } from '../../src/embed/events';
import { EMBED_PARAMS } from '../../src/embed/params';

const TYPES = readFileSync(new URL('../../src/embed/package/element.d.ts', import.meta.url), 'utf8');

/** The property names of an interface of the .d.ts (one per line, before `?:` or `:`). */
function keysOf(name: string): string[] {
  const body = new RegExp(`interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(TYPES)?.[1];
  if (!body) throw new Error(`element.d.ts has no interface ${name}`);
  return [...body.matchAll(/^\s{2}'?([\w-]+)'?\??:/gm)].map((m) => m[1]);
}

// Checked by the compiler: every event type the element sends (the iframe-only `resize` aside), no other.
const ELEMENT_EVENTS = { ready: true, 'write-lost': true, 'lesson-step': true, error: true } satisfies Record<Exclude<EmbedEventType, 'resize'>, true>;

describe('element.d.ts', () => {
  it('lists every attribute of the element', () => {
    expect(keysOf('DurabilityLabAttributes').sort()).toEqual([...EMBED_PARAMS, 'label'].sort());
  });

  it('lists every event of the element', () => {
    expect(keysOf('DurabilityLabEventDetails').sort()).toEqual(Object.keys(ELEMENT_EVENTS).sort());
  });
});
