// Event queue: a binary min-heap ordered by (time, sequence). The sequence number is the order of
// scheduling, which makes ties deterministic. Events are plain objects so the heap can be cloned.

export interface QueuedEvent {
  t: number;
  seq: number;
  kind: number;
}

export interface Heap<E extends QueuedEvent> {
  items: E[];
  nextSeq: number;
}

export function createHeap<E extends QueuedEvent>(): Heap<E> {
  return { items: [], nextSeq: 0 };
}

function less(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

export function push<E extends QueuedEvent>(h: Heap<E>, e: E): void {
  e.seq = h.nextSeq++;
  reinsert(h, e);
}

/** Put back an event whose sequence number was taken earlier (it keeps its place among ties). */
export function reinsert<E extends QueuedEvent>(h: Heap<E>, e: E): void {
  const items = h.items;
  let i = items.length;
  items.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = items[p];
    if (!less(e, parent)) break;
    items[i] = parent;
    i = p;
  }
  items[i] = e;
}

export function pop<E extends QueuedEvent>(h: Heap<E>): E | undefined {
  const items = h.items;
  const n = items.length;
  if (n === 0) return undefined;
  const top = items[0];
  const last = items.pop() as E;
  if (n > 1) {
    let i = 0;
    const m = n - 1;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      const c = r < m && less(items[r], items[l]) ? r : l;
      if (!less(items[c], last)) break;
      items[i] = items[c];
      i = c;
    }
    items[i] = last;
  }
  return top;
}

export function peekTime(h: Heap<QueuedEvent>): number {
  return h.items.length === 0 ? Infinity : h.items[0].t;
}
