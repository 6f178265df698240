// The Embed tab's code generator: the view on screen → iframe and custom-element code → the embed
// parameter parser → the same view (scenario, presets, seed, clock, faults, controls, lesson and step).
import { describe, expect, it } from 'vitest';
import { EMBED_OPTIONS } from '../../src/embed/options';
import { dedent, inputFromAttributes, inputFromQuery, resolveEmbedParams, type EmbedParse } from '../../src/embed/params';
import type { LabConfig } from '../../src/ui/config';
import { CURRICULUM } from '../../src/lesson/builtin';
import { embedCodes, embedViewOf, escapeAttribute, RESIZE_SNIPPET, secondsText, type EmbedView } from '../../src/ui/share/embed-code';
import { editFault } from '../../src/ui/share/edit';
import type { ViewState } from '../../src/ui/share/state';
import { SCENARIOS } from '../../src/ui/scenarios';

const WHERE = { embedPage: 'https://docs.example/lab/embed.html', elementScript: 'https://docs.example/lab/embed/durability-lab.js', title: 'Durability Lab: "quotes" & <angles>' };
const primary = SCENARIOS.find((s) => s.id === 'primary-crash')!;

function state(over: Partial<ViewState> = {}): ViewState {
  return {
    source: { text: primary.text, sourceName: primary.sourceName },
    tUs: 25_000_400,
    injected: [
      { tUs: 30_000_000, fault: { kind: 'az-isolate', az: 'b', durationS: 5 } },
      { tUs: 12_345_678, fault: { kind: 'crash', node: 'b1' } },
    ],
    ...over,
  };
}

function config(result: EmbedParse): LabConfig {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.config;
}

/** The iframe's src, read back as embed.html reads its query. */
async function fromIframe(code: string): Promise<LabConfig> {
  const src = /<iframe src="([^"]*)"/.exec(code)![1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return config(await resolveEmbedParams(inputFromQuery(new URL(src).search), EMBED_OPTIONS));
}

/** The element's attributes and inline scenario, read back as the element reads them. */
async function fromElement(code: string): Promise<LabConfig> {
  const open = /<durability-lab([^>]*)>/.exec(code)![1];
  const attrs: Record<string, string> = {};
  for (const [, name, value] of open.matchAll(/ ([a-z]+)='([^']*)'/g)) attrs[name] = value.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const inline = /<script type="text\/yaml">\n([\s\S]*?)\n {2}<\/script>/.exec(code)?.[1] ?? null;
  return config(await resolveEmbedParams(inputFromAttributes((n) => attrs[n] ?? null, inline), EMBED_OPTIONS));
}

/** What the generated code must bring back. */
function expected(view: EmbedView, scenario: LabConfig['scenario']): LabConfig {
  const c: LabConfig = { scenario, autoplay: false, controls: view.controls, tUs: view.tUs };
  if (view.presets) c.presets = [...view.presets];
  if (view.seed !== undefined) c.seed = view.seed;
  if (view.injected.length > 0) c.injected = view.injected.map((f) => ({ ...f }));
  if (view.lesson) c.lesson = { ...view.lesson };
  return c;
}

describe('embed code of the view on screen', () => {
  it('brings back a built-in scenario with presets, seed, clock, faults and controls, from both codes', async () => {
    const { view, notes } = embedViewOf(state({ presets: ['memorydb', 'elasticache'], seed: 7 }), SCENARIOS, 'full');
    expect(notes).toEqual([]);
    const codes = await embedCodes(view, WHERE);
    const want = expected(view, { id: 'primary-crash' });
    expect(await fromIframe(codes.iframe)).toEqual(want);
    expect(await fromElement(codes.element)).toEqual(want);
    expect(codes.src).toBe(
      'https://docs.example/lab/embed.html?scenario=primary-crash&presets=memorydb%2Celasticache&controls=full&start=25.0004&seed=7&faults=' +
        encodeURIComponent('[{"at":12.345678,"kind":"crash","node":"b1"},{"at":30,"kind":"az-isolate","az":"b","durationS":5}]').replace(/%20/g, '+'),
    );
  });

  it('writes the iframe with the self-sizing lines of docs/embedding.md and an escaped title', async () => {
    const codes = await embedCodes(embedViewOf(state(), SCENARIOS, 'minimal').view, WHERE);
    expect(codes.iframe).toContain('title="Durability Lab: &quot;quotes&quot; &amp; &lt;angles&gt;"');
    expect(codes.iframe.endsWith(RESIZE_SNIPPET)).toBe(true);
    expect(codes.element.startsWith('<script src="https://docs.example/lab/embed/durability-lab.js" defer></script>\n<durability-lab ')).toBe(true);
    // Minimal is the default: the code does not spell it out.
    expect(codes.src).not.toContain('controls=');
  });

  it('carries a custom file whole: inline YAML in the element, compressed in the iframe', async () => {
    // A scenario fault removed in the lab is an edit of the running file, so it travels as the file.
    const text = editFault(primary.text, primary.sourceName, { index: 0, remove: true });
    const { view } = embedViewOf(state({ source: { text, sourceName: primary.sourceName }, injected: [] }), SCENARIOS, 'minimal');
    expect(view.scenario).toEqual({ text });
    const codes = await embedCodes(view, WHERE);
    const iframe = await fromIframe(codes.iframe);
    expect(iframe.scenario).toEqual({ text, sourceName: 'embedded scenario (z parameter)' });
    const element = await fromElement(codes.element);
    expect((element.scenario as { text: string }).text).toBe(dedent(text));
    expect(codes.element).toMatch(/<script type="text\/yaml">\n {4}# yaml-language-server[^\n]*\n {4}title: /);
    expect(codes.element).not.toContain(" z='");
  });

  it('puts a file that could end its <script> early into z instead', async () => {
    const text = primary.text.replace(/^title: .*$/m, 'title: "A </script> in the title"');
    const codes = await embedCodes(embedViewOf(state({ source: { text, sourceName: 'x.yaml' } }), SCENARIOS, 'minimal').view, WHERE);
    expect(codes.element).not.toContain('text/yaml');
    expect((await fromElement(codes.element)).scenario).toEqual({ text, sourceName: 'embedded scenario (z parameter)' });
  });

  it('opens the lesson on screen at its step, with the faults injected by hand', async () => {
    const lesson = CURRICULUM.find((e) => e.id === '02-async-lag-window')!;
    const s = state({ source: { text: lesson.text, sourceName: `scenarios/lessons/${lesson.id}.yaml` }, tUs: 18_500_000, injected: [{ tUs: 15_000_000, fault: { kind: 'crash', node: 'b1' } }] });
    const { view, notes } = embedViewOf(s, SCENARIOS, 'minimal', { id: lesson.id, step: 3, text: lesson.text });
    expect(notes).toEqual([]);
    const codes = await embedCodes(view, WHERE);
    expect(codes.src).toMatch(/\?lesson=02-async-lag-window&step=3&start=18\.5&faults=/);
    const want = expected(view, { id: 'primary-crash' });
    expect(await fromIframe(codes.iframe)).toEqual(want);
    expect(await fromElement(codes.element)).toEqual(want);
    // A lesson whose scenario was changed in the lab says that the embed runs the lesson's own.
    const changed = embedViewOf({ ...s, source: { text: `${lesson.text}\n# edited`, sourceName: 'x' } }, SCENARIOS, 'minimal', { id: lesson.id, step: 3, text: lesson.text });
    expect(changed.notes).toHaveLength(1);
  });

  it('writes seconds as start takes them, and escapes attribute values', () => {
    expect(secondsText(0)).toBe('0');
    expect(secondsText(25_000_000)).toBe('25');
    expect(secondsText(1)).toBe('0.000001');
    expect(secondsText(3_600_000_000)).toBe('3600');
    expect(escapeAttribute(`'"<&>`)).toBe('&#39;&quot;&lt;&amp;&gt;');
  });
});
