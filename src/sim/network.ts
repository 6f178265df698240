// Who can talk to whom, and how long a message takes. AZ outage cuts every path into and out of the AZ
// (and inside it: its hosts are unreachable); AZ isolation cuts it off from the other AZs while traffic
// inside it still flows; power loss turns hosts off but leaves the network and the clients up.
import { chance, lognormalFactor, type Rng } from './rng';
import type { NetworkParams } from './types';
import type { World } from './world';

export function canTalk(w: World, azA: number, azB: number): boolean {
  if (w.azDown[azA] || w.azDown[azB]) return false;
  return azA === azB || (!w.azIsolated[azA] && !w.azIsolated[azB]);
}

/** The regional control plane and the majority side are reachable from this AZ. */
export function reachesRegion(w: World, az: number): boolean {
  return !w.azDown[az] && !w.azIsolated[az];
}

/** One-way delay in µs between two AZs, drawn from the network stream. */
export function oneWayUs(rng: Rng, p: NetworkParams, azA: number, azB: number): number {
  const same = azA === azB;
  let rttMs = same ? p.intraAzRttMs : p.crossAzRttMs;
  if (!same && p.spikeProbability > 0 && chance(rng, p.spikeProbability)) rttMs = p.spikeRttMs;
  const us = (rttMs * 500) * lognormalFactor(rng, p.jitterSigma);
  return Math.max(1, Math.round(us));
}

/** A fixed (draw-free) one-way delay, for paths evaluated lazily. */
export function meanOneWayUs(p: NetworkParams, azA: number, azB: number): number {
  return Math.max(1, Math.round((azA === azB ? p.intraAzRttMs : p.crossAzRttMs) * 500));
}
