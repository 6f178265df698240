// The references every lesson claim points to, keyed as in the model reference's source list. The lesson
// schema (schema.ts) reads SOURCE_KEYS to reject unknown keys.

export interface Source {
  key: SourceKey;
  /** Full title, as the "why?" panel shows it. */
  title: string;
  /** Public address of the page or paper. */
  url: string;
}

export const SOURCE_KEYS = [
  'P',
  'MDB-cons',
  'MDB-FT',
  'EC-DUR',
  'EC-AF',
  'EC-AOF',
  'EC-BK',
  'EC-DURAB',
  'R-REPL',
  'R-PERS',
  'R-LAT',
  'R-WAIT',
  'R-SENT',
  'R-CSPEC',
  'R-CONF',
  'J13',
  'L1',
  'L2',
] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

const REDIS_DOCS = 'https://redis.io/docs/latest';
const EC_GUIDE = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg';

export const SOURCES: Readonly<Record<SourceKey, Source>> = {
  P: {
    key: 'P',
    title: 'Taleb et al., "Amazon MemoryDB: A Fast and Durable Memory-First Cloud Database", SIGMOD-Companion 2024',
    url: 'https://doi.org/10.1145/3626246.3653380',
  },
  'MDB-cons': {
    key: 'MDB-cons',
    title: 'Amazon MemoryDB Developer Guide: Consistency',
    url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/consistency.html',
  },
  'MDB-FT': {
    key: 'MDB-FT',
    title: 'Amazon MemoryDB Developer Guide: Mitigating failures (one primary, 0 to 5 read-only replicas)',
    url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/faulttolerance.html',
  },
  'EC-DUR': {
    key: 'EC-DUR',
    title: 'Amazon ElastiCache Developer Guide: Resilience and mitigating failures',
    url: `${EC_GUIDE}/disaster-recovery-resiliency.html`,
  },
  'EC-AF': {
    key: 'EC-AF',
    title: 'Amazon ElastiCache Developer Guide: Minimizing downtime with Multi-AZ (automatic failover)',
    url: `${EC_GUIDE}/AutoFailover.html`,
  },
  'EC-AOF': {
    key: 'EC-AOF',
    title: 'Amazon ElastiCache Developer Guide: Append only files (AOF)',
    url: `${EC_GUIDE}/RedisAOF.html`,
  },
  'EC-DURAB': {
    key: 'EC-DURAB',
    title: 'Amazon ElastiCache Developer Guide: Durability in ElastiCache (options, consistency, limitations, monitoring)',
    url: `${EC_GUIDE}/durability.html`,
  },
  'EC-BK': {
    key: 'EC-BK',
    title: 'Amazon ElastiCache Developer Guide: Snapshot and restore',
    url: `${EC_GUIDE}/backups.html`,
  },
  'R-REPL': {
    key: 'R-REPL',
    title: 'Redis documentation: Redis replication',
    url: `${REDIS_DOCS}/operate/oss_and_stack/management/replication/`,
  },
  'R-PERS': {
    key: 'R-PERS',
    title: 'Redis documentation: Redis persistence',
    url: `${REDIS_DOCS}/operate/oss_and_stack/management/persistence/`,
  },
  'R-LAT': {
    key: 'R-LAT',
    title: 'Redis documentation: Diagnosing latency issues',
    url: `${REDIS_DOCS}/operate/oss_and_stack/management/optimization/latency/`,
  },
  'R-WAIT': {
    key: 'R-WAIT',
    title: 'Redis documentation: WAIT command',
    url: `${REDIS_DOCS}/commands/wait/`,
  },
  'R-SENT': {
    key: 'R-SENT',
    title: 'Redis documentation: High availability with Redis Sentinel',
    url: `${REDIS_DOCS}/operate/oss_and_stack/management/sentinel/`,
  },
  'R-CSPEC': {
    key: 'R-CSPEC',
    title: 'Redis documentation: Redis cluster specification',
    url: `${REDIS_DOCS}/operate/oss_and_stack/reference/cluster-spec/`,
  },
  'R-CONF': {
    key: 'R-CONF',
    title: 'Redis documentation: Redis configuration file (self-documented redis.conf)',
    url: `${REDIS_DOCS}/operate/oss_and_stack/management/config-file/`,
  },
  J13: {
    key: 'J13',
    title: 'Kyle Kingsbury, "Jepsen: Redis" (2013)',
    url: 'https://aphyr.com/posts/283-jepsen-redis',
  },
  L1: {
    key: 'L1',
    title: 'AWS Global Infrastructure: Regions and Availability Zones (low-latency links between AZs)',
    url: 'https://aws.amazon.com/about-aws/global-infrastructure/regions_az/',
  },
  L2: {
    key: 'L2',
    title: 'AWS Network Manager: Infrastructure Performance (published latency between and within AZs)',
    url: 'https://docs.aws.amazon.com/network-manager/latest/infrastructure-performance/what-is-nmip.html',
  },
};

export function isSourceKey(x: string): x is SourceKey {
  return (SOURCE_KEYS as readonly string[]).includes(x);
}

/** Sources in the order given, each once: what a "why?" panel lists for one step. */
export function sourcesFor(keys: readonly string[]): Source[] {
  return [...new Set(keys)].filter(isSourceKey).map((k) => SOURCES[k]);
}
