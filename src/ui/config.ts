// What the lab opens on: the scenario, the presets shown, the seed, the clock and the faults injected by
// hand. The plain app builds it from the page URL (a share link), an embed from its attributes; both are
// untrusted and decoded elsewhere (src/share, src/embed) before they become a LabConfig.
import type { InjectedFault } from '../sim/timemachine';

export type ScenarioSource = { id: string } | { text: string; sourceName: string };

export interface LabConfig {
  scenario: ScenarioSource;
  /** Preset ids or labels, in pane order; absent = the scenario's own. */
  presets?: string[];
  seed?: number;
  /** Where the clock starts, simulated µs. */
  tUs?: number;
  /** Faults injected by hand, replayed on load (same instant in every pane). */
  injected?: InjectedFault[];
  /** A lesson of the curriculum to open (its own scenario replaces `scenario`), at `step` (from 1). */
  lesson?: { id: string; step?: number };
  autoplay: boolean;
  /** `minimal`: panes, transport and outcome table only (embeds); `full`: the whole lab. */
  controls: 'minimal' | 'full';
}

export const DEFAULT_CONFIG: LabConfig = { scenario: { id: 'primary-crash' }, autoplay: true, controls: 'full' };
