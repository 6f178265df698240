// The strip of recent writes in words: its caption, and the sentence screen readers get for it.
import type { PaneView } from '../../sim/view';
import { formatCount } from '../format';

const seconds = (us: number) => `${(us / 1e6).toFixed(3)}`;
const writes = (n: number) => `${formatCount(n)} ${n === 1 ? 'write' : 'writes'}`;

/** Where the truth is now: the serving primary, or no single node (after a crash, before a failover). */
function servingPrimary(view: PaneView): string | null {
  const p = view.nodes.find((n) => n.id === view.primary);
  return p && p.role === 'primary' && (p.state === 'serving' || p.state === 'primary') ? p.id : null;
}

/** Cache-style caption: what is lost (counted, with its acknowledgement times), else what is at risk. */
export function lostCaption(view: PaneView): string {
  const f = view.fates;
  if (f.lost > 0) {
    const span = f.lostFromUs === f.lostToUs ? `at ${seconds(f.lostFromUs)} s` : `${seconds(f.lostFromUs)}–${seconds(f.lostToUs)} s`;
    const where = servingPrimary(view);
    const one = f.lost === 1;
    return `${writes(f.lost)} lost, acknowledged ${span}: ${one ? 'it is' : 'they are'} ${where ? `not on ${where}, which serves` : 'on no copy that survives'}`;
  }
  if (f.atRisk > 0) return `${writes(f.atRisk)} at risk: acknowledged, but ${view.log ? 'not yet in the log' : `no replica has ${f.atRisk === 1 ? 'it' : 'them'} yet`}`;
  if (f.acked === 0) return 'no write acknowledged yet';
  return view.log ? 'every write shown is in the committed log' : 'every write shown is on a replica too';
}

/**
 * A caption in at most two lines that fit the pane's width: split after its colon. 52 characters of the
 * caption's bold 10.5-unit text fill the 360-unit picture ("9,070 writes at risk: acknowledged, but not
 * yet in the log", 58, ran past its edge).
 */
export function captionLines(caption: string): [string] | [string, string] {
  const at = caption.indexOf(': ');
  return caption.length <= 52 || at < 0 ? [caption] : [caption.slice(0, at + 1), caption.slice(at + 2)];
}

/** One sentence for screen readers: the caption, and how many of the writes shown each node lacks. */
export function stripSentence(view: PaneView): string {
  const f = view.fates;
  if (f.marks === 'log') {
    const waiting = f.log.filter((m) => !m.committed).length;
    const perCopy = f.rows.map((r, i) => `${r.label} has ${formatCount(f.log.filter((m) => m.copies[i]).length)} of them`).join(', ');
    return `The ${f.log.length} newest log entries of writes: ${perCopy}; ${writes(waiting)} waiting for the commit. ${formatCount(f.lost)} acknowledged writes lost.`;
  }
  const shown = f.recent.length;
  const perNode = f.rows
    .map((r, i) => {
      const lacks = f.recent.filter((m) => m.holding[i] === 'none' || m.holding[i] === 'gone').length;
      return lacks === 0 ? `${r.label} has all of them` : `${r.label} lacks ${formatCount(lacks)}`;
    })
    .join(', ');
  return `The ${shown} ${f.recentIsLostTail ? 'acknowledged writes around the last lost one' : 'newest acknowledged writes'}: ${perNode}. ${lostCaption(view)}.`;
}
