// The loaded simulation of one embed: every parameter checked in full (params-resolve.ts: each fault, a
// `z` file inflated, faults against the scenario), then the lab mounted, or the message naming what is wrong (and
// an `error` event). Shared by the element (live-element.ts) and embed.html (live-page.ts).
import { mount, unmount } from 'svelte';
import Embed from './Embed.svelte';
import { loadCurriculum } from '../lesson/curriculum-loader';
import { describeErrors, EmbedParamError, type EmbedInput, type EmbedOptions, type EmbedParse } from './params-core';
import { resolveEmbedParams } from './params-resolve';
import type { EmbedEvent } from './events';
import { liveOptions } from './options-live';
import { loadBuiltinScenario } from '../ui/scenario-load';

export interface LiveLab {
  /** The checked parameters. */
  parsed: EmbedParse;
  destroy(): void;
}

/** `options`: what the first-load script checked the parameters against (options-light.ts). */
export async function mountLive(target: HTMLElement, input: EmbedInput, options: EmbedOptions, onevent: (event: EmbedEvent) => void, keyScope?: EventTarget): Promise<LiveLab> {
  // A compressed file (`z`) inflates asynchronously; whatever goes wrong there is shown like a wrong parameter.
  const parsed = await resolveEmbedParams(input, liveOptions(options)).catch(
    (error: unknown): EmbedParse => ({ ok: false, errors: [new EmbedParamError('z', `could not be read: ${error instanceof Error ? error.message : String(error)}`)] }),
  );
  // The lessons (and the parser they need) only for a lab that opens one or offers them.
  if (parsed.ok && (parsed.config.lesson || parsed.config.controls === 'full')) await loadCurriculum();
  // The built-in file it opens, and only that one (the lab finds it in the catalogue).
  if (parsed.ok && 'id' in parsed.config.scenario) await loadBuiltinScenario(parsed.config.scenario.id);
  const app = mount(Embed, { target, props: { parsed, onevent, keyScope } });
  if (!parsed.ok) queueMicrotask(() => onevent({ type: 'error', message: describeErrors(parsed.errors) }));
  return {
    parsed,
    destroy() {
      try {
        void unmount(app);
      } catch {
        // Already gone with its shadow root.
      }
    },
  };
}
