// The one list of what the user changed about a run's faults. The timeline, the share link, the export and
// the worker all read it, so none of them can keep a fault the others forgot. An edit stays whatever the
// clock does afterwards: rewinding and injecting again adds to the plan, exactly as the time machine keeps
// every injected fault. A plan is a value (every edit returns a new one), so the page can hold on to the
// last plan that ran well and go back to it.
import type { InjectedFault } from '../../sim/timemachine';
import type { FaultSpec } from '../../sim/types';

/**
 * One change to the run's faults, in the order the user made them. Only faults injected by hand exist today;
 * removing or moving one of the scenario's own faults would be further kinds in this same list.
 */
export type FaultEdit = { kind: 'inject'; id: number; tUs: number; fault: FaultSpec };

/** A fault injected by hand, as the timeline, the link and the export see it. */
export type InjectedEntry = Readonly<Omit<FaultEdit, 'kind'>>;

export class FaultPlan {
  static readonly empty = new FaultPlan([]);

  /** A plan from a link's or a restored run's faults, in the order given (times in µs). */
  static of(injected: readonly InjectedFault[]): FaultPlan {
    return injected.reduce((plan, f) => plan.inject(f.t, f.fault), FaultPlan.empty);
  }

  /** In the order they were made. */
  readonly edits: readonly FaultEdit[];
  /**
   * Faults injected by hand in the order the simulation applies them: by time, and at one instant in the
   * order they were injected (the time machine's rule), so a link or a file replays exactly this run.
   */
  readonly injected: readonly InjectedEntry[];

  private constructor(edits: readonly FaultEdit[]) {
    this.edits = edits;
    // Array.prototype.sort is stable: same-instant faults keep the order they were made in.
    this.injected = edits.filter((e) => e.kind === 'inject').map(({ id, tUs, fault }) => ({ id, tUs, fault })).sort((a, b) => a.tUs - b.tUs);
  }

  /** The plan with one more fault at tUs (µs, rounded as the time machine rounds it). */
  inject(tUs: number, fault: FaultSpec): FaultPlan {
    const edit: FaultEdit = { kind: 'inject', id: this.edits.length, tUs: Math.max(0, Math.round(tUs)), fault: structuredClone(fault) };
    return new FaultPlan([...this.edits, edit]);
  }

  /** The injected faults as the time machine, the share link and the export take them. */
  toInjected(): InjectedFault[] {
    return this.injected.map(({ tUs, fault }) => ({ t: tUs, fault: structuredClone(fault) }));
  }
}
