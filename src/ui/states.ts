// The engine's lifecycle state names are precise but terse ("down", "leaseExpired", "caughtUp"); a learner
// reads these words instead. Both families share one vocabulary so the two panes can be compared at a glance.
import type { NodeView } from '../sim/view';

export type StateTone = 'ok' | 'busy' | 'bad' | 'warn' | 'off';

export interface StateLabel {
  /** Words shown under the node. */
  text: string;
  /** Drives colour and glyph: the glyph carries the meaning for readers who cannot tell the colours apart. */
  tone: StateTone;
}

const WORDS: Record<string, StateLabel> = {
  serving: { text: 'serving', tone: 'ok' },
  primary: { text: 'serving', tone: 'ok' },
  caughtUp: { text: 'serving', tone: 'ok' },
  lagging: { text: 'syncing', tone: 'busy' },
  syncing: { text: 'syncing', tone: 'busy' },
  loading: { text: 'loading', tone: 'busy' },
  restoring: { text: 'restoring', tone: 'busy' },
  rebooting: { text: 'restarting', tone: 'busy' },
  replacing: { text: 'replacing host', tone: 'busy' },
  campaigning: { text: 'campaigning', tone: 'warn' },
  leaseExpired: { text: 'lease expired', tone: 'warn' },
  down: { text: 'crashed', tone: 'bad' },
  off: { text: 'powered off', tone: 'off' },
};

export function stateLabel(raw: string): StateLabel {
  return WORDS[raw] ?? { text: raw, tone: 'warn' };
}

/** A node's state as shown: a primary that refuses writes while up has been fenced off. */
export function nodeStateLabel(node: Pick<NodeView, 'state' | 'refusing'>): StateLabel {
  const base = stateLabel(node.state);
  if (node.refusing && base.tone === 'ok') return { text: 'fenced', tone: 'warn' };
  return base;
}
