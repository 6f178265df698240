// The first pictures' data, computed at build time: every built-in scenario and lesson the loaded lab
// knows, in the same order, with the nodes and labels the model gives at 0 s.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPreviewManifest } from '../../src/embed/preview-manifest';
import { previewModel } from '../../src/embed/preview';
import { EMBED_OPTIONS } from '../../src/embed/options';
import { PRESET_IDS, PRESETS } from '../../src/sim/presets';

const read = (dir: string) => Object.fromEntries(readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => [`${dir}/${n}`, readFileSync(`${dir}/${n}`, 'utf8')]));
const manifest = buildPreviewManifest(read('scenarios'), read('scenarios/lessons'));

describe('the preview manifest', () => {
  it('lists the built-in scenarios, lessons and presets as the loaded lab does', () => {
    expect(Object.keys(manifest.scenarios)).toEqual(EMBED_OPTIONS.builtinIds);
    expect(Object.entries(manifest.lessons).map(([id, l]) => ({ id, steps: l.steps }))).toEqual(EMBED_OPTIONS.lessons!.map(({ id, steps }) => ({ id, steps })));
    expect(Object.keys(manifest.presets)).toEqual(PRESET_IDS);
    for (const id of PRESET_IDS) expect(manifest.presets[id].label).toBe(PRESETS[id].label);
  });

  it('draws the nodes of each AZ at 0 s, and names the panes as the scenario does', () => {
    const crash = manifest.scenarios['primary-crash'];
    expect(crash.title).toBe('Primary crash under load');
    expect(crash.nodes).toEqual([
      { id: 'a1', role: 'primary', az: 'a' },
      { id: 'b1', role: 'replica', az: 'b' },
      { id: 'c1', role: 'replica', az: 'c' },
    ]);
    const model = previewModel({ scenario: { id: 'primary-crash' }, presets: ['memorydb', 'elasticache'], autoplay: true, controls: 'minimal', tUs: 28e6 }, manifest);
    expect(model.panes.map((p) => [p.label, p.family])).toEqual([
      ['MemoryDB (log)', 'durable'],
      ['ElastiCache (async)', 'cache'],
    ]);
    expect(model.startS).toBe(28);
    expect(model.durationS).toBe(crash.durationS);
  });

  it('reads only the title of a file it cannot parse yet, as text', () => {
    const model = previewModel({ scenario: { text: 'title: <b>Mine</b>\ndurationS: 10\n', sourceName: 'inline' }, presets: ['memorydb'], autoplay: false, controls: 'minimal' }, manifest);
    expect(model.title).toBe('<b>Mine</b>');
    expect(model.scenario).toBeNull();
    expect(model.durationS).toBeNull();
  });
});
