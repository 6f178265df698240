// `<durability-lab>`: the lab as a custom element, for documentation pages. The built file
// (dist/embed/durability-lab.js, see vite.embed.config.ts) is one classic script with the styles inside;
// the simulation engine beside it is fetched once per page and shared (create-worker-shared.ts). Each
// element renders into its own shadow root and runs its own worker, so several labs on a page run
// independently and neither side's CSS reaches the other. README: "Embedding".
import { mount, unmount } from 'svelte';
import Embed from './Embed.svelte';
import { EMBED_PARAMS, EmbedParamError, describeErrors, inputFromAttributes, parseEmbedParams, resolveEmbedParams, type EmbedInput, type EmbedParse } from './params';
import { domEventName, eventDetail, type EmbedEvent } from './events';
import { EMBED_OPTIONS } from './options';
import { shadowCss } from './styles';

export const TAG = 'durability-lab';

export class DurabilityLabElement extends HTMLElement {
  static readonly observedAttributes = [...EMBED_PARAMS];

  private app: ReturnType<typeof mount> | null = null;
  private root: HTMLDivElement | null = null;
  private remountQueued = false;
  /** Counts renders, so a render still inflating a `z` file is dropped when a newer one started. */
  private generation = 0;

  connectedCallback(): void {
    // While the parser is still inside this element its children (an inline scenario) are not there yet.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.isConnected && this.render(), { once: true });
      return;
    }
    this.render();
  }

  disconnectedCallback(): void {
    this.teardown();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before === after || !this.app || this.remountQueued) return;
    // Several attributes set in a row restart the lab once.
    this.remountQueued = true;
    queueMicrotask(() => {
      this.remountQueued = false;
      if (this.isConnected) this.render();
    });
  }

  /** The checked parameters, for scripts on the host page (a `z` file is left compressed, in `compressed`). */
  get parameters(): EmbedParse {
    return parseEmbedParams(this.input(), EMBED_OPTIONS);
  }

  private input(): EmbedInput {
    const inline = this.querySelector(':scope > script[type="text/yaml"]');
    return inputFromAttributes((n) => this.getAttribute(n), inline ? (inline.textContent ?? '') : null);
  }

  private render(): void {
    this.teardown();
    const generation = ++this.generation;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = shadowCss;
    this.root = document.createElement('div');
    this.root.className = 'lab-root';
    this.root.setAttribute('role', 'region');
    this.root.setAttribute('aria-label', this.getAttribute('label') || 'Durability Lab simulation');
    shadow.append(style, this.root);

    resolveEmbedParams(this.input(), EMBED_OPTIONS).then(
      (parsed) => generation === this.generation && this.isConnected && this.start(parsed),
      (error: unknown) => generation === this.generation && this.isConnected && this.start({ ok: false, errors: [new EmbedParamError('z', `could not be read: ${error instanceof Error ? error.message : String(error)}`)] }),
    );
  }

  private start(parsed: EmbedParse): void {
    if (!this.root) return;
    const onevent = (event: EmbedEvent) => this.emit(event);
    try {
      this.app = mount(Embed, { target: this.root, props: { parsed, onevent, keyScope: this } });
    } catch (error) {
      this.showFailure(error);
      return;
    }
    if (!parsed.ok) queueMicrotask(() => this.emit({ type: 'error', message: describeErrors(parsed.errors) }));
  }

  private emit(event: EmbedEvent): void {
    this.dispatchEvent(new CustomEvent(domEventName(event.type), { detail: eventDetail(event), bubbles: true, composed: true }));
  }

  /** Last resort: plain text, so even a failure of the app's own rendering leaves a readable box. */
  private showFailure(error: unknown): void {
    this.teardown();
    if (!this.root) return;
    const box = document.createElement('div');
    box.className = 'lab-failure';
    box.setAttribute('role', 'alert');
    box.textContent = `The Durability Lab could not start: ${error instanceof Error ? error.message : String(error)}`;
    this.root.replaceChildren(box);
  }

  private teardown(): void {
    if (this.app) {
      const app = this.app;
      this.app = null;
      try {
        void unmount(app);
      } catch {
        // Already gone with its shadow root.
      }
    }
  }
}

export function defineDurabilityLab(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, DurabilityLabElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'durability-lab': DurabilityLabElement;
  }
}
