// The shape of calibration/scale.json, apart from the code that computes it, so the page can import it
// without the engine.
import type { Line, Point, ScalePreset, SweepConfig } from './sweep';

export interface ReportLine extends Line {
  /** The preset's label in the app. */
  label: string;
  points: Point[];
}

export interface ScaleReport {
  config: SweepConfig;
  /** CPU µs per write on a primary, per preset, when the report was computed. */
  writeCostUs: Record<ScalePreset, number>;
  /** Wall-clock seconds the sweep took. */
  computeS: number;
  lines: ReportLine[];
  /** SHA-256 of the JSON of everything above (report.ts). */
  digest: string;
}
