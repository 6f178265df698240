// What a share link says about the current view, and back. Pure: no DOM, no worker. The app keeps the
// running scenario as text (a built-in file, an imported one or a built-in edited in Setup); a link names a
// built-in by id when the text is exactly the shipped file and carries the whole file otherwise.
import type { ShareState } from '../../share/url';
import type { FaultSpec } from '../../sim/types';
import type { LabConfig } from '../config';

/** The scenario text that is running and the name its errors and id come from. */
export interface RunSource {
  text: string;
  sourceName: string;
}

/** What a share link or an export needs from the running lab. */
export interface ViewState {
  source: RunSource;
  /** Preset ids or labels the panes were loaded with; absent = the scenario's own. */
  presets?: readonly string[];
  seed?: number;
  tUs: number;
  /** As the fault plan lists them: in time order, same-instant faults in the order they were injected. */
  injected: readonly { tUs: number; fault: FaultSpec }[];
}

export interface BuiltinFile {
  id: string;
  text: string;
}

/** The built-in whose shipped text this is, if any. */
export function builtinIdOf(source: RunSource, builtins: readonly BuiltinFile[]): string | undefined {
  return builtins.find((b) => b.text === source.text)?.id;
}

export function shareStateOf(view: ViewState, builtins: readonly BuiltinFile[]): ShareState {
  const id = builtinIdOf(view.source, builtins);
  const state: ShareState = {
    scenario: id !== undefined ? { id } : { text: view.source.text },
    tUs: Math.max(0, Math.round(view.tUs)),
    // A stable sort: same-instant faults keep their order, the one the simulation applies them in.
    injected: [...view.injected].sort((a, b) => a.tUs - b.tUs).map(({ tUs, fault }) => ({ t: Math.round(tUs), fault: structuredClone(fault) })),
  };
  if (view.presets && view.presets.length > 0) state.presets = [...view.presets];
  if (view.seed !== undefined) state.seed = view.seed;
  return state;
}

/** Source name of a scenario file that arrived in a link: it shows in error messages. */
export const LINK_SOURCE_NAME = 'shared link';

/**
 * The config a decoded link opens on. A link that fixes the clock or carries faults opens paused there,
 * exactly as it was shared; a link that only names a scenario plays it, as a plain visit does.
 */
export function configOf(state: ShareState, builtins: readonly (BuiltinFile & { sourceName: string })[]): LabConfig {
  const builtin = 'id' in state.scenario ? builtins.find((b) => b.id === (state.scenario as { id: string }).id) : undefined;
  const config: LabConfig = {
    scenario: builtin ? { id: builtin.id } : { text: 'text' in state.scenario ? state.scenario.text : '', sourceName: LINK_SOURCE_NAME },
    autoplay: state.tUs === undefined && state.injected.length === 0,
    controls: 'full',
  };
  if (state.presets) config.presets = [...state.presets];
  if (state.seed !== undefined) config.seed = state.seed;
  if (state.tUs !== undefined) config.tUs = state.tUs;
  if (state.injected.length > 0) config.injected = state.injected.map((f) => ({ t: f.t, fault: f.fault }));
  return config;
}

/** The URL of a view: the page's address without its query, then the share parameters. */
export function shareUrl(pageHref: string, params: URLSearchParams, present = false): string {
  const url = new URL(pageHref);
  url.hash = '';
  let search = params.toString();
  if (present) search += (search ? '&' : '') + 'present';
  url.search = search;
  return url.href;
}
