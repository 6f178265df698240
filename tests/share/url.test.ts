import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { deflateToBase64url, toBase64url } from '../../src/share/compress';
import { decodeShareState, encodeShareState, PARAM, ShareError, type ShareState } from '../../src/share/url';

const text = readFileSync(new URL('../../scenarios/lessons/07-partitions.yaml', import.meta.url), 'utf8');

async function error(params: URLSearchParams | string): Promise<ShareError> {
  try {
    await decodeShareState(params);
  } catch (e) {
    if (e instanceof ShareError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

describe('share URL', () => {
  it('round-trips a built-in id with presets, seed, time and injected faults', async () => {
    const state: ShareState = {
      scenario: { id: 'primary-crash' },
      presets: ['ElastiCache (async)', 'memorydb'],
      seed: 42,
      tUs: 21_500_123,
      injected: [
        { t: 12_000_001, fault: { kind: 'crash', node: 'primary' } },
        { t: 30_000_000, fault: { kind: 'az-isolate', az: 'b', durationS: 5 } },
        { t: 31_250_000, fault: { kind: 'promote', node: 'c1' } },
      ],
    };
    const params = await encodeShareState(state);
    expect(params.get(PARAM.scenario)).toBe('primary-crash');
    expect(await decodeShareState(params.toString(), { builtinIds: ['primary-crash'] })).toEqual(state);
  });

  it('round-trips a whole file, compressed, byte for byte, and it parses the same', async () => {
    const params = await encodeShareState({ scenario: { text }, injected: [] });
    expect(params.get(PARAM.file)!.length).toBeLessThan(text.length);
    const back = await decodeShareState(new URLSearchParams(params.toString()));
    expect(back).toEqual({ scenario: { text }, injected: [] });
    expect(parseScenario((back!.scenario as { text: string }).text, 'shared link').lesson?.order).toBe(7);
  });

  it('a URL without a scenario is a plain visit', async () => {
    expect(await decodeShareState('')).toBeNull();
    expect((await error('seed=3')).param).toBe(PARAM.seed);
  });

  it('names the parameter in every failure', async () => {
    const cases: [string, string, string][] = [
      ['s=Primary_Crash', 's', 'expected a scenario id'],
      ['s=a&z=b', 'z', 'expected one scenario'],
      ['s=a&s=b', 's', 'expected one'],
      ['s=a&seed=-1', 'seed', 'expected a whole number from 0 to 4294967295'],
      ['s=a&seed=1.5', 'seed', 'whole number'],
      ['s=a&t=99999999999', 't', 'from 0 to 3600000000'],
      ['s=a&f=nope', 'f[0]', 'a fault as JSON'],
      ['s=a&f=' + encodeURIComponent('{"at":1,"kind":"meteor"}'), 'f[0]', 'kind: found "meteor"; expected one of crash'],
      ['s=a&f=' + encodeURIComponent('{"at":1,"kind":"crash","node":"<script>"}'), 'f[0]', 'node: found "<script>"'],
      ['s=a&f=' + encodeURIComponent('{"at":99999,"kind":"power-loss"}'), 'f[0]', 'at most 3600'],
      ['s=a&f=' + encodeURIComponent('{"at":1,"kind":"crash","node":"a1","extra":1}'), 'f[0]', 'unknown key "extra"'],
      ['s=a&p=' + 'x'.repeat(61), 'p', 'a preset label or id'],
      ['s=a&p=1&p=2&p=3&p=4&p=5', 'p', 'at most 4'],
      ['z=!!!', 'z', 'not a compressed scenario file'],
      ['z=' + toBase64url(new Uint8Array([1, 2, 3, 4, 5])), 'z', 'not a compressed scenario file'],
    ];
    for (const [query, param, message] of cases) {
      const e = await error(query);
      expect(e.param, query).toBe(param);
      expect(e.message, query).toContain(`URL parameter "${param}"`);
      expect(e.message, query).toContain(message);
    }
  });

  it('refuses a preset given twice, naming the parameter and the preset', async () => {
    const e = await error('s=primary-crash&p=memorydb&p=memorydb');
    expect(e.param).toBe('p');
    expect(e.message).toBe('URL parameter "p": found "memorydb" twice; expected each preset once');
    // Labels that differ only by case are two presets.
    expect((await decodeShareState('s=primary-crash&p=A&p=a'))?.presets).toEqual(['A', 'a']);
  });

  it('refuses an unknown built-in id when the list is given', async () => {
    await expect(decodeShareState('s=nope', { builtinIds: ['primary-crash'] })).rejects.toThrow(/one of the built-in scenarios: primary-crash/);
  });

  it('refuses an oversized parameter before decompressing it', async () => {
    const e = await error(`z=${'A'.repeat(400_000)}`);
    expect(e.message).toMatch(/expected a compressed file of at most 256 KiB/);
  });

  it('refuses a decompression bomb quickly', async () => {
    const bomb = await deflateToBase64url('a'.repeat(50 * 1024 * 1024)); // 50 MiB of one letter, ~50 KiB compressed
    expect(bomb.length).toBeLessThan(120_000);
    const started = Date.now();
    const e = await error(`z=${bomb}`);
    expect(e.message).toMatch(/inflates past 256 KiB/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tampering with the compressed text is refused, never half-read', async () => {
    const z = (await encodeShareState({ scenario: { text }, injected: [] })).get(PARAM.file)!;
    const tampered = z.slice(0, 40) + (z[40] === 'A' ? 'B' : 'A') + z.slice(41);
    const outcome = await decodeShareState(`z=${tampered}`).then(
      (s) => (s?.scenario as { text: string }).text,
      (e: unknown) => e,
    );
    // Either the deflate stream breaks (a ShareError), or it yields other text, which the scenario parser
    // then judges like any file; it never equals the original.
    if (typeof outcome === 'string') expect(outcome).not.toBe(text);
    else expect(outcome).toBeInstanceOf(ShareError);
    const truncated = await error(`z=${z.slice(0, z.length - 30)}`);
    expect(truncated.param).toBe('z');
  });
});
