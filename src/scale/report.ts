// The scale report: every point of the sweep (sweep.ts) with what it was computed from, written as JSON
// for the scale page. `digest` is a SHA-256 of the rest of the report, so a figure changed by hand no
// longer matches it; tests recompute some points with the model and compare them with the report.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRESETS } from '../sim/presets';
import { lines, offeredRates, runPoint, SCALE_PRESETS, SWEEP, writeCostUs, type Line, type Point, type ScalePreset, type SweepConfig } from './sweep';
import type { ScaleReport } from './types';

export type { ScaleReport } from './types';

export function digestOf(report: Omit<ScaleReport, 'digest'>): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

/** Every point of the sweep, line after line; `onPoint` hears of each as it is done. */
export function computeReport(
  config: SweepConfig = SWEEP,
  onPoint: (line: Line, point: Point, done: number, total: number) => void = () => {},
  now: () => number = () => performance.now(),
): ScaleReport {
  const all = lines(config);
  const total = all.reduce((a, l) => a + offeredRates(l, config).length, 0);
  let done = 0;
  const t0 = now();
  const out = all.map((line) => ({
    ...line,
    label: PRESETS[line.preset].label,
    points: offeredRates(line, config).map((offered) => {
      const p = runPoint(line, offered, config);
      onPoint(line, p, ++done, total);
      return p;
    }),
  }));
  const body: Omit<ScaleReport, 'digest'> = {
    config,
    writeCostUs: Object.fromEntries(SCALE_PRESETS.map((p) => [p, writeCostUs(p)])) as Record<ScalePreset, number>,
    computeS: Math.round((now() - t0) / 100) / 10,
    lines: out,
  };
  return { ...body, digest: digestOf(body) };
}

export function writeScaleReport(path: string, report: ScaleReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}
