// From the running lab to a share link and back: the view as ShareState, the config a link opens on, how
// a bad link is reported and trimmed to its usable part, and Setup's changes written into the file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { decodeShareState, encodeShareState, PARAM } from '../../src/share/url';
import { editScenario } from '../../src/ui/share/edit';
import { checkAgainst, openLink, without } from '../../src/ui/share/link';
import { builtinIdOf, configOf, LINK_SOURCE_NAME, shareStateOf, shareUrl, type ViewState } from '../../src/ui/share/state';

const read = (id: string) => readFileSync(new URL(`../../scenarios/${id}.yaml`, import.meta.url), 'utf8');
const BUILTINS = ['primary-crash', 'az-isolation'].map((id) => ({ id, text: read(id), sourceName: `scenarios/${id}.yaml` }));
const primary = BUILTINS[0];

function view(over: Partial<ViewState> = {}): ViewState {
  return {
    source: { text: primary.text, sourceName: primary.sourceName },
    tUs: 25_000_400.4,
    injected: [
      { tUs: 30_000_000, fault: { kind: 'az-isolate', az: 'b', durationS: 5 } },
      { tUs: 12_345_678, fault: { kind: 'crash', node: 'b1' } },
    ],
    ...over,
  };
}

describe('view → share state', () => {
  it('names an unedited built-in by id and converts injected faults to time order', () => {
    const state = shareStateOf(view({ presets: ['memorydb', 'elasticache'], seed: 7 }), BUILTINS);
    expect(state).toEqual({
      scenario: { id: 'primary-crash' },
      presets: ['memorydb', 'elasticache'],
      seed: 7,
      tUs: 25_000_400,
      injected: [
        { t: 12_345_678, fault: { kind: 'crash', node: 'b1' } },
        { t: 30_000_000, fault: { kind: 'az-isolate', az: 'b', durationS: 5 } },
      ],
    });
  });

  it('carries the whole text once it differs from every built-in, and leaves out what was not chosen', () => {
    const edited = primary.text.replace('writesPerSec: 1000', 'writesPerSec: 2000');
    const state = shareStateOf(view({ source: { text: edited, sourceName: primary.sourceName }, injected: [] }), BUILTINS);
    expect(state.scenario).toEqual({ text: edited });
    expect('presets' in state).toBe(false);
    expect('seed' in state).toBe(false);
    expect(builtinIdOf({ text: edited, sourceName: 'x' }, BUILTINS)).toBeUndefined();
  });

  it('survives the URL codec: the link decodes to the config of the same view', async () => {
    const state = shareStateOf(view({ presets: ['memorydb', 'elasticache'], seed: 7 }), BUILTINS);
    const decoded = await decodeShareState(await encodeShareState(state), { builtinIds: BUILTINS.map((b) => b.id) });
    const config = configOf(decoded!, BUILTINS);
    expect(config).toEqual({
      scenario: { id: 'primary-crash' },
      presets: ['memorydb', 'elasticache'],
      seed: 7,
      tUs: 25_000_400,
      injected: state.injected,
      autoplay: false,
      controls: 'full',
    });
  });

  it('opens a link with only a scenario playing, and a carried file under the link source name', () => {
    expect(configOf({ scenario: { id: 'az-isolation' }, injected: [] }, BUILTINS)).toEqual({ scenario: { id: 'az-isolation' }, autoplay: true, controls: 'full' });
    expect(configOf({ scenario: { text: 'x' }, injected: [] }, BUILTINS).scenario).toEqual({ text: 'x', sourceName: LINK_SOURCE_NAME });
  });

  it('builds the URL on the page address, dropping the old query and hash; presenter mode is opt-in', () => {
    const params = new URLSearchParams([[PARAM.scenario, 'primary-crash'], [PARAM.time, '5']]);
    expect(shareUrl('http://h:1/lab/?s=old&t=9#x', params)).toBe('http://h:1/lab/?s=primary-crash&t=5');
    expect(shareUrl('http://h:1/', params, true)).toBe('http://h:1/?s=primary-crash&t=5&present');
  });
});

describe('opening a link', () => {
  it('opens a good link as it was shared', async () => {
    const params = await encodeShareState(shareStateOf(view(), BUILTINS));
    const opened = await openLink(`?${params}&present`, BUILTINS);
    expect(opened.problems).toEqual([]);
    expect(opened.present).toBe(true);
    expect(opened.config.tUs).toBe(25_000_400);
    expect(opened.config.injected).toHaveLength(2);
  });

  it('drops a malformed fault with a message naming it and keeps the rest', async () => {
    const opened = await openLink('?s=primary-crash&t=5000000&f={"at":3,"kind":"crash","node":"a1"}&f=nonsense', BUILTINS);
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]).toMatch(/^URL parameter "f\[1\]": found "nonsense"/);
    expect(opened.config.scenario).toEqual({ id: 'primary-crash' });
    expect(opened.config.tUs).toBe(5_000_000);
    expect(opened.config.injected).toEqual([{ t: 3_000_000, fault: { kind: 'crash', node: 'a1' } }]);
  });

  it("a preset given twice is named, and the scenario's own presets are shown", async () => {
    const opened = await openLink('?s=primary-crash&p=memorydb&p=memorydb&t=5000000', BUILTINS);
    expect(opened.problems).toEqual(['URL parameter "p": found "memorydb" twice; expected each preset once']);
    expect(opened.config.presets).toBeUndefined();
    expect(opened.config.tUs).toBe(5_000_000);
  });

  it('opens the default scenario when the named one does not exist, and says which parameter was wrong', async () => {
    const opened = await openLink('?s=no-such-scenario&t=5', BUILTINS);
    expect(opened.config.scenario).toEqual({ id: 'primary-crash' });
    expect(opened.config.tUs).toBeUndefined();
    expect(opened.problems.join('\n')).toMatch(/URL parameter "s": found "no-such-scenario"; expected one of the built-in scenarios/);
  });

  it('reports a carried file that does not load with its located error, and opens the default', async () => {
    const tooLong = primary.text.replace('durationS: 60', 'durationS: 99999');
    const params = await encodeShareState({ scenario: { text: tooLong }, injected: [] });
    const opened = await openLink(`?${params}`, BUILTINS);
    expect(opened.config.scenario).toEqual({ id: 'primary-crash' });
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]).toContain('URL parameter "z"');
    expect(opened.problems[0]).toMatch(/shared link:10:\d+: durationS: found 99999; expected/);
  });

  it('checks presets, faults and the clock against the scenario itself', async () => {
    const opened = await openLink('?s=primary-crash&p=nonsense&t=99000000&f={"at":3,"kind":"crash","node":"b2"}&f={"at":4,"kind":"crash","node":"b1"}', BUILTINS);
    expect(opened.config.presets).toBeUndefined();
    expect(opened.config.injected).toEqual([{ t: 4_000_000, fault: { kind: 'crash', node: 'b1' } }]);
    expect(opened.config.tUs).toBe(60_000_000);
    const text = opened.problems.join('\n');
    expect(text).toMatch(/URL parameter "p": found "nonsense"; expected one of/);
    expect(text).toMatch(/URL parameter "f" \(crash at 3 s\): found node "b2"; expected a node of this scenario: a1, b1, c1, primary, replica/);
    expect(text).toMatch(/URL parameter "t": found 99000000 µs; expected at most 60000000/);
  });

  it('leaves the faults of a link alone when they fit the scenario', () => {
    const scenario = parseScenario(primary.text, primary.sourceName);
    const config = configOf({ scenario: { id: 'primary-crash' }, tUs: 60_000_000, injected: [{ t: 60_000_000, fault: { kind: 'crash', node: 'replica' } }] }, BUILTINS);
    expect(checkAgainst(scenario, config)).toEqual([]);
    expect(config.injected).toHaveLength(1);
  });

  it("a cluster's link keeps faults on a node named with its shard, and drops the others with a message", () => {
    const cluster = parseScenario(read('cluster-az-outage'), 'scenarios/cluster-az-outage.yaml');
    const kept = [
      { t: 2_000_000, fault: { kind: 'crash' as const, node: 's2.b1' } },
      { t: 3_000_000, fault: { kind: 'reboot' as const, node: 's6.primary' } },
      { t: 4_000_000, fault: { kind: 'az-outage' as const, az: 'b' as const } },
    ];
    const config = configOf({ scenario: { id: 'cluster-az-outage' }, tUs: 5_000_000, injected: [...kept, { t: 5_000_000, fault: { kind: 'crash', node: 'b1' } }, { t: 5_000_000, fault: { kind: 'crash', node: 's7.a1' } }] }, BUILTINS);
    const problems = checkAgainst(cluster, config);
    expect(config.injected).toEqual(kept);
    expect(problems).toEqual([
      'URL parameter "f" (crash at 5 s): found node "b1"; expected a node of one shard of this cluster, named with its shard: s1.b1 … s6.b1',
      'URL parameter "f" (crash at 5 s): found node "s7.a1"; expected a node of one shard of this cluster, named with its shard: s1.a1 … s6.a1',
    ]);
  });

  it('removes exactly the parameter an error names', () => {
    const params = new URLSearchParams('s=x&p=a&f=1&f=2&f=3&present');
    expect(without(params, 'f[1]').toString()).toBe('s=x&p=a&f=1&f=3&present=');
    expect(without(params, 'p').toString()).toBe('s=x&f=1&f=2&f=3&present=');
    expect(without(params, 's').toString()).toBe('present=');
  });
});

describe('Setup changes written into the file', () => {
  it('leaves the text untouched when nothing changes', () => {
    expect(editScenario(primary.text, primary.sourceName, { workload: { writesPerSec: 1000, readsPerSec: 500 }, durationS: 60 })).toBe(primary.text);
  });

  it('writes rates, run length and seed, keeps comments, and drops faults after a shorter end', () => {
    const out = editScenario(primary.text, primary.sourceName, { workload: { writesPerSec: 2000, readFromReplicas: true }, durationS: 15, seed: 9 });
    const s = parseScenario(out, primary.sourceName);
    expect(s.workload).toMatchObject({ writesPerSec: 2000, readsPerSec: 500, readFromReplicas: true });
    expect(s.durationS).toBe(15);
    expect(s.seed).toBe(9);
    expect(s.faults).toEqual([]);
    expect(out).toContain('# yaml-language-server');
  });

  it('refuses a run past the size limit with the loader message', () => {
    expect(() => editScenario(primary.text, primary.sourceName, { workload: { writesPerSec: 5000, readsPerSec: 5000 }, durationS: 600 })).toThrow(
      /scenarios\/primary-crash\.yaml:\d+:\d+: workload: found \(5000 writes\/s \+ 5000 reads\/s\) × 600 s = 6000000 operations per preset; expected at most 5000000/,
    );
  });
});
