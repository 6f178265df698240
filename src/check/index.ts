export { Outcomes, type OutcomeCounts } from './outcomes';
export { LatencySamples } from './fold-latency';
export { type UnavailabilityWindow, type OpKind } from './fold-availability';
export { type AckInterval, type OverlapWindow } from './fold-split-brain';
export { recountLostWriteIds } from './lineage-recount';
export { checkLinearizability, checkKeys, keyOpOf, type KeyedOps, type LinearizabilityOptions } from './linearizability';
export { rpoMs } from './rpo';
export { summarize, type SummarizeOptions } from './summarize';
