// Logic the components rely on: state words, the speed scale, shortcuts, message drawing, fault menus,
// the event-log filter and chart paths.
import { describe, expect, it } from 'vitest';
import { nodeStateLabel, stateLabel } from '../../src/ui/states';
import { formatSpeed, MAX_SPEED, MIN_SPEED, SLIDER_STEPS, sliderFromSpeed, speedFromSlider } from '../../src/ui/controls/speed';
import { shortcutFor } from '../../src/ui/keys';
import { MAX_DOTS, messageShapes, progress } from '../../src/ui/panes/layout';
import { actionsFor, describeFault } from '../../src/ui/faults';
import { visibleLines } from '../../src/ui/eventlog/filter';
import { linePath, maxOf, perSecond } from '../../src/ui/charts/series';
import { describeTrace, markerKind } from '../../src/ui/worker/describe';
import type { MessageView, PaneView } from '../../src/sim/view';
import { captionLines } from '../../src/ui/panes/strip-words';

describe('state words', () => {
  it('maps engine states of both families to one vocabulary', () => {
    expect(stateLabel('down')).toEqual({ text: 'crashed', tone: 'bad' });
    expect(stateLabel('leaseExpired').text).toBe('lease expired');
    expect(stateLabel('rebooting').text).toBe('restarting');
    expect(stateLabel('caughtUp').text).toBe('serving');
    expect(stateLabel('primary').text).toBe('serving');
    expect(stateLabel('something-new').text).toBe('something-new');
    expect(nodeStateLabel({ state: 'serving', refusing: 'isolated from the majority' }).text).toBe('fenced');
    expect(nodeStateLabel({ state: 'down', refusing: 'x' }).text).toBe('crashed');
  });
});

describe('speed slider', () => {
  it('spans 0.1× to 1000× logarithmically and round-trips', () => {
    expect(speedFromSlider(0)).toBe(MIN_SPEED);
    expect(speedFromSlider(SLIDER_STEPS)).toBe(MAX_SPEED);
    expect(speedFromSlider(sliderFromSpeed(1))).toBe(1);
    expect(speedFromSlider(sliderFromSpeed(100))).toBe(100);
    expect(formatSpeed(0.1)).toBe('0.1×');
    expect(formatSpeed(316.2)).toBe('316×');
  });
});

describe('shortcuts', () => {
  const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false });
  const el = (tag: string, role?: string) => ({ tagName: tag, getAttribute: (n: string) => (n === 'role' ? (role ?? null) : null) }) as unknown as Element;
  it('plays with space unless a control or text field has focus', () => {
    expect(shortcutFor(key(' '), el('BODY'))).toBe('toggle');
    expect(shortcutFor(key(' '), el('BUTTON'))).toBeNull();
    expect(shortcutFor(key(' '), el('g', 'button'))).toBeNull();
    expect(shortcutFor(key('ArrowRight'), el('INPUT'))).toBeNull();
    expect(shortcutFor(key('ArrowLeft'), el('DIV'))).toBe('previous');
    expect(shortcutFor(key('?'), el('DIV'))).toBe('help');
    expect(shortcutFor(key('Escape'), el('INPUT'))).toBe('close');
  });
});

function view(messages: MessageView[], inFlight = { requests: messages.length, replies: 0, replication: 0 }): PaneView {
  return {
    tUs: 1000,
    endUs: 1e6,
    family: 'cache',
    label: 'x',
    azs: [],
    powerOff: false,
    nodes: [
      { id: 'a1', az: 'a', role: 'primary', state: 'serving', reachable: true, offset: 0, lagMs: 0, term: 1, endpoint: true, refusing: '', keys: 0, queueMs: 0 },
      { id: 'b1', az: 'b', role: 'replica', state: 'serving', reachable: true, offset: 0, lagMs: 0, term: 1, endpoint: false, refusing: '', keys: 0, queueMs: 0 },
    ],
    primary: 'a1',
    endpoint: 'a1',
    log: null,
    backups: 0,
    clients: [],
    messages,
    fates: { marks: 'writes', lost: 0, atRisk: 0, acked: 0, rows: [], recent: [], recentIsLostTail: false, log: [], lostFromUs: -1, lostToUs: -1 },
    inFlight,
    events: 0,
  };
}

const msg = (id: number): MessageView => ({ kind: 'request', id, write: true, from: 'client-b', to: 'a1', sentUs: 0, arriveUs: 2000, error: false });

describe('messages in a pane', () => {
  it('places each message by its progress at t', () => {
    expect(progress({ sentUs: 0, arriveUs: 2000 }, 1000)).toBe(0.5);
    expect(progress({ sentUs: 5, arriveUs: 5 }, 0)).toBe(1);
    const { dots } = messageShapes(view([msg(1)]), 1000, true);
    expect(dots).toHaveLength(1);
  });

  it('draws counted flows instead of shapes when busy or when motion is reduced', () => {
    const many = Array.from({ length: MAX_DOTS + 1 }, (_, i) => msg(i));
    const busy = messageShapes(view(many, { requests: 500, replies: 0, replication: 0 }), 1000, true);
    expect(busy.dots).toHaveLength(0);
    expect(busy.flows).toEqual([expect.objectContaining({ kind: 'request', count: 500 })]);
    expect(messageShapes(view([msg(1)]), 1000, false).dots).toHaveLength(0);
  });
});

describe('faults', () => {
  it('offers node, AZ and link actions and words for every kind', () => {
    expect(actionsFor({ kind: 'node', id: 'a1' }).map((a) => a.fault.kind)).toEqual(['crash', 'restart', 'reboot', 'host-loss', 'az-isolate']);
    expect(actionsFor({ kind: 'node', id: 'a1' }, 'primary').map((a) => a.fault.kind)).not.toContain('promote');
    const promote = actionsFor({ kind: 'node', id: 'c1' }, 'replica').find((a) => a.key === 'promote');
    expect(promote?.fault).toEqual({ kind: 'promote', node: 'c1' });
    expect(promote?.description).toMatch(/^Promote replica c1 by hand now, whatever its lag: .* every acknowledged write it lacks is lost; MemoryDB hands over only once c1 has the whole log\.$/);
    expect(describeFault({ kind: 'promote', node: 'c1' })).toBe('c1 is promoted to primary by hand');
    expect(actionsFor({ kind: 'az', az: 'b' }).every((a) => 'az' in a.fault && a.fault.az === 'b')).toBe(true);
    expect(actionsFor({ kind: 'link', node: 'c1' }).map((a) => a.fault.kind)).toEqual(['link-delay', 'link-stall', 'link-heal']);
    expect(describeFault({ kind: 'crash', node: 'primary' }, 'a1')).toBe('process on primary (a1) crashes');
  });

  it('turns trace events into log lines and markers', () => {
    expect(describeTrace({ type: 'node-state', t: 1, node: 'a1', state: 'down' })).toBe('a1 is crashed');
    const promo = { type: 'term', t: 1, node: 'b1', term: 2, fromTerm: 1, forkOffset: 0, cause: 'promotion' } as const;
    expect(markerKind(promo)).toBe('failover');
    expect(describeTrace({ ...promo, cause: 'initial' })).toBeNull();
  });
});

describe('event log filter', () => {
  const log = [
    { tUs: 1, pane: 0, text: 'a1 is crashed' },
    { tUs: 2, pane: 1, text: 'b1 is serving' },
    { tUs: 9, pane: 0, text: 'later' },
  ];
  it('lists lines up to the cursor, by pane and words', () => {
    expect(visibleLines(log, 5, null, '')).toHaveLength(2);
    expect(visibleLines(log, 5, 1, '')).toEqual([log[1]]);
    expect(visibleLines(log, 10, null, 'CRASH')).toEqual([log[0]]);
    expect(visibleLines(log, 10, null, '', 1)).toEqual([log[2]]);
    // A cluster's lines name their shard; with one shard open, only its lines.
    const cluster = [
      { tUs: 1, pane: 0, text: 's1: Fault: AZ a goes down for 60 s' },
      { tUs: 2, pane: 0, text: 's12: b1 is crashed' },
      { tUs: 3, pane: 1, text: 's1: a1 is crashed' },
    ];
    expect(visibleLines(cluster, 10, null, '', 200, 's1')).toEqual([cluster[0], cluster[2]]);
    expect(visibleLines(cluster, 10, 1, 'crashed', 200, 's1')).toEqual([cluster[2]]);
    expect(visibleLines(cluster, 10, null, '', 200, null)).toEqual(cluster);
  });
});

describe('chart series', () => {
  it('breaks lines at gaps and scales counts', () => {
    expect(linePath([1, NaN, 2, 3], (i) => i, (v) => v)).toBe('M0.0,1.0M2.0,2.0L3.0,3.0');
    expect(maxOf([[1, NaN, 7], undefined], 2)).toBe(7);
    expect(perSecond([5], 500_000)).toEqual([10]);
  });
});

describe('strip captions', () => {
  it('split after the colon once they would run past the picture', () => {
    expect(captionLines('9,070 writes at risk: acknowledged, but not yet in the log')).toEqual(['9,070 writes at risk:', 'acknowledged, but not yet in the log']);
    expect(captionLines('a reply leaves once 2 of 3 AZ copies have the write')).toHaveLength(1);
  });
});
