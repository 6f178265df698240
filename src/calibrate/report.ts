// The calibration report: one row per (experiment, case), printed as a table and written as JSON. The
// JSON is what the app's "How faithful is this model?" page shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeTolerance, judge, type Tolerance, type Verdict } from './verdict';

/**
 * What a row was checked against: a real redis-server on this machine over 127.0.0.1, figures published in
 * the MemoryDB paper (no Redis runs; "measured" is the paper's number), or an assumption (nothing measured).
 */
export type Reference = 'redis' | 'paper' | 'assumption';

export interface Row {
  experiment: string;
  case: string;
  /** The real Redis figure, or the paper's, or the assumed value (see `reference`). */
  measured: number;
  predicted: number;
  unit: string;
  tolerance: string;
  verdict: Verdict;
  note: string;
  reference: Reference;
  /**
   * Rows that form one ordering share its name and one verdict, whether the two orders are the same;
   * `item` is what this row puts in the order (e.g. "plain SET").
   */
  ordering?: { name: string; item: string };
}

export interface Report {
  redisVersion: string;
  date: string;
  quick: boolean;
  machine: { platform: string; cpus: number; cpuModel: string; node: string; notes: string };
  durationS: number;
  rows: Row[];
}

/** A row judged on its own; every experiment in experiments/ measures a real Redis, hence the default. */
export function row(experiment: string, kase: string, measured: number, predicted: number, unit: string, tol: Tolerance, note: string, reference: Reference = 'redis'): Row {
  return { experiment, case: kase, measured: round(measured), predicted: round(predicted), unit, tolerance: describeTolerance(tol), verdict: judge(measured, predicted, tol), note, reference };
}

export function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

export function formatTable(rows: Row[]): string {
  const head = ['experiment', 'case', 'measured', 'predicted', 'unit', 'tolerance', 'verdict'];
  const cells = rows.map((r) => [r.experiment, r.case, String(r.measured), String(r.predicted), r.unit, r.tolerance, r.verdict.toUpperCase()]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(width[i])).join('  ');
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}
