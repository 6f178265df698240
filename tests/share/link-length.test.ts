// A view travels as a link only up to 8,000 characters (servers refuse longer addresses); past that it is
// never put in the address bar, and the Share panel offers the exported file instead.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { encodeShareState } from '../../src/share/url';
import { FaultPlan } from '../../src/ui/faults/plan';
import { addressFor, decideLink, MAX_LINK_CHARS, tooLongText } from '../../src/ui/share/fits';
import { shareStateOf, shareUrl, type ViewState } from '../../src/ui/share/state';
import { largeScenario } from '../support/large-scenario';

const text = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');
const BUILTINS = [{ id: 'primary-crash', text }];
const PAGE = 'http://localhost:5173/?s=primary-crash&t=5000000#top';

async function linkOf(view: Partial<ViewState>): Promise<string> {
  const state = shareStateOf({ source: { text, sourceName: 'x' }, tUs: 5_000_000, injected: [], ...view }, BUILTINS);
  return shareUrl(PAGE, await encodeShareState(state));
}

describe('link length', () => {
  it('keeps links of up to 8,000 characters, and refuses one character more', () => {
    const at = (n: number) => 'http://h/?z=' + 'a'.repeat(n - 'http://h/?z='.length);
    expect(MAX_LINK_CHARS).toBe(8000);
    expect(decideLink(at(8000))).toEqual({ fits: true, href: at(8000) });
    expect(decideLink(at(8001))).toEqual({ fits: false, chars: 8001, limit: 8000 });
  });

  it('a built-in with a few faults fits; a large imported file does not, nor do 200 faults at one instant', async () => {
    const plan = FaultPlan.empty.inject(10e6, { kind: 'crash', node: 'b1' }).inject(30e6, { kind: 'az-isolate', az: 'c' });
    expect(decideLink(await linkOf({ injected: plan.injected })).fits).toBe(true);

    const large = largeScenario(106);
    expect(large.length).toBeGreaterThan(100_000);
    parseScenario(large, 'large.yaml'); // valid, and within the file limit
    const fileLink = decideLink(await linkOf({ source: { text: large, sourceName: 'large.yaml' } }));
    expect(fileLink.fits).toBe(false);
    expect(!fileLink.fits && fileLink.chars).toBeGreaterThan(80_000);

    let many = FaultPlan.empty;
    for (let i = 0; i < 200; i++) many = many.inject(10e6, { kind: 'crash', node: 'b1' });
    expect(decideLink(await linkOf({ injected: many.injected })).fits).toBe(false);
  });

  it('the address bar holds a link that fits, and otherwise the plain page, keeping presenter mode', () => {
    expect(addressFor({ fits: true, href: 'http://h/?s=a' }, PAGE, false)).toBe('http://h/?s=a');
    const long = { fits: false as const, chars: 106_000, limit: 8000 };
    expect(addressFor(long, PAGE, false)).toBe('http://localhost:5173/');
    expect(addressFor(long, PAGE, true)).toBe('http://localhost:5173/?present');
  });

  it('says plainly why there is no link and what to do instead', () => {
    const words = tooLongText({ fits: false, chars: 105_971, limit: 8000 });
    expect(words).toContain('too large for a link');
    expect(words).toContain('105,971 characters');
    expect(words).toContain('8,000');
    expect(words).toMatch(/Export it as a file/);
  });
});
