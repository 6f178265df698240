import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/format-table';
import { formatCount, formatMs } from '../../src/cli/numbers';
import { renderTable } from '../../src/cli/text-table';
import { lostWrites, makeSummary } from '../scenario/fixtures';
import { twoPresetReport } from './report-fixture';

describe('formatTable', () => {
  it('puts presets side by side, then lists up to 10 lost writes per preset', () => {
    expect(formatTable(twoPresetReport())).toBe(
      [
        'Primary crash (primary-crash), seed 1, trace 0123456789abcdef',
        '',
        '                                   ElastiCache (async)  MemoryDB (log)',
        '-------------------  ---------------------------------  --------------',
        'acknowledged writes                             59,000          57,661',
        'lost acknowledged                                   12               0',
        'RPO ms                                           850.5               0',
        'RTO writes ms                                   13,000           2,396',
        'RTO reads ms                                    12,500             inf',
        'stale reads                                          0               0',
        'split-brain ms                                       0               0',
        'unknown (timeouts)                                  12               0',
        'refused                                              3               0',
        'write p50 ms                                      0.62            3.25',
        'write p99 ms                                      1.50            4.57',
        'write max ms                                     1,000            12.2',
        'read p50 ms                                       0.41            0.41',
        'read p99 ms                                       1.25            1.25',
        'linearizability                        ok (1,000 keys)     not checked',
        'expect               FAIL                               pass',
        '                     splitBrainMs: expected > 0, got 0',
        '                     rpoMs: expected 0, got 850.5',
        '',
        'Lost acknowledged writes, ElastiCache (async) (12, first 10 shown):',
        '  write id  key  acked at ms  reason',
        '  --------  ---  -----------  ------------------------------',
        '     20000  k0        19,990  not replicated before failover',
        '     20001  k1        19,991  not replicated before failover',
        '     20002  k2        19,992  not replicated before failover',
        '     20003  k3        19,993  not replicated before failover',
        '     20004  k4        19,994  not replicated before failover',
        '     20005  k5        19,995  not replicated before failover',
        '     20006  k6        19,996  not replicated before failover',
        '     20007  k7        19,997  not replicated before failover',
        '     20008  k8        19,998  not replicated before failover',
        '     20009  k9        19,999  not replicated before failover',
      ].join('\n'),
    );
  });

  it('shows "-" for a preset without assertions, a violation by key, and every lost write when few', () => {
    const text = formatTable({
      scenario: { id: 's', title: 'S' },
      seed: 5,
      traceHash: 'ffff',
      runs: [
        {
          summary: makeSummary({
            lostAcked: lostWrites(2, 'fork point'),
            linearizability: { status: 'violation', keysChecked: 3, key: 'k7', ops: [4, 9] },
          }),
          expect: null,
        },
      ],
    });
    expect(text).toContain('\nlinearizability          VIOLATION on k7\n');
    expect(text).toContain('\nexpect               -\n');
    expect(text).toContain('Lost acknowledged writes, ElastiCache (async) (2):\n');
    expect(text.endsWith('     20001  k1        19,991  fork point')).toBe(true);
  });

  it('prints no lost-writes section when nothing was lost', () => {
    const text = formatTable({ scenario: { id: 's', title: 'S' }, seed: 1, traceHash: 'ab', runs: [{ summary: makeSummary(), expect: null }] });
    expect(text).not.toContain('Lost acknowledged writes');
  });
});

describe('number formatting', () => {
  it('groups thousands and shows fewer decimals for larger values', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatMs(0.6234)).toBe('0.62');
    expect(formatMs(85.04)).toBe('85.0');
    expect(formatMs(12345.6)).toBe('12,346');
    expect(formatMs(2000)).toBe('2,000');
    expect(formatMs(Infinity)).toBe('inf');
    expect(formatMs(Number.NaN)).toBe('n/a');
  });
});

describe('renderTable', () => {
  it('aligns columns, pads multi-line cells and trims trailing space', () => {
    expect(renderTable(['', 'x', 'long header'], [{ cells: ['a', '1', 'two\nlines'], align: 'left' }, { cells: ['bb', '22', '3'] }])).toBe(
      ['     x  long header', '--  --  -----------', 'a   1   two', '        lines', 'bb  22            3'].join('\n'),
    );
  });
});
