// The designs, by family: one folder each beside this file, behind the one interface of design.ts.
import type { Family } from '../types';
import type { Design } from './design';
import { cacheStyle } from './cache-style';
import { logDurable } from './log-durable';

const DESIGNS: Record<Family, Design> = { cache: cacheStyle, durable: logDurable };

export function designFor(family: Family): Design {
  return DESIGNS[family];
}
