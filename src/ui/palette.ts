// Okabe–Ito colours, safe for the common colour-vision deficiencies. Every colour is paired with a shape
// or a word wherever it carries meaning.
import type { StateTone } from './states';
import type { IconName } from './icons';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export const TONE_COLOUR: Record<StateTone, string> = {
  ok: OKABE_ITO.blue,
  busy: OKABE_ITO.orange,
  warn: OKABE_ITO.purple,
  bad: OKABE_ITO.vermillion,
  off: '#6b6b6b',
};

/** An icon drawn inside the node, so state never rests on colour alone. */
export const TONE_ICON: Record<StateTone, IconName> = {
  ok: 'check',
  busy: 'restart',
  warn: 'bang',
  bad: 'cross',
  off: 'power',
};

/**
 * What else colour means in a pane, one meaning each: the state colours above, and these (with a shape
 * each, named in the strip's legend and the motion key).
 */
export const MEANING = {
  request: OKABE_ITO.sky,
  reply: OKABE_ITO.green,
  /** The replication stream and the log's appends: the data on its way to another copy. */
  data: '#3b424a',
  /** Acknowledged, but only where the next failure can erase it. */
  atRisk: OKABE_ITO.yellow,
  /** Acknowledged and gone for good. */
  lost: '#a3001b',
} as const;

/** Per-pane line colour and dash in the charts (the legend names each pane too). */
export const PANE_STYLE = [
  { colour: OKABE_ITO.vermillion, dash: '' },
  { colour: OKABE_ITO.blue, dash: '6 3' },
  { colour: OKABE_ITO.green, dash: '2 2' },
  { colour: OKABE_ITO.purple, dash: '8 3 2 3' },
];
