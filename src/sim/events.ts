// The kinds of event the engine itself handles, with a typed constructor and typed decoders for each:
// an event is one small monomorphic record (world.ts Ev) whose fields a, b, c, d and ref mean what its
// kind says, and only these functions know which is which. They are small enough to inline, so naming
// the fields costs nothing at run time (measured by `npm run bench`).
//
// Kind numbers: 2–9 the engine's, 10–29 the cache-style design's, 30–49 the log-durable design's
// (designs/<design>/events.ts). One switch in the engine, then one in the design, dispatches on them.
import type { FaultSpec } from './types';
import type { Ev, Op } from './world';
import type { Simulation } from './engine';

export const KIND = {
  REQ_ARRIVE: 2,
  REPLY_ARRIVE: 3,
  CLIENT_TIMER: 4,
  MACHINE_TIMER: 5,
  FAULT: 6,
  CONN_SEND: 7,
} as const;

/** A client's request reaches a node. */
export const RequestArrive = {
  after(sim: Simulation, delayUs: number, node: number, op: Op): void {
    sim.after(delayUs, KIND.REQ_ARRIVE, node, 0, 0, op);
  },
  node: (e: Ev): number => e.a,
  op: (e: Ev): Op => e.ref as Op,
};

/** A node's reply reaches the client; `error` indexes ERRORS (−1: OK). */
export const ReplyArrive = {
  at(sim: Simulation, arriveT: number, node: number, error: number, inc: number, op: Op, leaveT: number): void {
    sim.at(arriveT, KIND.REPLY_ARRIVE, node, error, inc, op, leaveT);
  },
  node: (e: Ev): number => e.a,
  error: (e: Ev): number => e.b,
  /** The node's incarnation when it sent the reply. */
  inc: (e: Ev): number => e.c,
  /** When the reply left the node. */
  leaveT: (e: Ev): number => e.d,
  op: (e: Ev): Op => e.ref as Op,
};

/** A client's timer: settle, as timed out, the requests whose deadline has passed. */
export const ClientTimer = {
  at(sim: Simulation, t: number, client: number): void {
    sim.at(t, KIND.CLIENT_TIMER, client, 0, 0, null);
  },
  client: (e: Ev): number => e.a,
};

/** A closed-loop connection sends its next request (after backing off from a failed one, or at the start). */
export const ConnSend = {
  after(sim: Simulation, delayUs: number, conn: number, gen: number): void {
    sim.after(delayUs, KIND.CONN_SEND, conn, gen, 0, null);
  },
  conn: (e: Ev): number => e.a,
  /** The generation of the connection's AZ when it was scheduled: an AZ outage ends its connections. */
  gen: (e: Ev): number => e.b,
};

/** An event for a lifecycle machine: one of its delayed transitions, or one sent from inside its own actions. */
export interface MachineDelivery {
  sendId: string;
  event: { type: string };
}

/** Token of a machine event sent with deferSend rather than scheduled by the machine. */
export const DEFERRED = -1;

export const MachineTimer = {
  after(sim: Simulation, delayUs: number, slot: number, token: number, delivery: MachineDelivery): void {
    sim.after(delayUs, KIND.MACHINE_TIMER, slot, token, 0, delivery);
  },
  /** A node index, or −1 for the failover control plane. */
  slot: (e: Ev): number => e.a,
  token: (e: Ev): number => e.b,
  delivery: (e: Ev): MachineDelivery => e.ref as MachineDelivery,
};

/** A scheduled fault (or the end of one with a duration). */
export const FaultDue = {
  at(sim: Simulation, t: number, fault: FaultSpec): void {
    sim.at(t, KIND.FAULT, 0, 0, 0, fault);
  },
  after(sim: Simulation, delayUs: number, fault: FaultSpec): void {
    sim.after(delayUs, KIND.FAULT, 0, 0, 0, fault);
  },
  fault: (e: Ev): FaultSpec => e.ref as FaultSpec,
};
