// The shape of the first picture's data (preview-manifest.ts computes it at build time; preview.ts draws it).
import type { AZ } from '../sim/types';

export interface PreviewScenario {
  title: string;
  durationS: number;
  /** Shards of a cluster (1 = one replication group): each pane draws the first. */
  shards: number;
  /** The scenario's own presets, in pane order. */
  presets: string[];
  /** The scenario's label for each of its presets (a preset it does not list keeps its own label). */
  labels: Record<string, string>;
  /** What each of its panes says under its title about its design (its presets' overrides included). */
  subtitles: Record<string, string>;
  /** The nodes at t = 0, as the panes draw them. */
  nodes: Array<{ id: string; role: 'primary' | 'replica'; az: AZ }>;
  /** The AZs with clients. */
  clients: AZ[];
  /** Rows of the strip of recent writes (sets the picture's height). */
  rows: number;
}

export interface PreviewManifest {
  presets: Record<string, { label: string; family: 'cache' | 'durable'; subtitle: string }>;
  scenarios: Record<string, PreviewScenario>;
  lessons: Record<string, { steps: number; scenario: PreviewScenario }>;
}
