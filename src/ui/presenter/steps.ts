// How "next" and "previous" reach a lesson. In presenter mode → / PageDown and ← / PageUp move to the next
// or previous lesson step when a lesson is open, and to the next or previous event otherwise. The lab
// provides a registry through Svelte context; a lesson player registers while it is open:
//
//   // in the lesson player's <script>, during component initialisation
//   useStepTarget({ next: () => player.next(), previous: () => player.back() });
//
// Each method returns true when it moved, false to let the clock step instead (for example on the
// last step). The last target registered wins, and it is removed when its component is destroyed.
import { getContext, onDestroy, setContext } from 'svelte';

export interface StepTarget {
  next(): boolean;
  previous(): boolean;
}

export class StepRegistry {
  private targets: StepTarget[] = [];

  register(target: StepTarget): () => void {
    this.targets.push(target);
    return () => {
      this.targets = this.targets.filter((t) => t !== target);
    };
  }

  /** True when a registered target took the step. */
  step(direction: 1 | -1): boolean {
    const target = this.targets.at(-1);
    if (!target) return false;
    return direction > 0 ? target.next() : target.previous();
  }
}

const KEY = Symbol('presenter-steps');

/** Called by the lab while it initialises. */
export function provideStepRegistry(): StepRegistry {
  return setContext(KEY, new StepRegistry());
}

/** Called by a component inside the lab while it initialises; unregisters itself on destroy. */
export function useStepTarget(target: StepTarget): void {
  const registry = getContext<StepRegistry | undefined>(KEY);
  if (!registry) return;
  onDestroy(registry.register(target));
}
