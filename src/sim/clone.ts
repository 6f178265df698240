// A deep copy of plain data for checkpoints: like structuredClone (objects reached twice are copied once,
// so sharing survives; prototypes are not kept), but the copy has the shapes V8 gave the original. The
// structured clone turns every array into one of generic, holey elements, numbers included: a world
// restored that way ran its events three to ten times slower (every update of a numeric array boxed a
// number, and every access site saw new shapes), which was most of the time a seek took.

type Memo = Map<object, unknown>;

/** Copy plain data: objects, arrays, Maps, Sets and typed arrays; anything else is shared as it is. */
export function cloneData<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(v: unknown, memo: Memo): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (Array.isArray(v)) {
    // slice keeps the elements kind (small integers, doubles, objects; packed or holey).
    const out = v.slice();
    memo.set(v, out);
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      if (typeof x === 'object' && x !== null) out[i] = copy(x, memo);
    }
    return out;
  }
  if (v instanceof Map) {
    const out = new Map();
    memo.set(v, out);
    for (const [k, x] of v) out.set(copy(k, memo), copy(x, memo));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    memo.set(v, out);
    for (const x of v) out.add(copy(x, memo));
    return out;
  }
  if (ArrayBuffer.isView(v)) {
    const out = (v as unknown as { slice(): unknown }).slice();
    memo.set(v, out);
    return out;
  }
  // A spread copies own enumerable properties in order into a plain object of a matching shape.
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  memo.set(v, out);
  for (const k in out) {
    const x = out[k];
    if (typeof x === 'object' && x !== null) out[k] = copy(x, memo);
  }
  return out;
}
