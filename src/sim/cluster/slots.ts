// Redis Cluster's key space: 16,384 hash slots, a key's slot is CRC16 (XMODEM) of the key mod 16384, and
// only the part between the first `{` and the next `}` is hashed when that part is not empty (a hash
// tag, so related keys land together). Slots are split into contiguous ranges, one per shard, as
// `redis-cli --cluster create` assigns them. [cluster spec; model.md §6]
export const SLOTS = 16_384;

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let j = 0; j < 8; j++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

/** CRC16-CCITT (XMODEM), as Redis Cluster computes it, over the UTF-8 bytes of `s`. */
export function crc16(s: string): number {
  const bytes = new TextEncoder().encode(s);
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ b) & 0xff];
  return crc;
}

/** The part of the key that is hashed: the hash tag if there is a non-empty one, else the whole key. */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

export function keySlot(key: string): number {
  return crc16(hashedPart(key)) % SLOTS;
}

/**
 * The first slot of each of `shards` contiguous ranges, and SLOTS at the end: shard i owns
 * [starts[i], starts[i + 1]). The ranges differ in size by at most one slot.
 */
export function slotStarts(shards: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= shards; i++) out.push(Math.floor((i * SLOTS) / shards));
  return out;
}

/** The shard (0-based) that owns `slot`. */
export function shardOfSlot(slot: number, starts: readonly number[]): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= slot) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function shardOfKey(key: string, starts: readonly number[]): number {
  return shardOfSlot(keySlot(key), starts);
}
