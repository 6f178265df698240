// Lesson pause conditions in words, for the player's status line.
import { normalizeUntil } from '../../lesson/conditions';
import type { Until } from '../../lesson/schema';

const EVENTS: Record<string, string> = {
  fault: 'a fault',
  failover: 'a failover',
  'first-lost-write': 'the first acknowledged write that is later lost',
  'split-brain': 'split brain (two nodes acknowledging writes)',
  'lease-expired': 'a lease expiring',
  'writes-refused': 'a primary refusing writes',
  'full-resync': 'a full resync',
  restart: 'a primary restarting from its own disk',
  'restore-backup': 'a restore from backup',
};

export function describeUntil(until: Until): string {
  const c = normalizeUntil(until);
  const what = c.event === 'time' ? `the clock reaching ${c.at ?? 0} s` : c.event === 'fault' && c.kind ? `the ${c.kind} fault` : (EVENTS[c.event] ?? c.event);
  return c.preset ? `${what} in "${c.preset}"` : what;
}

export function formatSeconds(us: number): string {
  return `${(us / 1e6).toFixed(3)} s`;
}
