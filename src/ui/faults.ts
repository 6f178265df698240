// Faults a learner can inject, grouped by what they select (a node, an AZ or a replication link), and
// the plain words used for them in menus, the event log and the timeline.
import type { AZ, FaultSpec } from '../sim/types';
import { splitNodeTarget } from '../sim/cluster/specs';

export type Target = { kind: 'node'; id: string } | { kind: 'az'; az: AZ } | { kind: 'link'; node: string };

export interface FaultAction {
  key: string;
  label: string;
  fault: FaultSpec;
  /** What it does, in more words, for screen readers (the button's description). */
  description?: string;
}

/** The actions for a target; `role` is the node's role in the first pane (a replica can be promoted). */
export function actionsFor(target: Target, role?: 'primary' | 'replica'): FaultAction[] {
  switch (target.kind) {
    case 'node': {
      // A cluster's node is named with its shard (s2.a1); its AZ is the first letter of its own name.
      const az = splitNodeTarget(target.id).node[0] as AZ;
      const actions: FaultAction[] = [
        { key: 'crash', label: 'Crash the process', fault: { kind: 'crash', node: target.id } },
        { key: 'restart', label: 'Restart it now', fault: { kind: 'restart', node: target.id } },
        { key: 'reboot', label: 'Reboot', fault: { kind: 'reboot', node: target.id } },
        { key: 'host-loss', label: 'Lose the host and its disk', fault: { kind: 'host-loss', node: target.id } },
        { key: 'isolate', label: `Isolate it (cut off AZ ${az})`, fault: { kind: 'az-isolate', az } },
      ];
      if (role === 'replica') {
        actions.push({
          key: 'promote',
          label: 'Promote it to primary',
          fault: { kind: 'promote', node: target.id },
          description:
            `Promote replica ${target.id} by hand now, whatever its lag: in Redis and ElastiCache, REPLICAOF NO ONE and the endpoint moves ` +
            `to it, and every acknowledged write it lacks is lost; MemoryDB hands over only once ${target.id} has the whole log.`,
        });
      }
      return actions;
    }
    case 'az':
      return [
        { key: 'az-outage', label: `Outage of AZ ${target.az}`, fault: { kind: 'az-outage', az: target.az } },
        { key: 'az-isolate', label: `Isolate AZ ${target.az}`, fault: { kind: 'az-isolate', az: target.az } },
        { key: 'az-recover', label: `Recover AZ ${target.az}`, fault: { kind: 'az-recover', az: target.az } },
        { key: 'az-heal', label: `Heal AZ ${target.az}'s network`, fault: { kind: 'az-heal', az: target.az } },
      ];
    case 'link':
      return [
        { key: 'link-delay', label: 'Delay by 200 ms', fault: { kind: 'link-delay', node: target.node, delayMs: 200 } },
        { key: 'link-stall', label: 'Stall the link', fault: { kind: 'link-stall', node: target.node } },
        { key: 'link-heal', label: 'Heal the link', fault: { kind: 'link-heal', node: target.node } },
      ];
  }
}

export function targetName(target: Target): string {
  if (target.kind === 'node') return `node ${target.id}`;
  if (target.kind === 'az') return `AZ ${target.az}`;
  return `replication link to ${target.node}`;
}

const forS = (s?: number) => (s === undefined ? '' : ` for ${s} s`);

export function describeFault(f: FaultSpec, resolved?: string): string {
  const node = (n: string) => (resolved && resolved !== n ? `${n} (${resolved})` : n);
  switch (f.kind) {
    case 'crash':
      return `process on ${node(f.node)} crashes`;
    case 'restart':
      return `${node(f.node)} is restarted`;
    case 'reboot':
      return `${node(f.node)} reboots`;
    case 'host-loss':
      return `host of ${node(f.node)} is lost with its disk`;
    case 'az-outage':
      return `AZ ${f.az} goes down${forS(f.durationS)}`;
    case 'az-recover':
      return `AZ ${f.az} recovers`;
    case 'az-isolate':
      return `AZ ${f.az} is cut off from the others${forS(f.durationS)}`;
    case 'az-heal':
      return `AZ ${f.az}'s network heals`;
    case 'power-loss':
      return `power is lost in every AZ${forS(f.durationS)}`;
    case 'power-restore':
      return 'power comes back';
    case 'link-delay':
      return `replication link to ${node(f.node)} slowed by ${f.delayMs} ms${forS(f.durationS)}`;
    case 'link-stall':
      return `replication link to ${node(f.node)} stalls${forS(f.durationS)}`;
    case 'link-heal':
      return `replication link to ${node(f.node)} heals`;
    case 'fsync-stall':
      return `fsync on ${node(f.node)} stalls for ${f.durationMs} ms`;
    case 'promote':
      return `${node(f.node)} is promoted to primary by hand`;
  }
}
