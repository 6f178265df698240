// Side-by-side comparison for the terminal: one column per preset, one row per outcome.
import type { LinearizabilityVerdict, RunSummary } from '../sim/types';
import { formatCount, formatMs } from './numbers';
import { printable } from './printable';
import type { Report, ReportRun } from './report';
import { renderTable, type TableRow } from './text-table';

/** Lost writes listed per preset under the table; the JSON report has them all. */
export const LOST_WRITES_SHOWN = 10;

const ROWS: ReadonlyArray<readonly [string, (s: RunSummary) => string]> = [
  ['acknowledged writes', (s) => formatCount(s.acked)],
  ['lost acknowledged', (s) => formatCount(s.lostAcked.length)],
  ['RPO ms', (s) => formatMs(s.rpoMs)],
  ['RTO writes ms', (s) => formatMs(s.rtoMs)],
  ['RTO reads ms', (s) => formatMs(s.readRtoMs)],
  ['stale reads', (s) => formatCount(s.staleReads)],
  ['split-brain ms', (s) => formatMs(s.splitBrainMs)],
  ['unknown (timeouts)', (s) => formatCount(s.unknownWrites)],
  ['refused', (s) => formatCount(s.refusedWrites)],
  ['write p50 ms', (s) => formatMs(s.writeLatencyMs.p50)],
  ['write p99 ms', (s) => formatMs(s.writeLatencyMs.p99)],
  ['write max ms', (s) => formatMs(s.writeLatencyMs.max)],
  ['read p50 ms', (s) => formatMs(s.readLatencyMs.p50)],
  ['read p99 ms', (s) => formatMs(s.readLatencyMs.p99)],
];

export function formatTable(report: Report): string {
  // Titles, labels and the model's words are escaped field by field, so no control character reaches the
  // terminal and each cell's width is the width it shows.
  const header = ['', ...report.runs.map((r) => printable(r.summary.label))];
  const rows: TableRow[] = [
    ...ROWS.map(([name, cell]) => ({ cells: [name, ...report.runs.map((r) => cell(r.summary))] })),
    { cells: ['linearizability', ...report.runs.map((r) => verdict(r.summary.linearizability))] },
    { cells: ['expect', ...report.runs.map(expectCell)], align: 'left' },
  ];
  const title = `${printable(report.scenario.title)} (${printable(report.scenario.id)}), seed ${report.seed}, trace ${report.traceHash}`;
  const lost = report.runs.filter((r) => r.summary.lostAcked.length > 0).map(lostWrites);
  const shards = report.runs.filter((r) => r.summary.shards !== undefined).map(shardTable);
  return [title, '', renderTable(header, rows), ...shards.flatMap((block) => ['', block]), ...lost.flatMap((block) => ['', block])].join('\n');
}

/** A cluster's figures shard by shard (the table above is the whole cluster's). */
function shardTable(run: ReportRun): string {
  const shards = run.summary.shards ?? [];
  const header = ['shard', 'primary AZ', 'keys', 'acknowledged', 'lost', 'RPO ms', 'RTO writes ms'];
  const rows: TableRow[] = shards.map((s) => ({
    cells: [s.shard, s.primaryAz, formatCount(s.keys), formatCount(s.acked), formatCount(s.lostAcked), formatMs(s.rpoMs), formatMs(s.rtoMs)],
  }));
  return [`Shards, ${printable(run.summary.label)} (the cluster's RPO and RTO are its worst shard's):`, renderTable(header, rows)].join('\n');
}

function verdict(v: LinearizabilityVerdict): string {
  switch (v.status) {
    case 'linearizable':
      return `ok (${formatCount(v.keysChecked)} keys)`;
    case 'violation':
      return `VIOLATION on ${printable(v.key)}`;
    case 'too-large':
      return 'not checked';
  }
}

function expectCell(run: ReportRun): string {
  if (run.expect === null) return '-';
  return run.expect.passed ? 'pass' : ['FAIL', ...run.expect.failures.map(printable)].join('\n');
}

function lostWrites(run: ReportRun): string {
  const { label, lostAcked } = run.summary;
  const shown = lostAcked.slice(0, LOST_WRITES_SHOWN);
  const total = formatCount(lostAcked.length);
  const count = lostAcked.length > shown.length ? `${total}, first ${shown.length} shown` : total;
  const rows = shown.map((w) => ({ cells: [String(w.id), printable(w.key), formatMs(w.ackedAtMs), printable(w.reason)] }));
  const table = renderTable(['write id', 'key', 'acked at ms', 'reason'], rows, ['right', 'left', 'right', 'left'])
    .split('\n')
    .map((line) => `  ${line}`.trimEnd())
    .join('\n');
  return `Lost acknowledged writes, ${printable(label)} (${count}):\n${table}`;
}
