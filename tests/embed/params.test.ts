import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMBED_SCENARIO,
  EMBED_PARAMS,
  EmbedParamError,
  INLINE_SOURCE_NAME,
  dedent,
  describeErrors,
  inputFromAttributes,
  inputFromQuery,
  parseEmbedParams,
  resolveEmbedParams,
  type EmbedInput,
  type EmbedParse,
} from '../../src/embed/params';
import { parseScenario } from '../../src/lesson/file';
import { LIMITS } from '../../src/scenario/limits';
import { resolveRuns } from '../../src/scenario/load';
import { PRESET_IDS } from '../../src/sim/presets';
import type { LabConfig } from '../../src/ui/config';

const BUILTIN = readdirSync(new URL('../../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const opts = { builtinIds: BUILTIN };

function query(q: string): EmbedParse {
  return parseEmbedParams(inputFromQuery(q), opts);
}

function attrs(values: Record<string, string>, inline: string | null = null): EmbedParse {
  return parseEmbedParams(
    inputFromAttributes((n) => (Object.prototype.hasOwnProperty.call(values, n) ? values[n] : null), inline),
    opts,
  );
}

function config(result: EmbedParse): LabConfig {
  if (!result.ok) throw new Error(`expected a config, got errors:\n${describeErrors(result.errors)}`);
  return result.config;
}

function errors(result: EmbedParse): EmbedParamError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.config)}`);
  return result.errors;
}

describe('embed parameters', () => {
  it('knows the built-in scenarios it is tested against', () => {
    expect(BUILTIN).toContain('primary-crash');
    expect(BUILTIN).toContain('az-isolation');
  });

  it('defaults to the primary-crash scenario, paused, minimal controls, the scenario’s own presets and seed', () => {
    for (const result of [query(''), attrs({})]) {
      expect(config(result)).toEqual({ scenario: { id: DEFAULT_EMBED_SCENARIO }, autoplay: false, controls: 'minimal' });
    }
  });

  it('reads every parameter from a query string, bare flags included', () => {
    const c = config(query('scenario=az-isolation&presets=memorydb,elasticache&autoplay&controls=full&start=12.5&seed=7'));
    expect(c).toEqual({
      scenario: { id: 'az-isolation' },
      presets: ['memorydb', 'elasticache'],
      autoplay: true,
      controls: 'full',
      tUs: 12_500_000,
      seed: 7,
    });
  });

  it('reads the same parameters from attributes, with the same result', () => {
    const fromAttrs = config(
      attrs({ scenario: 'az-isolation', presets: ' memorydb , elasticache ', autoplay: '', controls: 'full', start: '12.5', seed: '7' }),
    );
    expect(fromAttrs).toEqual(config(query('scenario=az-isolation&presets=memorydb,elasticache&autoplay&controls=full&start=12.5&seed=7')));
  });

  it('accepts the spellings of a boolean flag and refuses anything else', () => {
    expect(config(attrs({ autoplay: 'autoplay' })).autoplay).toBe(true);
    expect(config(attrs({ autoplay: 'TRUE' })).autoplay).toBe(true);
    expect(config(attrs({ autoplay: 'false' })).autoplay).toBe(false);
    const [e] = errors(attrs({ autoplay: 'yes please' }));
    expect(e.param).toBe('autoplay');
    expect(e.message).toBe("autoplay: expected no value, 'true' or 'false', found 'yes please'");
  });

  it('names an unknown preset and lists the valid ones', () => {
    const [e] = errors(query('presets=elasticache,foo'));
    expect(e.param).toBe('presets');
    expect(e.message).toBe(`presets: unknown preset 'foo'; expected one of ${PRESET_IDS.join(', ')}`);
  });

  it('refuses empty, repeated and too many presets', () => {
    expect(errors(query('presets=')).map((e) => e.param)).toEqual(['presets']);
    expect(errors(query('presets=memorydb,,elasticache'))[0].message).toMatch(/^presets: found 'memorydb,,elasticache'; expected preset ids separated by commas/);
    expect(errors(query('presets=memorydb,memorydb'))[0].message).toBe("presets: found 'memorydb' twice; expected each preset once");
    const five = PRESET_IDS.slice(0, LIMITS.maxPresets + 1).join(',');
    expect(errors(query(`presets=${five}`))[0].message).toBe(`presets: found ${LIMITS.maxPresets + 1} presets; expected at most ${LIMITS.maxPresets}`);
  });

  it('checks start as seconds ≥ 0 within the longest scenario', () => {
    expect(config(query('start=0')).tUs).toBe(0);
    expect(config(query('start=3600')).tUs).toBe(3_600_000_000);
    expect(config(query('start=0.000001')).tUs).toBe(1);
    // Every refusal names the range and the form, also for values too long or too large to be read as seconds.
    for (const bad of ['abc', '-1', '1e3', '12,5', 'Infinity', 'NaN', '0x10', '', '3601', '3600.000001', '99999999', '1e308']) {
      const [e] = errors(query(`start=${encodeURIComponent(bad)}`));
      expect(e.param).toBe('start');
      expect(e.message).toBe(`start: expected seconds from 0 to 3600, as digits with an optional decimal point (28, 12.5), found '${bad}'`);
    }
  });

  it('checks the seed as a whole number of 32 bits', () => {
    expect(config(query('seed=0')).seed).toBe(0);
    expect(config(query('seed=4294967295')).seed).toBe(4294967295);
    for (const bad of ['4294967296', '-3', '1.5', 'seven', '99999999999999999999']) {
      expect(errors(query(`seed=${bad}`))[0].message).toMatch(/^seed: expected a whole number from 0 to 4294967295, found '/);
    }
  });

  it('checks controls and the scenario id against the built-in list', () => {
    expect(errors(query('controls=everything'))[0].message).toBe("controls: expected 'minimal' or 'full', found 'everything'");
    const [e] = errors(query('scenario=../../etc/passwd'));
    expect(e.param).toBe('scenario');
    expect(e.message).toBe(`scenario: unknown scenario '../../etc/passwd'; expected one of ${BUILTIN.join(', ')}`);
    expect(errors(query('scenario=no-such-scenario'))[0].param).toBe('scenario');
  });

  it('reports every wrong parameter at once, each by name', () => {
    const all = errors(query('scenario=nope&presets=foo&autoplay=maybe&controls=x&start=abc&seed=-1'));
    expect(all.map((e) => e.param)).toEqual(['scenario', 'presets', 'autoplay', 'controls', 'start', 'seed']);
    expect(describeErrors(all).split('\n')).toHaveLength(6);
  });

  it('refuses unknown and repeated query parameters, so a typo is not silently ignored', () => {
    const [unknown] = errors(query('preset=memorydb'));
    expect(unknown.message).toBe(`'preset': unknown parameter; expected one of ${EMBED_PARAMS.join(', ')}`);
    const [twice] = errors(query('seed=1&seed=2'));
    expect(twice.message).toBe('seed: found 2 values; expected one');
  });

  it('leaves attributes that belong to the host page alone', () => {
    const result = parseEmbedParams(inputFromAttributes((n) => ({ id: 'x', class: 'y', style: 'color: red', onclick: 'alert(1)' })[n] ?? null), opts);
    expect(config(result)).toEqual({ scenario: { id: DEFAULT_EMBED_SCENARIO }, autoplay: false, controls: 'minimal' });
  });

  describe('hostile values', () => {
    const attempts = [
      '<img src=x onerror="globalThis.__pwned=1">',
      '"><script>globalThis.__pwned=1</script>',
      "javascript:globalThis.__pwned=1",
      '${globalThis.__pwned=1}',
      "'); globalThis.__pwned=1; ('",
      'primary-crash\n<script>alert(1)</script>',
      'constructor',
      '__proto__',
    ];

    it('are refused as data: nothing runs, and the message names the attribute', async () => {
      const g = globalThis as { __pwned?: number };
      delete g.__pwned;
      for (const attack of attempts) {
        for (const name of EMBED_PARAMS.filter((n) => n !== 'autoplay' || attack !== '')) {
          // The whole check, a compressed file (`z`) inflated too; `step` needs a lesson to be looked at.
          const values: Record<string, string> = { [name]: attack };
          const input = inputFromAttributes((n) => (Object.prototype.hasOwnProperty.call(values, n) ? values[n] : null));
          const [e] = errors(await resolveEmbedParams(input, opts));
          expect(e.param).toBe(name);
          expect(e.message.startsWith(`${name}: `)).toBe(true);
          // Quoted once, control characters escaped: a line break cannot forge a second message line.
          expect(e.message.split('\n')).toHaveLength(1);
        }
      }
      expect(g.__pwned).toBeUndefined();
    });

    it('are quoted short, so one value cannot flood the message', () => {
      const [e] = errors(attrs({ presets: 'x'.repeat(900) }));
      expect(e.message).toContain(`unknown preset '${'x'.repeat(LIMITS.maxQuotedChars - 1)}…'`);
      expect(e.message).not.toContain('x'.repeat(LIMITS.maxQuotedChars));
      const [long] = errors(attrs({ seed: '1'.repeat(5000) }));
      expect(long.message).toBe('seed: found 5000 characters; expected at most 1000');
    });

    it('never reach a scenario id or preset list through prototype names', () => {
      expect(errors(query('__proto__=1'))[0].param).toBe("'__proto__'");
      expect(errors(query('presets=__proto__'))[0].param).toBe('presets');
      expect(errors(query('scenario=constructor'))[0].param).toBe('scenario');
    });
  });

  describe('inline scenario', () => {
    const yaml = `
        title: Inline
        seed: 3
        durationS: 30
        topology: { primary: a, replicas: [b, c], clients: [a] }
        presets: [elasticache, memorydb]
        workload: { writesPerSec: 100, readsPerSec: 0 }
        faults:
          - { at: 10, kind: crash, node: primary }
    `;

    it('is dedented and handed to the scenario loader, which accepts it', () => {
      const c = config(attrs({ presets: 'memorydb' }, yaml));
      expect(c.scenario).toEqual({ text: dedent(yaml), sourceName: INLINE_SOURCE_NAME });
      const text = (c.scenario as { text: string }).text;
      expect(text.startsWith('title: Inline\n')).toBe(true);
      const runs = resolveRuns(parseScenario(text, INLINE_SOURCE_NAME), { presets: c.presets });
      expect(runs.map((r) => r.presetId)).toEqual(['memorydb']);
      expect(runs[0].faults).toHaveLength(1);
    });

    it('goes through the schema: a wrong inline file fails in the loader with the inline source named', () => {
      const c = config(attrs({}, 'title: x\ndurationS: 100000\n'));
      const text = (c.scenario as { text: string }).text;
      expect(() => parseScenario(text, INLINE_SOURCE_NAME)).toThrow(INLINE_SOURCE_NAME);
    });

    it('is refused when empty, too large, or given together with a scenario attribute', () => {
      expect(errors(attrs({}, '   \n  '))[0].message).toBe('scenario: found an empty <script type="text/yaml">; expected a scenario file');
      const big = errors(attrs({}, 'a'.repeat(LIMITS.maxFileBytes + 1)))[0];
      expect(big.message).toBe(`scenario: found an inline scenario of ${LIMITS.maxFileBytes + 1} bytes; expected at most ${LIMITS.maxFileBytes / 1024} KiB`);
      expect(errors(attrs({ scenario: 'primary-crash' }, yaml))[0].message).toMatch(/^scenario: found both a scenario attribute and an inline/);
    });
  });

  it('dedents by the indentation shared by every line, keeping nested indentation', () => {
    expect(dedent('\n    a: 1\n    b:\n      - 2\n\n    c: 3\n  ')).toBe('a: 1\nb:\n  - 2\n\nc: 3\n');
    expect(dedent('a: 1\r\n  b: 2')).toBe('a: 1\n  b: 2\n');
  });

  it('produces inputs with only the known parameters', () => {
    const input: EmbedInput = inputFromQuery('scenario=primary-crash&seed=1');
    expect(input.values).toEqual({ scenario: 'primary-crash', seed: '1' });
    expect(input.problems).toEqual([]);
  });
});
