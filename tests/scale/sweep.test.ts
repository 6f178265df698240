// The shard sweep (src/scale/sweep.ts) against the model, and the committed report (calibration/scale.json)
// against both: the report must be what `npm run scale` computes with the sweep and the model as they stand,
// and the model must show what the page says it shows. Every figure asserted below is a live run of the
// engine, apart from those read from the report, which are first checked against such runs and their digest.
import { describe, expect, it } from 'vitest';
import committed from '../../calibration/scale.json';
import { digestOf, type ScaleReport } from '../../src/scale/report';
import { lines, nominalCeiling, offeredRates, runPoint, SWEEP, writeCostUs, type Line, type Point } from '../../src/scale/sweep';
import { PRESETS } from '../../src/sim/presets';

const report = committed as ScaleReport;

const lineOf = (id: string): Line => {
  const l = lines().find((x) => x.id === id);
  if (!l) throw new Error(`no line ${id}`);
  return l;
};

/** Live runs, each once per file: the equality test and the property tests share them. */
const runs = new Map<string, Point>();
function live(id: string, multiple: number): Point {
  const line = lineOf(id);
  const ms = line.hotKeys ? SWEEP.hot.multiples : SWEEP.multiples;
  const i = ms.indexOf(multiple);
  if (i < 0) throw new Error(`${id} has no point at ${multiple} × its ceiling`);
  const key = `${id}@${multiple}`;
  if (!runs.has(key)) runs.set(key, runPoint(line, offeredRates(line)[i]));
  return runs.get(key)!;
}

function committedPoint(id: string, multiple: number): Point {
  const line = report.lines.find((l) => l.id === id)!;
  const ms = line.hotKeys ? report.config.hot.multiples : report.config.multiples;
  return line.points[ms.indexOf(multiple)];
}

describe('the committed scale report', () => {
  it('was computed with the sweep as it stands: the same lines, loads and CPU costs', () => {
    expect(report.config).toEqual(SWEEP);
    expect(report.lines.map((l) => l.id)).toEqual(lines().map((l) => l.id));
    for (const l of report.lines) expect(l.points.map((p) => p.offered), l.id).toEqual(offeredRates(l));
    expect(report.writeCostUs).toEqual({ elasticache: writeCostUs('elasticache'), memorydb: writeCostUs('memorydb') });
    for (const l of report.lines) expect(l.label).toBe(PRESETS[l.preset].label);
  });

  it('matches its digest, so a figure edited by hand fails here', () => {
    const { digest, ...rest } = report;
    expect(digestOf(rest)).toBe(digest);
    const edited = structuredClone(rest);
    edited.lines[0].points[0].acked += 1;
    expect(digestOf(edited)).not.toBe(digest);
  });

  // One cheap and one saturated point per preset on one shard, a point just past the ceiling on two, and
  // the hot-key line where its hot shard saturates: each run again and compared figure by figure, trace
  // digest included.
  const samples: Array<[string, number]> = [
    ['elasticache-1', 0.25],
    ['elasticache-1', 2],
    ['elasticache-2', 1.1],
    ['memorydb-1', 0.25],
    ['memorydb-1', 2],
    ['memorydb-2', 1.1],
    ['memorydb-8-hot', 0.5],
  ];
  it.each(samples)('%s at %s × its ceiling is what the model computes now', (id, multiple) => {
    expect(committedPoint(id, multiple)).toEqual(live(id, multiple));
  });
});

describe('what the model shows', () => {
  // Measured: over the 0.2 s window the Poisson arrivals put acknowledged/s within 1.2 % of the offered rate
  // on every line of the committed report; at twice the ceiling every line is within 0.02 % of
  // shards × 1 s / write cost. The tolerances below are about 2.5× and 5× those.
  const LOW_LOAD_TOL = 0.03;
  const PLATEAU_TOL = 0.001;

  it.each(['elasticache', 'memorydb'] as const)('%s: under the ceiling, what is offered is acknowledged, and the p99 is a few ms', (preset) => {
    for (const m of [0.25, 0.5]) {
      const p = live(`${preset}-1`, m);
      expect(Math.abs(p.acked / p.offered - 1), `${m} × ceiling`).toBeLessThan(LOW_LOAD_TOL);
      expect(p.p99Ms).toBeLessThan(6);
    }
  });

  it.each(['elasticache', 'memorydb'] as const)('%s: past the ceiling, each shard adds one primary’s ceiling', (preset) => {
    const one = live(`${preset}-1`, 2);
    const two = live(`${preset}-2`, 2);
    expect(Math.abs(one.acked / nominalCeiling(preset, 1) - 1)).toBeLessThan(PLATEAU_TOL);
    expect(Math.abs(two.acked / nominalCeiling(preset, 2) - 1)).toBeLessThan(PLATEAU_TOL);
    expect(Math.abs(two.acked / one.acked - 2)).toBeLessThan(2 * PLATEAU_TOL * 2);
    // Offered twice what it can do, the cluster acknowledges half of it: the rest waits in the queues.
    expect(one.acked).toBeLessThan(0.51 * one.offered);
  });

  it('every line of the committed report levels off at shards × one primary’s ceiling', () => {
    for (const l of report.lines) {
      const top = l.points[l.points.length - 1];
      expect(Math.abs(top.acked / nominalCeiling(l.preset, l.shards) - 1), l.id).toBeLessThan(PLATEAU_TOL);
    }
  });

  it('MemoryDB’s write ceiling per shard is below ElastiCache’s, by the log append’s CPU cost', () => {
    const ec = live('elasticache-1', 2).acked;
    const mdb = live('memorydb-1', 2).acked;
    expect(mdb).toBeLessThan(0.7 * ec);
    const expected = PRESETS.elasticache.params.server.commandUs / writeCostUs('memorydb');
    expect(Math.abs(mdb / ec / expected - 1)).toBeLessThan(2 * PLATEAU_TOL);
  });

  it('past the ceiling the queue takes off: the p99 grows tenfold and more', () => {
    for (const preset of ['elasticache', 'memorydb'] as const) {
      const calm = live(`${preset}-1`, 0.25).p99Ms;
      const past = live(`${preset}-1`, 2).p99Ms;
      expect(past, preset).toBeGreaterThan(10 * calm);
    }
  });

  it('a hot key saturates its shard while the same load spread evenly does not', () => {
    const hot = live('memorydb-8-hot', 0.5);
    const even = runPoint(lineOf('memorydb-8'), hot.offered);
    expect(Math.abs(even.acked / even.offered - 1)).toBeLessThan(LOW_LOAD_TOL);
    expect(hot.acked).toBeLessThan(0.95 * hot.offered);
    // The hot key's shard runs at one primary's ceiling; the queue behind it is in the p99.
    expect(Math.abs(hot.busiestShard / nominalCeiling('memorydb', 1) - 1)).toBeLessThan(0.005);
    expect(hot.p99Ms).toBeGreaterThan(5 * even.p99Ms);
  });
});
