// What a GET sees on a node: the value, which write produced it, and how far behind the node was.
import type { NodeBase, Op } from './world';
import type { WriteLog } from './writes';

export function readInto(op: Op, n: NodeBase, fromReplica: boolean, lagUs: number, writes: WriteLog): void {
  const v = n.data.vals[op.k];
  const present = v >= 0;
  op.value = present ? writes.valueAt(v) : null;
  op.rw = present ? writes.w[v] : -1;
  op.rs = present ? writes.seqOf(v) : -1;
  op.term = n.term;
  op.fromReplica = fromReplica;
  op.lagUs = op.fromReplica ? lagUs : 0;
}
