// What calibration changed in the model, and why: shown under the report on the "How faithful is this
// model?" page so a reader sees that a disagreement was fixed in the model, not hidden by a wider tolerance.

export interface ModelChange {
  /** Day the change landed, YYYY-MM-DD. */
  date: string;
  experiment: string;
  what: string;
  why: string;
}

export const MODEL_CHANGES: ModelChange[] = [
  {
    date: '2026-11-25',
    experiment: '1 async replication crash',
    what: 'A replication delay (`cache.replicationDelayMs`): a write waits that long on the primary before it leaves for the replicas.',
    why: 'On one machine the replica applied every write within microseconds, so the model lost nothing on a crash while a real Redis behind a delaying link lost about rate × delay. The delay stands for a loaded primary or a slow link; it is 0 by default and the primary-crash scenario sets 20 ms.',
  },
  {
    date: '2026-11-25',
    experiment: '3 min-replicas',
    what: 'min-replicas-to-write is judged from a count the primary refreshes once a second, with ACK ages in whole seconds.',
    why: 'The model used to check the last ACK time on every write, so it refused writes the moment the lag passed the limit; Redis 7.0 recounts its good replicas in replicationCron and compares whole seconds, refusing up to about a second later.',
  },
  {
    date: '2026-11-26',
    experiment: '6 load time',
    what: 'An AOF with its RDB preamble (`aof.rdbPreamble`, the Redis default) loads as fast as an RDB file; a pure command log loads at a factor that depends on the value size.',
    why: 'The model charged every AOF load twice the RDB time. Measured on Redis 7.0.15: the preamble AOF loads in 1.0–1.05× the RDB time, and replaying a pure command log costs per command: ≈ 2.2× with 100-byte values, 1.2× at 1 KB, 0.8× at 4 KB.',
  },
];
