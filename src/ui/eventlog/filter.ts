// Which log lines the event log lists: up to the cursor (the state shown), optionally of one pane and
// containing some words, optionally of one cluster shard (its lines begin "s2: "); the newest are kept
// when there are too many to list.
import type { LogLine } from '../worker/protocol';

export function visibleLines(log: readonly LogLine[], tUs: number, pane: number | null, text: string, limit = 200, shard: string | null = null): LogLine[] {
  const words = text.trim().toLowerCase();
  const prefix = shard === null ? '' : `${shard}: `;
  const out = log.filter((l) => l.tUs <= tUs && (pane === null || l.pane === pane) && l.text.startsWith(prefix) && (words === '' || l.text.toLowerCase().includes(words)));
  return out.length > limit ? out.slice(-limit) : out;
}
