// The glossary: every term the app uses has a short definition, names and aliases resolve to one term
// each, the outcome table's rows point at terms, and the caption syntax [[term]] parses and names only
// terms that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { parseInline, parseMarkdown, plainText } from '../../src/lesson/markdown';
import { findTerm, glossary, TERM_IDS, TERMS } from '../../src/ui/glossary/terms';
import { METRICS } from '../../src/ui/metrics';

describe('glossary terms', () => {
  it('defines every term the app promises, briefly', () => {
    const promised = ['RPO', 'RTO', 'split brain', 'stale read', 'unknown outcome', 'lag', 'lease', 'commit point', 'acknowledged', 'lost', 'at risk'];
    for (const name of promised) {
      const t = findTerm(name);
      expect(t, name).toBeDefined();
      expect(t!.definition.length, name).toBeGreaterThan(40);
      expect(t!.definition.length, name).toBeLessThanOrEqual(300);
    }
    expect(glossary().map((t) => t.id)).toEqual([...TERM_IDS]);
    for (const id of TERM_IDS) expect(TERMS[id].id).toBe(id);
  });

  it('gives each name and alias exactly one term, in any case and spacing', () => {
    const seen = new Map<string, string>();
    for (const t of glossary()) {
      for (const name of [t.id, t.term, ...t.aliases]) {
        const key = name.toLowerCase();
        if (seen.has(key)) expect(seen.get(key), `${name} names two terms`).toBe(t.id);
        seen.set(key, t.id);
        expect(findTerm(name)?.id).toBe(t.id);
      }
    }
    expect(findTerm('  Split   Brain ')?.id).toBe('split-brain');
    expect(findTerm('rpo')?.id).toBe('rpo');
    expect(findTerm('durability')).toBeUndefined();
  });

  it('says what "at risk" and "lost" mean, and that lag is not a setting', () => {
    expect(TERMS['at-risk'].definition).toMatch(/acknowledged/i);
    expect(TERMS['at-risk'].definition).toMatch(/next failure or failover can erase/);
    expect(TERMS.lost.definition).toMatch(/authoritative state/);
    expect(TERMS.lost.definition).toMatch(/cannot get (it )?back/);
    expect(TERMS.lag.definition).toMatch(/Not a setting/);
    expect(TERMS['commit-point'].definition).toMatch(/assumes 2 of 3/);
  });

  it('marks the outcome table row headers that start with a term', () => {
    const marked = METRICS.filter((m) => m.term);
    expect(marked.map((m) => m.term!.id)).toEqual(['acknowledged', 'lost', 'rpo', 'rto', 'stale-read', 'split-brain', 'unknown-outcome']);
    for (const m of marked) {
      expect(m.label.startsWith(m.term!.words), m.label).toBe(true);
      expect(TERMS[m.term!.id]).toBeDefined();
    }
  });
});

describe('[[term]] in captions', () => {
  it('parses [[term]] and [[shown words|term]] into term tokens whose plain text is the shown words', () => {
    expect(parseInline('The [[RPO]] column')).toEqual([
      { type: 'text', text: 'The ' },
      { type: 'term', text: 'RPO', term: 'RPO' },
      { type: 'text', text: ' column' },
    ]);
    expect(parseInline('counted as **[[unknown|unknown outcome]]**')).toEqual([
      { type: 'text', text: 'counted as ' },
      { type: 'strong', children: [{ type: 'term', text: 'unknown', term: 'unknown outcome' }] },
    ]);
    expect(plainText(parseMarkdown('A [[lease]] runs out.'))).toBe('A lease runs out.');
  });

  it('leaves malformed brackets as text, and links still work next to terms', () => {
    for (const s of ['[[open', '[[]]', '[[a|]]', '[[|a]]', '[[a|b|c]]', '[[a`b]]']) {
      expect(parseInline(s).every((t) => t.type === 'text'), s).toBe(true);
    }
    expect(parseInline('[[lag]] and [docs](https://redis.io/)').map((t) => t.type)).toEqual(['term', 'text', 'link']);
  });

  it('names only terms the glossary defines, in every lesson file', () => {
    const dir = new URL('../../scenarios/lessons/', import.meta.url);
    let count = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const [marked] of text.matchAll(/\[\[[^\]]*\]\]/g)) {
        const tokens = parseInline(marked);
        expect(tokens, `${file}: ${marked}`).toHaveLength(1);
        const t = tokens[0];
        expect(t.type === 'term' && findTerm(t.term) !== undefined, `${file}: ${marked} is not a glossary term`).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(8);
    // The bundled curriculum carries the same marks into its captions.
    const captions = CURRICULUM.flatMap((e) => e.scenario.lesson.steps.map((s) => s.caption)).join('\n');
    expect(captions).toContain('[[RPO]]');
  });
});
