// The glossary: one short definition for each word the outcome table, the lost-write box and the lesson
// captions lean on. Pure data and lookups, no DOM: Term.svelte shows one entry, Glossary.svelte all of them,
// and a caption names one with [[word]] or [[shown words|term]].

export interface GlossaryTerm {
  id: TermId;
  /** The name as the glossary lists it. */
  term: string;
  /** Other spellings a caption or a label may use (compared without case). */
  aliases: readonly string[];
  definition: string;
}

export const TERM_IDS = [
  'acknowledged',
  'lost',
  'at-risk',
  'rpo',
  'rto',
  'lag',
  'stale-read',
  'split-brain',
  'unknown-outcome',
  'lease',
  'commit-point',
  'durability-buffer',
] as const;
export type TermId = (typeof TERM_IDS)[number];

export const TERMS: Readonly<Record<TermId, GlossaryTerm>> = {
  acknowledged: {
    id: 'acknowledged',
    term: 'acknowledged',
    aliases: ['acknowledgement', 'acknowledged write', 'acknowledged writes', 'ack', 'acked'],
    definition:
      'The client got "OK" for its write. From then on it treats the write as done; what the OK promises depends on the design (in memory on one node, or committed to a log in several AZs).',
  },
  lost: {
    id: 'lost',
    term: 'lost',
    aliases: ['lost write', 'lost writes', 'lost acknowledged write', 'lost acknowledged writes'],
    definition:
      'An acknowledged write that the authoritative state (after a failover, the promoted primary) no longer holds and cannot get back: no surviving node or log has it.',
  },
  'at-risk': {
    id: 'at-risk',
    term: 'at risk',
    aliases: ['at-risk'],
    definition:
      'An acknowledged write that so far exists only in places the next failure or failover can erase, such as the memory of a cache-style primary whose replicas have not received it yet. Not lost yet, but not safe.',
  },
  rpo: {
    id: 'rpo',
    term: 'RPO',
    aliases: ['recovery point objective'],
    definition:
      'Recovery point: how much acknowledged data a failure cost, measured here as the time span of the lost acknowledged writes. 0 means nothing acknowledged was lost.',
  },
  rto: {
    id: 'rto',
    term: 'RTO',
    aliases: ['recovery time objective'],
    definition:
      'Recovery time: how long clients could not get a write (or a read) done. Here it is measured as clients see it: the longest gap without a success, in the worst client AZ.',
  },
  lag: {
    id: 'lag',
    term: 'lag',
    aliases: ['replication lag', 'replica lag'],
    definition:
      "How far a replica's copy trails the primary's, in time or in bytes of the replication stream. Not a setting: it comes from load, the network and faults, and it is what a failover can lose.",
  },
  'stale-read': {
    id: 'stale-read',
    term: 'stale read',
    aliases: ['stale reads', 'stale'],
    definition: 'A read that returns an older value than the newest acknowledged write of that key, for example from a replica that is behind.',
  },
  'split-brain': {
    id: 'split-brain',
    term: 'split brain',
    aliases: ['split-brain'],
    definition:
      'Two nodes acknowledging writes as primary over the same stretch of time, typically on both sides of a network partition. The writes of the side that loses are thrown away when it rejoins.',
  },
  'unknown-outcome': {
    id: 'unknown-outcome',
    term: 'unknown outcome',
    aliases: ['unknown', 'unknown outcomes', 'timeout', 'timeouts'],
    definition:
      'A request that timed out: the client never heard back, so it cannot tell whether the write happened. Counted apart from acknowledged and refused writes.',
  },
  lease: {
    id: 'lease',
    term: 'lease',
    aliases: ['leases', 'leadership lease'],
    definition:
      "A primary's time-limited right to serve. MemoryDB's primary renews it by appending to the log; cut off from the log it cannot renew, and it stops serving when the lease runs out, before any replica may take over.",
  },
  'commit-point': {
    id: 'commit-point',
    term: 'commit point',
    aliases: ['commit', 'committed'],
    definition:
      'The instant a write becomes durable in the design\'s own terms. In MemoryDB, when enough AZ copies of the log hold it (this model assumes 2 of 3); only then is the client answered. A cache-style primary answers before any such point.',
  },
  'durability-buffer': {
    id: 'durability-buffer',
    term: 'durability buffer',
    aliases: ['buffer', 'durability lag'],
    definition:
      'The writes a durable ElastiCache primary has executed but the log has not yet committed. With durability async they are already acknowledged, so they are at risk and go with the primary if it fails; once the oldest is 10 s old the primary refuses writes until the log catches up. With durability sync their replies wait instead.',
  },
};

const BY_NAME: ReadonlyMap<string, TermId> = new Map(
  TERM_IDS.flatMap((id) => [id, TERMS[id].term, ...TERMS[id].aliases].map((name) => [normalize(name), id] as const)),
);

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The term a name refers to (its id, its listed name or an alias, in any case), or undefined. */
export function findTerm(name: string): GlossaryTerm | undefined {
  const id = BY_NAME.get(normalize(name));
  return id === undefined ? undefined : TERMS[id];
}

/** Every term, in the order the glossary lists them. */
export function glossary(): GlossaryTerm[] {
  return TERM_IDS.map((id) => TERMS[id]);
}
