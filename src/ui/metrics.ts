// The rows of the comparison table, in the order a learner reads them: what was promised, what was
// lost, how long it took to recover, and what durability costs in latency.
import type { LiveSummary as RunSummary } from './worker/protocol';
import { formatCount, formatMs } from './format';
import type { TermId } from './glossary/terms';

export interface Metric {
  /** Prefix of the cells' data-testid: `{key}-{run slug}`. */
  key: string;
  label: string;
  /** The raw number behind the cell, for tests and tooling; absent when a cell shows two numbers. */
  value(s: RunSummary): number | undefined;
  text(s: RunSummary): string;
  /** The glossary term the label starts with: the row header shows `label`'s first `words` as that term. */
  term?: { id: TermId; words: string };
  /** Values above zero mean data or availability was lost, and are highlighted. */
  badWhenPositive?: boolean;
}

export const METRICS: Metric[] = [
  { key: 'acked', label: 'Acknowledged writes', term: { id: 'acknowledged', words: 'Acknowledged' }, value: (s) => s.acked, text: (s) => formatCount(s.acked) },
  {
    key: 'lost',
    label: 'Lost acknowledged writes',
    term: { id: 'lost', words: 'Lost' },
    value: (s) => s.lostCount,
    text: (s) => formatCount(s.lostCount),
    badWhenPositive: true,
  },
  { key: 'rpo', label: 'RPO (ms)', term: { id: 'rpo', words: 'RPO' }, value: (s) => s.rpoMs, text: (s) => formatMs(s.rpoMs), badWhenPositive: true },
  { key: 'rto', label: 'RTO writes (ms)', term: { id: 'rto', words: 'RTO' }, value: (s) => s.rtoMs, text: (s) => formatMs(s.rtoMs) },
  { key: 'stale', label: 'Stale reads', term: { id: 'stale-read', words: 'Stale reads' }, value: (s) => s.staleReads, text: (s) => formatCount(s.staleReads) },
  {
    key: 'split-brain',
    label: 'Split-brain (ms)',
    term: { id: 'split-brain', words: 'Split-brain' },
    value: (s) => s.splitBrainMs,
    text: (s) => formatMs(s.splitBrainMs),
    badWhenPositive: true,
  },
  {
    key: 'unknown',
    label: 'Unknown outcome (timeouts)',
    term: { id: 'unknown-outcome', words: 'Unknown outcome' },
    value: (s) => s.unknownWrites,
    text: (s) => formatCount(s.unknownWrites),
  },
  {
    key: 'write-latency',
    label: 'Write latency p50 / p99 (ms)',
    value: () => undefined,
    text: (s) => `${formatMs(s.writeLatencyMs.p50)} / ${formatMs(s.writeLatencyMs.p99)}`,
  },
  {
    key: 'read-latency',
    label: 'Read latency p50 (ms)',
    value: (s) => s.readLatencyMs.p50,
    text: (s) => formatMs(s.readLatencyMs.p50),
  },
];
