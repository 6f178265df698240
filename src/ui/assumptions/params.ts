// The parameters a learner should see for each preset, with their sources as keyed in model.md §3
// ([A] marks an assumption no public source gives a number for).
import type { PresetParams } from '../../sim/types';
import { BUS_TICK_US } from '../../sim/cluster/bus';

export interface ParamRow {
  label: string;
  source: string;
  value(p: PresetParams): string;
  /** Only rows of the families listed apply. */
  families: Array<PresetParams['family']>;
}

const ms = (v: number) => `${v} ms`;
/** A ceiling in thousands, e.g. 303K. */
const ops = (v: number) => `${Math.round(v / 1000)}K`;
const both: ParamRow['families'] = ['cache', 'durable'];

export const PARAM_ROWS: ParamRow[] = [
  { label: 'Round trip inside an AZ', source: 'L1, L2', value: (p) => ms(p.network.intraAzRttMs), families: both },
  { label: 'Round trip across AZs', source: 'L1, L2', value: (p) => ms(p.network.crossAzRttMs), families: both },
  { label: 'CPU per command', source: 'P §1, P §6.1.2', value: (p) => `${p.server.commandUs} µs (at most ${ops(1e6 / p.server.commandUs)} op/s per node)`, families: both },
  {
    label: 'CPU per write for the log append',
    source: 'derived from P §6.1.2',
    value: (p) => `${p.durable.appendCpuUs} µs (at most ${ops(1e6 / (p.server.commandUs + p.durable.appendCpuUs))} writes/s per primary)`,
    families: ['durable'],
  },
  { label: 'Group commit: one batch of appends per', source: 'A', value: (p) => `${p.durable.groupCommitUs} µs`, families: ['durable'] },
  { label: 'fsync (EBS gp3)', source: 'A, R-LAT', value: (p) => ms(p.server.fsyncMs), families: both },
  { label: 'Client timeout', source: 'A', value: (p) => ms(p.client.timeoutMs), families: both },
  { label: 'Replication delay on the primary', source: 'A (load-dependent)', value: (p) => ms(p.cache.replicationDelayMs), families: ['cache'] },
  { label: 'AOF', source: 'R-PERS', value: (p) => (p.cache.aof.enabled ? `on, appendfsync ${p.cache.aof.fsync}, ${p.cache.aof.rdbPreamble ? 'RDB preamble' : 'pure command log'}` : 'off'), families: ['cache'] },
  { label: 'WAIT after each write', source: 'R-WAIT', value: (p) => (p.cache.waitReplicas ? `WAIT ${p.cache.waitReplicas} ${p.cache.waitTimeoutMs}` : 'off'), families: ['cache'] },
  { label: 'min-replicas-to-write', source: 'R-REPL, R-CONF', value: (p) => String(p.cache.minReplicasToWrite), families: ['cache'] },
  { label: 'Failover mode', source: 'EC-AF, R-CSPEC', value: (p) => p.cache.failover.mode, families: ['cache'] },
  { label: 'Failure detection', source: 'A: EC 10 s; R-CSPEC 15 s; R-SENT 30 s', value: (p) => ms(p.cache.failover.detectionMs), families: ['cache'] },
  {
    label: 'Sentinels that must agree',
    source: 'R-SENT; one per AZ: A',
    value: (p) => (p.cache.failover.mode === 'sentinel' ? `${p.cache.failover.sentinelQuorum} of 3 (one per AZ), and 2 of 3 to elect a leader` : 'no sentinels'),
    families: ['cache'],
  },
  { label: 'Promotion + endpoint move', source: 'EC-AF, R-CSPEC', value: (p) => ms(p.cache.failover.promotionMs), families: ['cache'] },
  {
    label: 'In a cluster, a shard fails over',
    source: 'R-CSPEC; A: ElastiCache per shard',
    value: (p) =>
      p.family === 'durable'
        ? 'by itself, through its own log'
        : p.cache.failover.mode === 'cluster'
          ? `only with the votes of a majority of all the primaries; shards learn of each other every ${BUS_TICK_US / 1000} ms (A)`
          : 'by itself',
    families: both,
  },
  { label: 'Backups to the snapshot store', source: 'EC-BK', value: (p) => (p.cache.backup.enabled ? `every ${p.cache.backup.intervalS} s` : 'off'), families: ['cache'] },
  { label: 'Log commit (beyond the round trip)', source: 'A, derived from P §6.1.2', value: (p) => ms(p.durable.logCommitMs), families: ['durable'] },
  { label: 'Log copies needed to commit', source: 'P §3.2', value: (p) => `${p.durable.logQuorum} of 3`, families: ['durable'] },
  { label: 'Leadership lease', source: 'A, P §4.1', value: (p) => ms(p.durable.leaseMs), families: ['durable'] },
  { label: 'Campaign after', source: 'A, P §4.1', value: (p) => `${p.durable.backoffFactor} × lease`, families: ['durable'] },
  { label: 'Reply to a write', source: 'EC-DURAB, P §3', value: (p) => (p.durable.durability === 'sync' ? 'after the log commit (sync)' : 'before the log write (async)'), families: ['durable'] },
  { label: 'Log intake per primary', source: 'EC-DURAB', value: (p) => (p.durable.logMiBps > 0 ? `${p.durable.logMiBps} MiB/s` : 'no limit modelled'), families: ['durable'] },
  { label: 'Refuse writes while the oldest unlogged one is older than', source: 'EC-DURAB (async); A (sync)', value: (p) => ms(p.durable.bufferLimitMs), families: ['durable'] },
  { label: 'Snapshot from the log every', source: 'P §4.2', value: (p) => `${p.durable.snapshotIntervalS} s`, families: ['durable'] },
  { label: 'Restore replays the log after the snapshot at', source: 'A', value: (p) => `${p.durable.replayEntriesPerSec.toLocaleString('en-US')} entries/s`, families: ['durable'] },
  { label: 'Process restart by the platform', source: 'A', value: (p) => ms(p.server.autoRestartMs), families: both },
];
