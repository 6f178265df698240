// What a GET sees on a node: the value, which write produced it, and how far behind the node was.
import type { NodeRec, Op } from './world';

export function readInto(op: Op, n: NodeRec, lagUs: number): void {
  const v = n.data.vals[op.k];
  op.value = v ? v.val : null;
  op.rw = v ? v.w : -1;
  op.rs = v ? v.seq : -1;
  op.term = n.term;
  op.fromReplica = n.role !== 'primary';
  op.lagUs = op.fromReplica ? lagUs : 0;
}
