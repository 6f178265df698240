import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, safeHref } from '../../src/lesson/markdown';
import { allTokens, assertInert } from './inert';

describe('parseMarkdown', () => {
  it('parses the subset', () => {
    expect(parseMarkdown('A **bold** and *em* with `code` and [docs](https://redis.io/docs/).')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'A ' },
          { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'em', children: [{ type: 'text', text: 'em' }] },
          { type: 'text', text: ' with ' },
          { type: 'code', text: 'code' },
          { type: 'text', text: ' and ' },
          { type: 'link', href: 'https://redis.io/docs/', children: [{ type: 'text', text: 'docs' }] },
          { type: 'text', text: '.' },
        ],
      },
    ]);
  });

  it('splits paragraphs on blank lines and reads both kinds of list, with continuation lines', () => {
    const blocks = parseMarkdown('First\nline.\n\n- one\n  more\n- two\n\n1. a\n2. b');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list']);
    expect(plainText(blocks)).toBe('First line.\n\none more\ntwo\n\na\nb');
    expect(blocks[2]).toMatchObject({ ordered: true });
  });

  it('keeps unclosed markers and escapes as literal text', () => {
    expect(plainText(parseMarkdown('2 * 3 = 6, **open, `tick, [x](, \\*not em\\*'))).toBe('2 * 3 = 6, **open, `tick, [x](, *not em*');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](//evil.example/)',
    '[x](https://ok.example/" onmouseover="alert(1))',
    '&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;',
    '[[nested [brackets]]](https://example.com/) and [a [b](https://x.example/)](https://y.example/)',
    '**<b>bold</b>** *<i onclick="x()">em</i>* `<code>`',
    '<a href="javascript:alert(1)">link</a>',
    '- <li>item</li>\n- <svg onload=alert(1)>',
  ])('produces no markup or unsafe link from %j', (input) => {
    const blocks = parseMarkdown(input);
    assertInert(blocks);
    // Angle brackets and entities survive only as literal text, to be shown as typed.
    for (const t of allTokens(blocks)) if (t.type === 'link') expect(t.href).not.toMatch(/javascript:|data:|["'<>\s]/i);
  });

  it('nested brackets: only the outer well-formed link is a link, and links never nest', () => {
    const blocks = parseMarkdown('[a [b](https://x.example/)](https://y.example/)');
    const links = allTokens(blocks).filter((t) => t.type === 'link');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ href: 'https://y.example/' });
    expect(plainText(blocks)).toBe('a [b](https://x.example/)');
  });

  it('keeps entities literal rather than decoding them', () => {
    expect(plainText(parseMarkdown('&lt;b&gt;'))).toBe('&lt;b&gt;');
  });

  it('bounds nesting depth', () => {
    const deep = '*'.repeat(200) + 'x' + '*'.repeat(200);
    assertInert(parseMarkdown(deep));
  });

  it('safeHref accepts only absolute http(s)', () => {
    expect(safeHref('https://aphyr.com/posts/283-jepsen-redis')).toBe('https://aphyr.com/posts/283-jepsen-redis');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'ftp://x', '/relative', 'https://', 'https://a b', 'vbscript:x']) expect(safeHref(bad)).toBeNull();
  });
});
