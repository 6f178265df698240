// The designs: one folder each beside this file, behind the one interface of design.ts. The family says
// how a pane is drawn (a replication picture, or a log with its AZ copies); within the log family the
// durability parameter picks when the primary replies.
import type { PresetParams } from '../types';
import type { Design } from './design';
import { cacheStyle } from './cache-style';
import { logAsync } from './log-async';
import { logDurable } from './log-durable';

export function designFor(p: Pick<PresetParams, 'family' | 'durable'>): Design {
  if (p.family === 'cache') return cacheStyle;
  return p.durable.durability === 'async' ? logAsync : logDurable;
}
