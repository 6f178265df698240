// Faults, scheduled or injected at any moment. Each one changes the world or sends an event to a node's
// lifecycle machine; a fault with a duration schedules its own end.
import { AZS, type FaultSpec } from './types';
import { FaultDue } from './events';
import { resumeConnections } from './clients';
import type { Simulation } from './engine';
import type { NodeFaultEvent } from './designs/design';

/** Any event a lifecycle machine accepts; each design's own typed helper narrows it to its machine's. */
export type NodeEvent = { type: string; [k: string]: unknown };

/** Resolve "primary", "replica" or a node id to a node index, or −1. */
export function resolveNode(sim: Simulation, target: string): number {
  const w = sim.w;
  if (target === 'primary') return w.primary;
  if (target === 'replica') {
    const r = w.nodes.find((n) => n.idx !== w.primary && !sim.design.isPrimary(n));
    return r ? r.idx : -1;
  }
  const n = w.nodes.find((x) => x.id === target);
  return n ? n.idx : -1;
}

function later(sim: Simulation, durationS: number | undefined, end: FaultSpec): void {
  if (durationS !== undefined && durationS > 0) FaultDue.after(sim, durationS * 1e6, end);
}

function topologyChanged(sim: Simulation): void {
  sim.design.onTopologyChange(sim);
}

function sendFault(sim: Simulation, idx: number, event: NodeFaultEvent): void {
  sim.send(idx, event);
}

const NODE_FAULT = { crash: 'CRASH', restart: 'RESTART', reboot: 'REBOOT', 'host-loss': 'HOST_LOST' } as const;

/** Apply a fault now. Returns the node or AZ it hit, in words, for the trace. */
export function applyFault(sim: Simulation, f: FaultSpec): string {
  const w = sim.w;
  switch (f.kind) {
    case 'crash':
    case 'restart':
    case 'reboot':
    case 'host-loss': {
      const idx = resolveNode(sim, f.node);
      if (idx < 0) return `no node ${f.node}`;
      sendFault(sim, idx, { type: NODE_FAULT[f.kind] });
      return w.nodes[idx].id;
    }
    case 'az-outage':
      w.azDown[AZS.indexOf(f.az)] = true;
      w.azGen[AZS.indexOf(f.az)]++;
      // The application servers in that AZ go down too: nobody is left to observe their requests' fate.
      for (const c of w.clients) {
        if (c.az !== AZS.indexOf(f.az)) continue;
        for (let i = c.head; i < c.pending.length; i++) c.pending[i].done = true;
        c.pending = [];
        c.head = 0;
        c.target = -1;
      }
      topologyChanged(sim);
      later(sim, f.durationS, { kind: 'az-recover', az: f.az });
      return `AZ ${f.az}`;
    case 'az-recover':
      if (w.azDown[AZS.indexOf(f.az)]) {
        w.azDown[AZS.indexOf(f.az)] = false;
        resumeConnections(sim, AZS.indexOf(f.az));
      }
      topologyChanged(sim);
      return `AZ ${f.az}`;
    case 'az-isolate':
      w.azIsolated[AZS.indexOf(f.az)] = true;
      topologyChanged(sim);
      later(sim, f.durationS, { kind: 'az-heal', az: f.az });
      return `AZ ${f.az}`;
    case 'az-heal':
      w.azIsolated[AZS.indexOf(f.az)] = false;
      topologyChanged(sim);
      return `AZ ${f.az}`;
    case 'power-loss':
      w.powerOff = true;
      for (const n of w.nodes) sendFault(sim, n.idx, { type: 'POWER_OFF' });
      later(sim, f.durationS, { kind: 'power-restore' });
      return 'every node';
    case 'power-restore':
      w.powerOff = false;
      for (const n of w.nodes) sendFault(sim, n.idx, { type: 'POWER_ON' });
      return 'every node';
    case 'link-delay':
    case 'link-stall':
    case 'link-heal': {
      const idx = resolveNode(sim, f.node);
      if (idx < 0) return `no node ${f.node}`;
      const n = w.nodes[idx];
      if (f.kind === 'link-delay') {
        n.linkDelayUs = Math.round(f.delayMs * 1000);
        later(sim, f.durationS, { kind: 'link-heal', node: n.id });
      } else if (f.kind === 'link-stall') {
        n.linkStalled = true;
        later(sim, f.durationS, { kind: 'link-heal', node: n.id });
      } else {
        if (n.linkStalled) sim.design.onLinkUnstalled(n);
        n.linkDelayUs = 0;
        n.linkStalled = false;
      }
      return `replication link of ${n.id}`;
    }
    case 'promote': {
      const idx = resolveNode(sim, f.node);
      if (idx < 0) return `no node ${f.node}`;
      sim.design.promote(sim, idx);
      return w.nodes[idx].id;
    }
    case 'fsync-stall': {
      const idx = resolveNode(sim, f.node);
      if (idx < 0) return `no node ${f.node}`;
      sim.design.stallFsync(w.nodes[idx], w.now + Math.round(f.durationMs * 1000));
      return w.nodes[idx].id;
    }
  }
}
