// Parses and runs a scenario off the main thread, so a long simulation never freezes the page.
import { parseScenario } from '../scenario/load';
import { runScenario } from '../scenario/run-scenario';
import { PRESETS } from '../sim/presets';
import type { RunView, SimReply, SimRequest } from './protocol';

// tsconfig's DOM lib types `self` as a Window; this file runs in a dedicated worker scope.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SimRequest>) => void) | null;
  postMessage(reply: SimReply): void;
};

scope.onmessage = (event) => {
  scope.postMessage(simulate(event.data));
};

function simulate({ text, sourceName }: SimRequest): SimReply {
  try {
    const scenario = parseScenario(text, sourceName);
    const result = runScenario(scenario);
    const runs: RunView[] = result.runs.map(({ spec, summary }) => ({
      label: spec.label,
      standsFor: standsFor(spec.presetId),
      summary,
    }));
    return { ok: true, seed: result.seed, runs };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function standsFor(presetId: string): string | undefined {
  return Object.hasOwn(PRESETS, presetId) ? PRESETS[presetId as keyof typeof PRESETS].standsFor : undefined;
}
