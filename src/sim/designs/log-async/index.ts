// The log-async design (ElastiCache for Valkey --durability async, model.md §6): the log-durable design's
// log, leases, replicas and recovery, but the primary replies as soon as it has executed a write and hands
// it to the log after. What the log has not committed sits in the primary's durability buffer: at risk,
// and lost if that primary fails. While the oldest write in it is older than 10 s the primary refuses
// writes, which bounds the loss. The request path is log-durable's (requests.ts reads the durability
// parameter); what differs here is what became of the acknowledged writes.
import type { Design } from '../design';
import { defineDesign } from '../design';
import { logDurable } from '../log-durable';
import { asyncFateCounts, asyncFatesView } from './fates';
import { lostAsync } from './lost';

export const logAsync: Design = defineDesign({
  ...logDurable,
  writesInLog: true,
  lostWrites: lostAsync,
  fateCounts: asyncFateCounts,
  fatesView: asyncFatesView,
});
