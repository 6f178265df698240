// The measures an `expect` block (and a lesson's goals) can assert on; schema.ts builds their schemas from this list.
export const EXPECT_METRICS = [
  'lostAcked',
  'acked',
  'rpoMs',
  'rtoMs',
  'readRtoMs',
  'staleReads',
  'splitBrainMs',
  'unknownWrites',
  'refusedWrites',
  'writeP50Ms',
  'writeP99Ms',
  'readP50Ms',
  'readP99Ms',
] as const;
export type ExpectMetric = (typeof EXPECT_METRICS)[number];
