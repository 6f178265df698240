// An embed's first picture, drawn before the simulation is loaded: the scenario's title, its panes with
// the nodes of each AZ where the live picture puts them (src/ui/panes/layout.ts), the clock at the start
// instant, and a button that loads the simulation. Plain DOM, no framework: this is part of the small
// first-load script. It shows no number the model has not computed: at t = 0 no write has happened, and a
// later start says the run will be computed up to it rather than guessing what it holds.
import { heightOf, laneBottom, laneCentre, laneX, nodePositions, storeY, WIDTH, Y } from '../ui/panes/layout';
import type { PaneView } from '../sim/view';
import { AZS } from '../sim/types';
import type { LabConfig } from '../ui/config';
import type { PreviewManifest, PreviewScenario } from './preview-types';
import { METRICS } from '../ui/metrics';
import { describeErrors, type EmbedParamError } from './params-core';

const SVG = 'http://www.w3.org/2000/svg';

/** What the first picture shows: a built-in scenario or lesson from the manifest, or a file we cannot read yet. */
export interface PreviewModel {
  title: string;
  /** Null for a scenario file given inline or compressed: its length is known once it is parsed. */
  durationS: number | null;
  startS: number;
  autoplay: boolean;
  panes: Array<{ label: string; family: 'cache' | 'durable'; subtitle: string }>;
  scenario: PreviewScenario | null;
}

export function previewModel(config: LabConfig, manifest: PreviewManifest): PreviewModel {
  const lesson = config.lesson ? manifest.lessons[config.lesson.id] : undefined;
  const scenario = lesson?.scenario ?? ('id' in config.scenario ? manifest.scenarios[config.scenario.id] : undefined) ?? null;
  const startS = (config.tUs ?? 0) / 1e6;
  if (!scenario) {
    // An inline or compressed file: its title is only read as text, never as markup.
    const text = 'text' in config.scenario ? config.scenario.text : '';
    const title = /^title:\s*['"]?(.{1,120}?)['"]?\s*$/m.exec(text)?.[1] ?? 'A scenario of this page';
    const panes = (config.presets ?? []).map((id) => ({ label: manifest.presets[id]?.label ?? id, family: manifest.presets[id]?.family ?? 'cache', subtitle: manifest.presets[id]?.subtitle ?? '' }));
    return { title, durationS: null, startS, autoplay: config.autoplay, panes, scenario: null };
  }
  const ids = config.presets ?? scenario.presets;
  const panes = ids.map((id) => ({
    label: scenario.labels[id] ?? manifest.presets[id]?.label ?? id,
    family: manifest.presets[id]?.family ?? 'cache',
    subtitle: scenario.subtitles[id] ?? manifest.presets[id]?.subtitle ?? '',
  }));
  return { title: scenario.title, durationS: scenario.durationS, startS, autoplay: config.autoplay, panes, scenario };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const seconds = (s: number) => `${s.toFixed(3)} s`;
let drawn = 0;

export interface Preview {
  element: HTMLElement;
  /** The load button, to take focus back from. */
  button: HTMLButtonElement;
  /** Says the simulation is on its way (after a click, or when the embed came into view). */
  loading(): void;
  /** The download failed: says so, and lets the reader try again. */
  failed(message: string): void;
}

/**
 * The first picture: `onload` runs when the reader asks for the simulation. Its parts are the loaded lab's,
 * in the same order and sizes (the playback bar, the status line, the panes, the timeline, the outcome
 * table), so the lab replaces it in place; what the model has not computed yet is not shown.
 */
export function drawPreview(model: PreviewModel, onload: () => void): Preview {
  const root = el('div', 'dlp');
  root.setAttribute('data-testid', 'preview');
  root.setAttribute('role', 'group');
  const titleId = `dlp-title-${++drawn}`;
  const statusId = `dlp-status-${drawn}`;
  root.setAttribute('aria-labelledby', titleId);
  root.setAttribute('aria-describedby', statusId);

  const bar = el('div', 'dlp-bar');
  const button = el('button', 'dlp-load');
  button.type = 'button';
  button.setAttribute('data-testid', 'preview-load');
  const icon = svg('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', width: 14, height: 14 });
  icon.append(svg('path', { d: 'M4 2 L13 8 L4 14 Z', fill: 'currentColor' }));
  const words = el('span', '', model.autoplay ? 'Load and play' : 'Load simulation');
  button.append(icon, words);
  // Not disabled while loading (a disabled button would drop the focus): it only says it is busy.
  button.addEventListener('click', () => button.getAttribute('aria-disabled') !== 'true' && onload());
  const clock = el('p', 'dlp-clock');
  clock.setAttribute('data-testid', 'preview-clock');
  clock.setAttribute('data-t', String(Math.round(model.startS * 1e6)));
  clock.append(el('strong', '', seconds(model.startS)), document.createTextNode(model.durationS === null ? '' : ` / ${model.durationS} s`));
  const title = el('p', 'dlp-title', model.title);
  title.id = titleId;
  bar.append(button, clock, title);

  const status = el('p', 'dlp-status');
  status.id = statusId;
  status.setAttribute('role', 'status');
  const count = model.panes.length === 1 ? 'one configuration' : `${model.panes.length} configurations`;
  const idle = `Preview of ${model.panes.length > 0 ? `${count} on one clock` : 'the simulation'}: not loaded yet. ${model.startS > 0 ? `Loading it computes the run up to ${model.startS} s.` : 'No write has happened yet.'}`;
  status.textContent = idle;

  const panes = el('div', 'dlp-panes');
  for (const pane of model.panes) panes.append(drawPane(pane, model));
  root.append(bar, el('div', 'dlp-status-line'), panes);
  root.children[1].append(status);
  if (model.panes.length > 0) root.append(drawTimeline(model), drawTable(model));

  return {
    element: root,
    button,
    loading() {
      button.setAttribute('aria-disabled', 'true');
      words.textContent = 'Loading…';
      status.textContent = model.startS > 0 ? `Loading the simulation and computing the run up to ${model.startS} s…` : 'Loading the simulation…';
    },
    failed(message) {
      button.removeAttribute('aria-disabled');
      words.textContent = 'Try again';
      status.textContent = message;
    },
  };
}

function drawPane(pane: PreviewModel['panes'][number], model: PreviewModel): HTMLElement {
  const section = el('section', 'dlp-pane');
  section.setAttribute('data-testid', 'preview-pane');
  section.append(el('h2', '', pane.label));
  const scenario = model.scenario;
  const nodes = scenario?.nodes ?? [];
  const primary = nodes.find((n) => n.role === 'primary');
  // The roles drawn are those at 0 s: a later start may find another primary, so none is named then.
  const sub = el('p', 'dlp-sub', pane.subtitle);
  if (primary && model.startS === 0) sub.append(document.createTextNode(' · primary '), el('strong', '', primary.id));
  section.append(sub);
  const rows = scenario?.rows ?? 3;
  const height = heightOf({ family: pane.family, fates: { rows: new Array(rows) } as unknown as PaneView['fates'] });
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
  const where = nodes.length === 0 ? 'the nodes of the scenario file, once it is read' : nodes.map((n) => (model.startS === 0 ? `${n.id} (${n.role}, AZ ${n.az})` : `${n.id} (AZ ${n.az})`)).join(', ');
  picture.setAttribute('aria-label', `${pane.label}, not loaded yet: ${where}.${scenario && scenario.shards > 1 ? ` The first of ${scenario.shards} shards.` : ''}`);
  const laneW = WIDTH / 3;
  for (const az of AZS) {
    picture.append(svg('rect', { x: laneX(az) + 2, y: 1, width: laneW - 4, height: laneBottom(pane.family), rx: 6, class: 'lane' }));
    picture.append(svg('rect', { x: laneX(az) + 6, y: 3, width: laneW - 12, height: 20, rx: 4, class: 'head' }));
    picture.append(svg('text', { x: laneCentre(az), y: Y.header, class: 'bold' }, `AZ ${az}`));
  }
  const positions = nodePositions({ nodes } as unknown as PaneView);
  // Roles are drawn at 0 s only: by a later start another node may be the primary.
  const roles = model.startS === 0;
  const at = primary ? positions.get(primary.id) : undefined;
  for (const n of nodes) {
    const p = positions.get(n.id);
    if (roles && at && p && n.role === 'replica') picture.append(svg('line', { x1: at.x, y1: at.y + 8, x2: p.x, y2: p.y + 8, class: 'stream' }));
  }
  for (const az of scenario?.clients ?? []) {
    const g = svg('g', { transform: `translate(${laneCentre(az)} ${Y.clients})` });
    g.append(svg('rect', { x: -30, y: -9, width: 60, height: 18, rx: 9, class: 'box' }), svg('text', { y: 0 }, 'clients'));
    picture.append(g);
  }
  for (const n of nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const g = svg('g', { transform: `translate(${p.x} ${p.y})` });
    g.append(roles && n.role === 'primary' ? svg('rect', { x: -19, y: -19, width: 38, height: 38, rx: 4, class: 'node' }) : svg('circle', { r: 18, class: roles ? 'node' : 'node dashed-node' }));
    g.append(svg('text', { y: -28, class: 'bold' }, n.id));
    if (roles) g.append(svg('text', { y: 30, class: 'small' }, n.role === 'primary' ? 'PRIMARY' : 'replica'));
    picture.append(g);
  }
  if (pane.family === 'durable') {
    for (const az of AZS) {
      const g = svg('g', { transform: `translate(${laneCentre(az)} ${Y.log})` });
      g.append(svg('rect', { x: -46, y: -10, width: 92, height: 20, rx: 3, class: 'box' }), svg('text', {}, `log copy ${az}`));
      picture.append(g);
    }
  }
  const store = svg('g', { transform: `translate(${WIDTH / 2} ${storeY(pane.family)})` });
  store.append(svg('rect', { x: -132, y: -10, width: 264, height: 20, rx: 3, class: 'box dashed' }), svg('text', {}, 'snapshot store (regional)'));
  picture.append(store);
  const note = model.startS > 0 ? `computed when the run is loaded to ${model.startS} s` : 'none yet: no write has happened';
  picture.append(svg('text', { x: WIDTH / 2, y: storeY(pane.family) + 22, class: 'bold' }, 'acknowledged writes'));
  picture.append(svg('text', { x: WIDTH / 2, y: storeY(pane.family) + 46, class: 'small' }, note));
  section.append(picture);
  section.append(
    el('p', 'dlp-motion', `Requests, replies and ${pane.family === 'durable' ? 'log appends' : 'replication'} are drawn here as they travel, once the simulation is loaded. Nothing is in motion in this preview.`),
  );
  section.append(el('p', 'dlp-kept', 'Lost writes: counted once it is loaded'));
  return section;
}

/** The timeline's frame: one row per pane, the clock at the start, and the legend the loaded lab shows. */
function drawTimeline(model: PreviewModel): HTMLElement {
  const box = el('div', 'dlp-timeline');
  box.setAttribute('aria-hidden', 'true');
  const track = el('div', 'dlp-track');
  track.style.height = `calc(${Math.max(1, model.panes.length)}rem + 4px)`;
  const scrub = el('div', 'dlp-scrub');
  const fill = el('div', 'dlp-fill');
  fill.style.width = model.durationS ? `${Math.min(100, (100 * model.startS) / model.durationS)}%` : '0';
  scrub.append(fill);
  const legend = el('p', 'dlp-legend');
  for (const words of ['fault', 'failover', 'writes lost', "the scenario's fault, before it happens", 'your fault', 'one row per pane, top to bottom; select a marker to go there']) legend.append(el('span', '', words));
  box.append(track, scrub, legend);
  return box;
}

/** The outcome table's frame: its measures, and no number (none has been computed). */
function drawTable(model: PreviewModel): HTMLElement {
  const scroller = el('div', 'dlp-lower');
  const table = el('table', 'dlp-table');
  table.append(el('caption', '', `Outcome at ${model.startS.toFixed(1)} s`));
  const head = el('tr', '');
  head.append(el('th', '', 'Measure'));
  for (const pane of model.panes) head.append(el('th', '', pane.label));
  table.append(head);
  for (const metric of METRICS) {
    const row = el('tr', '');
    row.append(el('th', '', metric.label));
    for (let i = 0; i < model.panes.length; i++) row.append(el('td', '', '…'));
    table.append(row);
  }
  scroller.append(table);
  return scroller;
}

/** Wrong parameters: the message Embed.svelte shows, drawn without loading the simulation. */
export function drawParamErrors(errors: readonly EmbedParamError[]): HTMLElement {
  const box = el('div', 'embed-error');
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'embed-error');
  const head = el('p', '');
  head.append(el('strong', '', `This Durability Lab embed has ${errors.length === 1 ? 'a parameter' : 'parameters'} it cannot use:`));
  box.append(head, el('pre', '', describeErrors(errors)), el('p', '', 'The README\'s "Embedding" section lists every parameter and the values each accepts.'));
  return box;
}

/**
 * The loaded lab is laid out in `layer` (hidden by the class `pending`) while the first picture stays;
 * once the lab has drawn its panes, or a message, the picture gives way to it. Focus on the picture's
 * button moves to the lab's play button. `current` says whether this load still matters.
 */
export function revealWhenDrawn(layer: HTMLElement, preview: Preview, current: () => boolean): void {
  const check = () => {
    if (!current()) return;
    if (!layer.querySelector('[data-testid^="pane-"], [role="alert"]')) {
      requestAnimationFrame(check);
      return;
    }
    const root = preview.element.getRootNode() as Document | ShadowRoot;
    const hadFocus = root.activeElement === preview.button;
    preview.element.remove();
    layer.classList.remove('pending');
    if (hadFocus) layer.querySelector<HTMLElement>('[data-testid="play"]')?.focus();
  };
  requestAnimationFrame(check);
}

/** The first picture's styles: the live lab's colours and sizes, so the one replaces the other in place. */
export const PREVIEW_CSS = `
.dlp { position: relative; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 100%; line-height: 1.5; color: #1b1f24; container-type: inline-size; }
.dlp p { max-width: 70ch; }
.dlp-bar { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; padding: 0.3rem 0; border-bottom: 1px solid #c9ced6; }
.dlp-load { font: inherit; font-weight: 700; display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.3rem 0.9rem; min-height: 2.2rem; border: 2px solid #0b4f8a; border-radius: 6px; background: #0b4f8a; color: #fff; cursor: pointer; }
.dlp-load:hover { background: #093f6e; }
.dlp-load:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.dlp-load[aria-disabled='true'] { background: #fff; color: #0b4f8a; cursor: progress; }
.dlp-clock { margin: 0; font-variant-numeric: tabular-nums; }
.dlp-title { margin: 0; font-weight: 700; color: #4a525c; }
.dlp-status-line { min-height: 1.6rem; }
.dlp-status { margin: 0.2rem 0; font-size: 0.8rem; color: #4a525c; }
.dlp-panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 0.5rem; }
.dlp-pane { border: 1px solid #c9ced6; border-radius: 8px; padding: 0.4rem 0.5rem 0.5rem; min-width: 0; background: #fff; }
.dlp-pane h2 { margin: 0; font-size: 1rem; }
.dlp-sub { margin: 0; font-size: 0.8rem; color: #4a525c; }
.dlp .dlp-motion { margin: 0.1rem 0 0; font-size: 0.75rem; color: #4a525c; max-width: none; min-height: 2.25rem; }
.dlp-kept { margin: 0.4rem 0 0; color: #4a525c; font-weight: 600; }
.dlp-pane svg { width: 100%; height: auto; display: block; }
.dlp-pane text { text-anchor: middle; dominant-baseline: middle; font-size: 11px; fill: #1b1f24; }
.dlp-pane text.bold { font-weight: 700; font-size: 12px; }
.dlp-pane text.small { font-size: 10.5px; fill: #3b424a; }
.dlp-pane .lane { fill: #f7f9fb; stroke: #c9ced6; }
.dlp-pane .head, .dlp-pane .box { fill: #fff; stroke: #8a929c; }
.dlp-pane .dashed { stroke-dasharray: 2 2; fill: #f4f6f8; }
.dlp-pane .node { fill: #fff; stroke: #8a929c; stroke-width: 4; }
.dlp-pane .dashed-node { stroke-dasharray: 6 4; }
.dlp-pane .stream { stroke: #8a929c; stroke-width: 1.5; stroke-dasharray: 5 3; }
.dlp-timeline { width: 100%; }
.dlp-scrub { height: 0.5rem; margin: 0.35rem 0; border-radius: 0.25rem; background: #e4e7eb; overflow: hidden; }
.dlp-fill { height: 100%; background: #8a929c; }
.dlp .dlp-legend { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; margin: 0; font-size: 0.8rem; max-width: none; color: #4a525c; }
.dlp-lower { margin-top: 0.6rem; border: 1px solid #c9ced6; border-radius: 6px; overflow-x: auto; }
.dlp-table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.dlp-table caption { text-align: left; padding: 0.75rem 0.75rem 0.5rem; font-weight: 600; }
.dlp-table th, .dlp-table td { padding: 0.5rem 0.6rem; border-top: 1px solid #c9ced6; vertical-align: top; overflow-wrap: anywhere; text-align: right; }
.dlp-table tr:first-child th { background: #f4f6f8; }
.dlp-table tr:first-child th:first-child { width: 30%; }
.dlp-table th:first-child { text-align: left; font-weight: 500; }
.dlp-table td { color: #4a525c; }
@container (max-width: 40rem) { .dlp-table th, .dlp-table td { padding: 0.35rem; font-size: 0.9rem; } }
/* A narrow lab wraps its playback bar, status line and motion notes onto more lines: the picture keeps their room. */
@container (max-width: 30rem) { .dlp-bar { min-height: 9.3rem; align-content: center; } .dlp-status-line { min-height: 4.4rem; } .dlp .dlp-motion { min-height: 4.5rem; } }
/* The loaded lab, laid out out of sight while the first picture is still shown. */
.lab-live.pending { position: absolute; inset: 0 0 auto; visibility: hidden; }
.embed-error { border: 2px solid #a3001b; border-radius: 6px; padding: 0.5rem 0.8rem; background: #fff; color: #1b1f24; }
.embed-error pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3rem 0; }
.embed-error p { margin: 0.2rem 0; }
@media (max-width: 50rem) { .dlp-panes { grid-template-columns: minmax(0, 1fr); } }
@media (prefers-reduced-motion: no-preference) { .dlp-load { transition: background-color 0.15s; } }
`;
