// The "How throughput scales with shards" page shows the committed report and nothing else: its tables
// have every point with the report's figures, each chart a line per report line with a marker per point,
// and its sentences and assumptions are read from the report and the presets.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ScalePage from '../../src/ui/scale/ScalePage.svelte';
import { assumptions, fmt, hotSentences, lineName, rateTick, styleOf, summary } from '../../src/ui/scale/content';
import type { ScaleReport } from '../../src/scale/types';
import { PRESETS } from '../../src/sim/presets';
import committed from '../../calibration/scale.json';

const report = committed as ScaleReport;
const html = render(ScalePage, { props: { report } }).body;
const text = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00a0/g, ' ').replace(/\s+/g, ' ');
const words = text(html);

/** The element with this data-testid, up to its closing tag (tables and figures do not nest here). */
function part(testid: string, tag: string): string {
  const start = html.indexOf(`data-testid="${testid}"`);
  expect(start, testid).toBeGreaterThan(0);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

const cells = (row: string) => [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]).trim());

describe('the scale page', () => {
  it.each(['elasticache', 'memorydb'] as const)('the %s table has every point of the report, figure by figure', (preset) => {
    const table = part(`table-${preset}`, 'table');
    const groups = [...table.matchAll(/<tbody data-line="([^"]+)"[^>]*>([\s\S]*?)<\/tbody>/g)];
    const own = report.lines.filter((l) => l.preset === preset);
    expect(groups.map((g) => g[1])).toEqual(own.map((l) => l.id));
    groups.forEach((g, i) => {
      const rows = [...g[2].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => cells(r[1]));
      expect(rows[0]).toEqual([text(lineName(own[i])).trim()]);
      expect(rows.slice(1)).toEqual(own[i].points.map((p) => [fmt(p.offered), fmt(p.acked), fmt(p.busiestShard), fmt(p.p99Ms, 2)]));
    });
  });

  it.each(['elasticache', 'memorydb'] as const)('the %s charts draw a line per report line and a marker per point', (preset) => {
    for (const chart of [`chart-${preset}`, `latency-${preset}`]) {
      const fig = part(chart, 'figure');
      expect(fig).toMatch(/role="img"/);
      const own = report.lines.filter((l) => l.preset === preset);
      const gs = [...fig.matchAll(/<g data-line="([^"]+)">([\s\S]*?)<\/g>/g)];
      expect(gs.map((g) => g[1])).toEqual(own.map((l) => l.id));
      gs.forEach((g, i) => expect((g[2].match(/<path/g) ?? []).length, g[1]).toBe(own[i].points.length + 1));
    }
  });

  it('labels its axes with units', () => {
    expect(words).toContain('Offered load (writes/s)');
    expect(words).toContain('Acknowledged (writes/s)');
    expect(words).toContain('p99 (ms)');
    expect(rateTick(0)).toBe('0');
    expect(rateTick(500_000)).toBe('500K');
    expect(rateTick(2_000_000)).toBe('2M');
    expect(rateTick(2_500_000)).toBe('2.5M');
  });

  it('says in words what the report holds: the ceilings per shard and what the hot key does', () => {
    const fifteen = report.lines.find((l) => l.id === 'elasticache-15')!;
    const s = summary(report).map((x) => x.replace(/\u00a0/g, ' '));
    expect(s[0]).toContain(fmt(fifteen.points[fifteen.points.length - 1].acked));
    for (const x of [...s, ...hotSentences(report).map((h) => h.replace(/\u00a0/g, ' '))]) expect(words).toContain(x);
    expect(hotSentences(report)).toHaveLength(2);
  });

  it('states what it assumes with the presets’ own numbers', () => {
    const all = assumptions(report).map((a) => a.text).join(' ');
    expect(all).toContain(`${fmt(PRESETS.elasticache.params.server.commandUs, 1)} µs per write`);
    expect(all).toContain(`${fmt(PRESETS.memorydb.params.durable.appendCpuUs, 1)} µs more`);
    expect(all).toContain(`${fmt(report.writeCostUs.memorydb, 1)} µs in all`);
    expect(all).toContain(`${fmt(report.config.keys)} keys`);
    for (const a of assumptions(report)) expect(words).toContain(a.text.replace(/\u00a0/g, ' '));
  });

  it('tells every line of a chart apart by colour, dash and marker', () => {
    const looks = report.lines.filter((l) => l.preset === 'elasticache').map((l) => styleOf(l, report.config.shardCounts));
    const key = (s: (typeof looks)[number]) => `${s.colour}|${s.dash}|${s.marker}`;
    expect(new Set(looks.map(key)).size).toBe(looks.length);
    expect(new Set(looks.map((s) => s.marker)).size).toBe(looks.length);
  });

  it('links back to the simulator and to the faithful page', () => {
    expect(html).toContain('href="./"');
    expect(html).toContain('href="faithful.html"');
  });
});
