// A valid scenario file of about `kib` KiB: the primary-crash scenario under comment lines of letters that
// do not compress away, as a large hand-written file would be. Deterministic.
import { readFileSync } from 'node:fs';

const PRIMARY_CRASH = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function largeScenario(kib: number, title = 'Large file'): string {
  let x = 2463534242; // xorshift32
  const letter = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return LETTERS[(x >>> 0) % LETTERS.length];
  };
  const text = PRIMARY_CRASH.replace('title: Primary crash under load', `title: ${title}`);
  const lines: string[] = [];
  for (let size = text.length; size < kib * 1024; size += 101) lines.push(`# ${Array.from({ length: 98 }, letter).join('')}`);
  return `${lines.join('\n')}\n${text}`;
}
