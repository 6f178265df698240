// The line under the title: how each design on screen answers a write, once per design, in pane order.
import type { PresetParams } from '../sim/types';

function wordsFor(p: Pick<PresetParams, 'family' | 'durable'>): string {
  if (p.family === 'cache') return 'cache-style Redis replies first and replicates later';
  if (p.durable.durability === 'sync') return 'MemoryDB and durability sync reply after two of three AZs hold the write in the log';
  return `durability async replies first and logs after, so a failure can lose up to ${p.durable.bufferLimitMs / 1000} s of writes`;
}

export function designWords(panes: ReadonlyArray<{ params: Pick<PresetParams, 'family' | 'durable'> }>): string {
  const seen: string[] = [];
  for (const p of panes) {
    const words = wordsFor(p.params);
    if (!seen.includes(words)) seen.push(words);
  }
  return seen.length > 0 ? seen.join('; ') : 'cache-style Redis replies first and replicates later; MemoryDB replies after two of three AZs hold the write in its log';
}
