// Runs XState machines as pure transition functions on the simulation's clock. A machine's state lives in
// the world as plain data ({ value, context }), so checkpoints can copy it. Delayed transitions come back
// from `transition()` as `xstate.raise` actions with a delay: the engine schedules them as ordinary events;
// `xstate.cancel` drops them. Every other action is handed to the engine by name.
// Machines are typed where they are defined and where they are used: StateOf and EventOf read a machine's
// states and events off its definition, slots carry the state type, and each design sends only its
// machine's events. The XState machine itself is handed around as AnyStateMachine only in here.
import { transition, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

/** The state names of a machine, as its definition declares them. */
export type StateOf<M> = SnapshotFrom<M> extends { value: infer V } ? Extract<V, string> : never;
/** The events a machine accepts. */
export type EventOf<M> = M extends AnyStateMachine ? EventFromLogic<M> : never;

export interface MachineSlot<S extends string = string> {
  value: S;
  context: Record<string, unknown>;
  /** Pending delayed events: sendId → token. A timer that fires with a stale token is ignored. */
  timers: Record<string, number>;
}

export interface MachineHost {
  /** Schedule `event` for this slot after `delayMs` of simulated time; return a token. */
  schedule(delayMs: number, sendId: string, event: { type: string }): number;
  /** A named action from the machine (entry hooks and the like). */
  action(type: string, params: Record<string, unknown>, prevValue: string): void;
}

export function initialSlot<M>(machine: M, input: Record<string, unknown>, value?: StateOf<M>): MachineSlot<StateOf<M>> {
  const m = machine as unknown as AnyStateMachine;
  const snap = m.resolveState({ value: value ?? (m.config.initial as string), context: input });
  return { value: snap.value as StateOf<M>, context: snap.context as Record<string, unknown>, timers: {} };
}

/** A machine as the engine runs it (the engine is the same for every design's machines). */
export function untyped<M>(machine: M): AnyStateMachine {
  return machine as unknown as AnyStateMachine;
}

export function sendToSlot(machine: AnyStateMachine, slot: MachineSlot, event: { type: string }, host: MachineHost): void {
  const prev = slot.value;
  const snap = machine.resolveState({ value: slot.value, context: slot.context });
  const [next, actions] = transition(machine, snap, event as never);
  slot.value = next.value as string;
  slot.context = next.context as Record<string, unknown>;
  for (const a of actions as Array<{ type: string; params?: Record<string, unknown> }>) {
    const params = a.params ?? {};
    if (a.type === 'xstate.raise') {
      const delay = params.delay as number | undefined;
      const ev = params.event as { type: string };
      const id = (params.id as string | undefined) ?? ev.type;
      if (delay === undefined) throw new Error(`undelayed raise of ${ev.type} is not supported`);
      slot.timers[id] = host.schedule(delay, id, ev);
    } else if (a.type === 'xstate.cancel') {
      delete slot.timers[params.sendId as string];
    } else if (a.type.startsWith('xstate.')) {
      // assign and friends have already been applied to the snapshot.
    } else {
      host.action(a.type, params, prev);
    }
  }
}

/** Called when a scheduled machine timer fires: deliver it unless it was cancelled or replaced. */
export function fireSlotTimer(
  machine: AnyStateMachine,
  slot: MachineSlot,
  sendId: string,
  token: number,
  event: { type: string },
  host: MachineHost,
): void {
  if (slot.timers[sendId] !== token) return;
  delete slot.timers[sendId];
  sendToSlot(machine, slot, event, host);
}
