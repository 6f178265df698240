// The embed parameters that carry a whole view: a compressed file (`z`), the faults injected by hand
// (`faults`, the share link's fault JSON in one list), and a lesson with its step. Each wrong value is
// named by its parameter; faults are checked against the scenario they would run in.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBED_OPTIONS } from '../../src/embed/options';
import { EMBED_PARAMS, inputFromAttributes, inputFromQuery, parseEmbedParams, resolveEmbedParams, Z_SOURCE_NAME, type EmbedParse } from '../../src/embed/params';
import { deflateToBase64url } from '../../src/share/compress';
import { encodeFault } from '../../src/share/url';
import { SCENARIOS } from '../../src/ui/scenarios';

const resolve = (q: string) => resolveEmbedParams(inputFromQuery(q), EMBED_OPTIONS);
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

function messages(result: EmbedParse): string[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.config)}`);
  return result.errors.map((e) => e.message);
}

describe('faults injected by hand', () => {
  it('reads a JSON list of faults, `at` in seconds, in time order, as the share link writes each', async () => {
    const faults = [
      { at: 30, kind: 'az-isolate', az: 'b', durationS: 5 },
      { at: 12.345678, kind: 'crash', node: 'primary' },
    ];
    const result = await resolve(q({ scenario: 'primary-crash', faults: JSON.stringify(faults) }));
    expect(result.ok && result.config.injected).toEqual([
      { t: 12_345_678, fault: { kind: 'crash', node: 'primary' } },
      { t: 30_000_000, fault: { kind: 'az-isolate', az: 'b', durationS: 5 } },
    ]);
    // One codec: each item is exactly what a share link's `f` parameter carries.
    expect(JSON.parse(encodeFault({ t: 12_345_678, fault: { kind: 'crash', node: 'primary' } }))).toEqual(faults[1]);
  });

  it('names the list or the fault at fault', async () => {
    expect(messages(await resolve(q({ faults: 'crash at 20' }))))
      .toEqual([`faults: found 'crash at 20'; expected a JSON list of faults, e.g. [{"at":20,"kind":"crash","node":"primary"}]`]);
    expect(messages(await resolve(q({ faults: '{"at":1,"kind":"crash","node":"primary"}' })))[0]).toMatch(/^faults: found '\{/);
    const [bad] = messages(await resolve(q({ faults: '[{"at":1,"kind":"crash","node":"primary"},{"at":2,"kind":"explode"}]' })));
    expect(bad).toMatch(/^faults\[1\]: /);
    expect(bad.split('\n')).toHaveLength(1);
  });

  it('checks nodes and times against the scenario the faults would run in', async () => {
    const errs = messages(await resolve(q({ scenario: 'primary-crash', faults: '[{"at":10,"kind":"crash","node":"a2"},{"at":61,"kind":"crash","node":"primary"}]' })));
    expect(errs[0]).toMatch(/^faults\[0\]: node: found 'a2'; expected a node of this scenario: /);
    expect(errs[1]).toBe('faults[1]: at: found 61 s; expected at most 60 s, the end of the run');
  });
});

describe('a whole scenario file, compressed (z)', () => {
  const text = SCENARIOS.find((s) => s.id === 'az-isolation')!.text.replace(/^title: .*$/m, 'title: My own isolation');

  it('inflates to the file, named as the embedded scenario in its errors', async () => {
    const result = await resolve(q({ z: await deflateToBase64url(text), start: '3' }));
    expect(result.ok && result.config.scenario).toEqual({ text, sourceName: Z_SOURCE_NAME });
    // Without inflating, the element's `parameters` keeps it compressed.
    const sync = parseEmbedParams(inputFromAttributes((n) => (n === 'z' ? 'abcd' : null)), EMBED_OPTIONS);
    expect(sync.ok && sync.compressed).toBe('abcd');
  });

  it('refuses text that is not a compressed file, and a second scenario', async () => {
    expect(messages(await resolve(q({ z: 'not base64!' })))[0]).toMatch(/^z: found 'not base64!'; expected a scenario file compressed/);
    expect(messages(await resolve(q({ z: 'AAAAAAAA' })))[0]).toMatch(/^z: found text that is not a compressed scenario file/);
    expect(messages(await resolve(q({ z: 'AAAA', scenario: 'primary-crash' })))[0]).toMatch(/^z: found a compressed scenario file together with/);
  });
});

describe('lesson and step', () => {
  const lesson = EMBED_OPTIONS.lessons!.find((l) => l.id === '02-async-lag-window')!;

  it('opens a lesson of the curriculum, at a step counted from 1', async () => {
    const result = await resolve(q({ lesson: lesson.id, step: '3', start: '12.5' }));
    expect(result.ok && result.config).toEqual({ scenario: { id: 'primary-crash' }, autoplay: false, controls: 'minimal', tUs: 12_500_000, lesson: { id: lesson.id, step: 3 } });
    const first = await resolve(q({ lesson: lesson.id }));
    expect(first.ok && first.config.lesson).toEqual({ id: lesson.id });
  });

  it('names an unknown lesson, a step out of range, a step alone and a lesson with a scenario', async () => {
    expect(messages(await resolve(q({ lesson: 'no-such-lesson' })))[0]).toMatch(/^lesson: unknown lesson 'no-such-lesson'; expected one of 01-acknowledged, 02-async-lag-window, /);
    expect(messages(await resolve(q({ lesson: lesson.id, step: String(lesson.steps + 1) }))))
      .toEqual([`step: expected a step number from 1 to ${lesson.steps} (the steps of ${lesson.id}), found '${lesson.steps + 1}'`]);
    expect(messages(await resolve(q({ lesson: lesson.id, step: '0' })))[0]).toMatch(/^step: expected a step number from 1/);
    expect(messages(await resolve(q({ step: '2' })))).toEqual(["step: found a step without a lesson; expected 'lesson' as well"]);
    expect(messages(await resolve(q({ lesson: lesson.id, scenario: 'primary-crash' })))[0]).toMatch(/^lesson: found a lesson together with a scenario/);
  });

  it('checks faults against the lesson’s own scenario', async () => {
    const errs = messages(await resolve(q({ lesson: lesson.id, faults: '[{"at":41,"kind":"crash","node":"primary"}]' })));
    expect(errs).toEqual(['faults[0]: at: found 41 s; expected at most 40 s, the end of the run']);
  });
});

describe('a share link pasted into embed.html', () => {
  it('is refused with the embed parameter that means the same, and where to get embed code', async () => {
    const [s, t] = messages(await resolve('s=primary-crash&t=25000000'));
    expect(s).toMatch(/^'s': unknown parameter; expected one of scenario, z, presets, .*\('s' belongs to the app's share links: here it is 'scenario', and the Share panel's Embed tab writes the whole embed code\)$/);
    expect(t).toMatch(/here it is 'start \(in seconds\)'/);
  });
});

describe('docs/embedding.md', () => {
  it('documents every parameter the parser takes, in its table', () => {
    const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]);
    for (const name of EMBED_PARAMS) expect(rows, name).toContain(name);
  });
});
