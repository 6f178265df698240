// FNV-1a, 64 bit: tiny, dependency-free and identical in Node and browsers, which is all a
// reproducibility fingerprint needs (it is not a security hash).
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

export function fnv1a64(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** One fingerprint for a set of runs; order matters, as the runs are shown in order. */
export function combineHashes(hashes: readonly string[]): string {
  return fnv1a64(hashes.join('\n'));
}
