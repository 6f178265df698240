// The "How faithful is this model?" page says what each row was checked against, judges an ordering as a
// whole, and lists what the model assumes without a check, with the ranges the scenario schema allows.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import FaithfulPage from '../../src/ui/faithful/FaithfulPage.svelte';
import { assumptions, knobRange, orderings, referenceLabel, referenceMeaning, tallySentence } from '../../src/ui/faithful/content';
import { MODEL_CHANGES } from '../../src/calibrate/changes';
import { KNOWN_DISAGREEMENTS } from '../../src/calibrate/known';
import type { Report, Row } from '../../src/calibrate/report';
import committed from '../../calibration/report.json';

const report = committed as Report;

/** The three ordering rows as the report of 2026-11-26 had them, under the old verdict ("agrees"). */
function oldOrdering(): Row[] {
  const r = (item: string, measured: number, predicted: number): Row => ({
    experiment: '7 latency ordering',
    case: `${item}, p50`,
    measured,
    predicted,
    unit: 'ms',
    tolerance: 'same order as measured',
    verdict: 'fail',
    note: '',
    reference: 'redis',
    ordering: { name: 'Write latency p50', item },
  });
  return [r('plain SET', 0.208, 0.152), r('SET + WAIT 1', 0.5, 0.514), r('SET, appendfsync always', 0.429, 0.758)];
}

function page(rep: Report, known: Record<string, string> = {}): string {
  return render(FaithfulPage, { props: { report: rep, changes: MODEL_CHANGES, known } }).body;
}

/** Text of each cell of each body row of the page's first table (the report). */
function tableRows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('what each row was checked against', () => {
  it('every committed row names its reference: the paper for experiment 0, real Redis for the experiments', () => {
    for (const r of report.rows) {
      expect(['redis', 'paper', 'assumption'], r.case).toContain(r.reference);
      expect(r.reference, `${r.experiment} ${r.case}`).toBe(r.experiment.startsWith('0 ') ? 'paper' : 'redis');
    }
  });

  it('the table has a "Checked against" cell on every row that names that reference', () => {
    const rows = tableRows(page(report));
    expect(rows).toHaveLength(report.rows.length);
    rows.forEach((cells, i) => {
      const r = report.rows[i];
      expect(cells[1]).toBe(r.case);
      expect(cells[2]).toBe(referenceLabel(r.reference, report.redisVersion));
    });
    expect(referenceLabel('redis', '7.0.15')).toBe('real Redis 7.0.15 on loopback');
    expect(referenceLabel('paper', '7.0.15')).toMatch(/MemoryDB paper/);
    expect(referenceLabel('assumption', '7.0.15')).toMatch(/assumption/);
  });

  it('no longer claims that every row ran a real redis-server; the paper rows say no Redis ran', () => {
    const words = text(page(report));
    expect(words).not.toMatch(/Each row ran a real/);
    expect(referenceMeaning('paper', report.redisVersion)).toMatch(/no Redis ran/);
    expect(words).toContain(referenceMeaning('paper', report.redisVersion));
    expect(words).toContain(referenceMeaning('redis', report.redisVersion));
    expect(tallySentence(report)).toMatch(new RegExp(`^Against real Redis ${report.redisVersion.replace(/\./g, '\\.')} on loopback: \\d+ of \\d+ cases agree\\. Against the MemoryDB paper`));
  });

  it('a disagreeing row with a known cause shows the cause', () => {
    const rows = oldOrdering();
    const html = page({ ...report, rows }, { 'SET + WAIT 1, p50': 'the cause, in words' });
    expect(text(html)).toContain('Why: the cause, in words');
    expect(tableRows(html).map((c) => c[7])).toEqual(['disagrees', 'disagrees', 'disagrees']);
    expect(Object.keys(KNOWN_DISAGREEMENTS).every((k) => typeof KNOWN_DISAGREEMENTS[k] === 'string')).toBe(true);
  });
});

describe('orderings', () => {
  it('SET < always < WAIT measured against SET < WAIT < always modelled: the orders differ, and the page says so', () => {
    const [o] = orderings(oldOrdering());
    expect(o.agrees).toBe(false);
    expect(o.measured).toBe('plain SET (0.208 ms) < SET, appendfsync always (0.429 ms) < SET + WAIT 1 (0.5 ms)');
    expect(o.predicted).toBe('plain SET (0.152 ms) < SET + WAIT 1 (0.514 ms) < SET, appendfsync always (0.758 ms)');
    expect(o.verdict).toMatch(/^The orders differ, so this ordering disagrees: /);
    expect(o.verdict).toContain('SET, appendfsync always comes below SET + WAIT 1 (0.429 against 0.5 ms), in the model above it (0.758 against 0.514 ms)');
    const words = text(page({ ...report, rows: oldOrdering() }));
    expect(words).toContain('Write latency p50 (experiment 7 latency ordering): disagrees');
    expect(words).toContain(o.verdict);
    expect(words).not.toMatch(/Write latency p50[^:]*: agrees/);
  });

  it('the same order agrees', () => {
    const rows = oldOrdering().map((r) => (r.ordering!.item === 'SET + WAIT 1' ? { ...r, measured: 0.4, verdict: 'pass' as const } : { ...r, verdict: 'pass' as const }));
    const [o] = orderings(rows);
    expect(o.agrees).toBe(true);
    expect(o.verdict).toBe('The model puts them in the measured order: this ordering agrees.');
  });

  it('the committed report states its ordering with the same verdict as its rows', () => {
    const os = orderings(report.rows);
    expect(os.length).toBeGreaterThan(0);
    for (const o of os) {
      const verdicts = report.rows.filter((r) => r.ordering?.name === o.name).map((r) => r.verdict);
      expect(new Set(verdicts)).toEqual(new Set([o.agrees ? 'pass' : 'fail']));
    }
  });
});

describe('assumed, not checked', () => {
  const list = assumptions();
  const topic = (re: RegExp) => {
    const a = list.find((x) => re.test(x.topic));
    if (!a) throw new Error(`no assumption about ${re}`);
    return a;
  };

  it('lists the failover timings, leases, the log quorum and its storage, cross-AZ round trips and the durable modes', () => {
    expect(topic(/ElastiCache failover/).assumed).toContain('10 s');
    expect(topic(/MemoryDB failover/).knobs.map((k) => k.path)).toContain('durable.backoffFactor');
    expect(topic(/Leases/).knobs.map((k) => k.path)).toEqual(['durable.leaseMs', 'durable.heartbeatDivisor']);
    expect(topic(/2-of-3/).unchecked).toMatch(/does not describe/);
    expect(topic(/storage latency/).knobs.map((k) => k.path)).toEqual(['durable.logCommitMs']);
    expect(topic(/Cross-AZ/).knobs.map((k) => k.path)).toContain('network.crossAzRttMs');
    const durable = topic(/durable modes/);
    expect(durable.assumed).toContain('older than 10 s');
    expect(durable.knobs.map((k) => k.path)).toEqual(['durable.logMiBps', 'durable.bufferLimitMs']);
    expect(durable.assumed).toMatch(/elasticache-durable-sync.*elasticache-durable-async/);
    for (const a of list) expect(a.unchecked.length, a.topic).toBeGreaterThan(0);
  });

  it('gives each knob the range of the scenario schema', () => {
    expect(knobRange('cache.failover.detectionMs').range).toBe('0 to 3,600,000');
    expect(knobRange('durable.leaseMs').range).toBe('100 to 600,000');
    expect(knobRange('durable.logQuorum').range).toBe('1 to 3 (whole numbers)');
    expect(knobRange('durable.logCommitMs').range).toBe('0 to 10,000');
    expect(knobRange('network.crossAzRttMs').range).toBe('0 to 1,000');
    expect(knobRange('server.loadGBps').range).toBe('above 0, up to 100');
    expect(knobRange('cache.failover.isolatedPrimaryStopsAfterMs').range).toBe('0 to 3,600,000, or null');
    expect(() => knobRange('durable.nothing')).toThrow(/no knob/);
  });

  it('is on the page, each knob with its range', () => {
    const words = text(page(report));
    expect(words).toContain('Assumed, not checked');
    for (const a of list) {
      expect(words).toContain(a.topic);
      for (const k of a.knobs) expect(words).toContain(`${k.path} : ${k.what}; allowed ${k.range}.`);
    }
  });
});

describe('model changes', () => {
  it('list the built-in scenario figures the min-replicas change moved', () => {
    const c = MODEL_CHANGES.find((x) => x.date === '2026-12-03');
    expect(c?.scenarios?.length).toBeGreaterThan(0);
    expect(c!.scenarios).toContainEqual({ file: 'scenarios/wait-az-outage.yaml', preset: 'Redis + WAIT 1', figure: 'lost acknowledged writes', before: 98, after: 99 });
    expect(text(page(report))).toContain(`Built-in scenario figures it moved (${c!.scenarios!.length})`);
  });
});
