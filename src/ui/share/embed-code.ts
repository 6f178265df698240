// The embed code of the current view, as the Share panel's Embed tab shows it: an iframe of embed.html
// (with the few lines that size it, from docs/embedding.md) and a <durability-lab> element. Both carry
// what a share link carries, written as embed parameters (src/embed/params.ts reads them back): the
// scenario (a built-in by id; any other file whole), the presets, the seed, the clock, the faults
// injected by hand (the link's fault JSON, in one `faults` list), `controls`, and the lesson and step when
// a lesson is open. Pure apart from compression: no DOM.
import { deflateToBase64url } from '../../share/compress';
import { faultJson } from '../../share/url';
import { PRESET_IDS } from '../../sim/presets';
import type { InjectedFault } from '../../sim/timemachine';
import { builtinIdOf, type BuiltinFile, type ViewState } from './state';

export type EmbedControls = 'minimal' | 'full';

/** What an embed of the view says, before it is written as code. */
export interface EmbedView {
  /** A built-in scenario by id, or the whole file (a custom or edited one); absent with a lesson. */
  scenario?: { id: string } | { text: string };
  /** The open lesson and its step (from 1): the lesson runs its own scenario. */
  lesson?: { id: string; step: number };
  presets?: readonly string[];
  seed?: number;
  tUs: number;
  injected: readonly InjectedFault[];
  controls: EmbedControls;
}

export interface OpenLesson {
  id: string;
  /** From 1. */
  step: number;
  /** The lesson's own scenario file. */
  text: string;
}

export interface EmbedViewResult {
  view: EmbedView;
  /** What the embed cannot carry, in words for the panel; empty when it reproduces the view exactly. */
  notes: string[];
}

/** The embed of what is on screen. */
export function embedViewOf(state: ViewState, builtins: readonly BuiltinFile[], controls: EmbedControls, lesson?: OpenLesson): EmbedViewResult {
  const notes: string[] = [];
  const view: EmbedView = {
    tUs: Math.max(0, Math.round(state.tUs)),
    // A stable sort: same-instant faults keep their order, the one the simulation applies them in.
    injected: [...state.injected].sort((a, b) => a.tUs - b.tUs).map(({ tUs, fault }) => ({ t: Math.round(tUs), fault: structuredClone(fault) })),
    controls,
  };
  if (lesson) {
    view.lesson = { id: lesson.id, step: lesson.step };
    if (state.source.text !== lesson.text) notes.push("The embed runs the lesson's own scenario: changes made to it here (knobs, moved or removed faults) are not carried.");
  } else {
    const id = builtinIdOf(state.source, builtins);
    view.scenario = id !== undefined ? { id } : { text: state.source.text };
  }
  if (state.presets && state.presets.length > 0) {
    if (state.presets.every((p) => (PRESET_IDS as readonly string[]).includes(p))) view.presets = [...state.presets];
    else notes.push(`The panes are named by labels (${state.presets.join(', ')}), which an embed does not take: it shows the scenario's own presets.`);
  }
  if (state.seed !== undefined) view.seed = state.seed;
  return { view, notes };
}

/** Seconds as `start` takes them: digits and at most six decimals (whole µs), no exponent. */
export function secondsText(tUs: number): string {
  const us = Math.max(0, Math.round(tUs));
  const whole = Math.floor(us / 1e6);
  const frac = String(us % 1e6).padStart(6, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/** The view as embed parameters, in the documented order; `z` is the whole file compressed. */
export async function embedParams(view: EmbedView, options: { inlineFile?: boolean } = {}): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  if (view.lesson) out.push(['lesson', view.lesson.id], ['step', String(view.lesson.step)]);
  else if (view.scenario && 'id' in view.scenario) out.push(['scenario', view.scenario.id]);
  else if (view.scenario && !options.inlineFile) out.push(['z', await deflateToBase64url(view.scenario.text)]);
  if (view.presets && view.presets.length > 0) out.push(['presets', view.presets.join(',')]);
  if (view.controls !== 'minimal') out.push(['controls', view.controls]);
  out.push(['start', secondsText(view.tUs)]);
  if (view.seed !== undefined) out.push(['seed', String(view.seed)]);
  if (view.injected.length > 0) out.push(['faults', JSON.stringify(view.injected.map(faultJson))]);
  return out;
}

/** The lines of docs/embedding.md that size every iframe of embed.html to its content. */
export const RESIZE_SNIPPET = `<script>
  addEventListener('message', (e) => {
    if (e.data?.source !== 'durability-lab' || e.data.type !== 'resize') return;
    for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) Object.assign(f.style, { boxSizing: 'content-box', height: \`\${Number(e.data.detail.height)}px\` });
  });
</script>`;

export interface EmbedCodes {
  /** embed.html's address with the view's parameters. */
  src: string;
  iframe: string;
  element: string;
}

/**
 * Both codes for a view. `embedPage` is the address of embed.html and `elementScript` that of
 * durability-lab.js (both next to the app); `title` names the iframe for screen readers.
 */
export async function embedCodes(view: EmbedView, where: { embedPage: string; elementScript: string; title: string }): Promise<EmbedCodes> {
  const url = new URL(where.embedPage);
  url.hash = '';
  url.search = new URLSearchParams(await embedParams(view)).toString();
  const src = url.href;
  const iframe = `<iframe src="${escapeAttribute(src)}"\n        title="${escapeAttribute(where.title)}" width="100%" height="860" style="border: 0"></iframe>\n${RESIZE_SNIPPET}`;

  // A custom file goes inline, readable, in a child <script type="text/yaml">; text that could end that
  // element early (`</script`, `<!--`) goes compressed in `z` instead.
  const text = view.scenario && 'text' in view.scenario ? view.scenario.text : undefined;
  const inline = text !== undefined && !/<\/script|<!--/i.test(text);
  const attributes = (await embedParams(view, { inlineFile: inline })).map(([name, value]) => ` ${name}='${escapeAttribute(value)}'`).join('');
  const script = `<script src="${escapeAttribute(where.elementScript)}" defer></script>`;
  const body = inline ? `\n  <script type="text/yaml">\n${indent(text!, '    ')}\n  </script>\n` : '';
  const element = `${script}\n<durability-lab${attributes}>${body}</durability-lab>`;
  return { src, iframe, element };
}

/** Safe inside a single- or double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function indent(text: string, by: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : by + line))
    .join('\n');
}
