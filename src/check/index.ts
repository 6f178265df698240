export { latencySummary, latenciesMs, readLatenciesMs, writeLatenciesMs } from './latency';
export { readRtoMs, unavailabilityWindows, writeRtoMs, type UnavailabilityWindow } from './availability';
export { staleReads, type StaleReadReport } from './stale';
export { ackIntervals, splitBrainMs, splitBrainWindows, type AckInterval, type OverlapWindow } from './split-brain';
export { recountLostWriteIds } from './lineage-recount';
export { checkLinearizability, type LinearizabilityOptions } from './linearizability';
export { rpoMs } from './rpo';
export { summarize, type SummarizeOptions } from './summarize';
export { collectOps, type Op, type OpKind, type Outcome } from './ops';
