// `<durability-lab>`: the lab as a custom element, for documentation pages. The element's file
// (dist/embed/durability-lab.js, see vite.embed.config.ts) is small: it checks the attributes, draws a
// first picture of the start instant (preview.ts) and loads the simulation itself (durability-lab-live.js,
// then the engine, durability-lab-worker.js, shared by every element of the page: create-worker-shared.ts)
// only when the element comes into view or the reader presses its button. So `autoplay` starts playing
// once the lab is visible, not at page load. Each element renders into its own shadow root and runs its
// own worker, so several labs on a page run independently and neither side's CSS reaches the other.
// README: "Embedding".
import { EMBED_PARAMS, describeErrors, inputFromAttributes, parseEmbedParams, type EmbedInput, type EmbedParse } from './params-core';
import { domEventName, eventDetail, type EmbedEvent } from './events';
import { HOST_CSS } from './host-css';
import { loadLive } from './load-live';
import type { LiveLab } from './live';
import { LIGHT_OPTIONS, PREVIEW } from './options-light';
import { drawParamErrors, drawPreview, PREVIEW_CSS, previewModel, revealWhenDrawn, type Preview } from './preview';
import { workerFileUrl } from './worker-url';

export const TAG = 'durability-lab';

export class DurabilityLabElement extends HTMLElement {
  static readonly observedAttributes = [...EMBED_PARAMS];

  private root: HTMLDivElement | null = null;
  private rendered = false;
  private remountQueued = false;
  /** Counts renders, so a load still under way when a newer render started is dropped. */
  private generation = 0;
  /** The reader has seen the lab (or asked for it): later renders load the simulation at once. */
  private wanted = false;
  private loading = false;
  private preview: Preview | null = null;
  private observer: IntersectionObserver | null = null;
  private live: LiveLab | null = null;

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
    if (before === after || !this.rendered || this.remountQueued) return;
    // Several attributes set in a row restart the lab once.
    this.remountQueued = true;
    queueMicrotask(() => {
      this.remountQueued = false;
      if (this.isConnected) this.render();
    });
  }

  /**
   * The checked parameters, for scripts on the host page (a `z` file is left compressed, in `compressed`;
   * the faults' own fields are checked when the simulation loads, so until then `faultsUnchecked` says so).
   */
  get parameters(): EmbedParse {
    return parseEmbedParams(this.input(), LIGHT_OPTIONS);
  }

  private input(): EmbedInput {
    const inline = this.querySelector(':scope > script[type="text/yaml"]');
    return inputFromAttributes((n) => this.getAttribute(n), inline ? (inline.textContent ?? '') : null);
  }

  private render(): void {
    this.teardown();
    this.rendered = true;
    const generation = ++this.generation;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = HOST_CSS + PREVIEW_CSS;
    this.root = document.createElement('div');
    this.root.className = 'lab-root';
    this.root.setAttribute('role', 'region');
    this.root.setAttribute('aria-label', this.getAttribute('label') || 'Durability Lab simulation');
    shadow.append(style, this.root);

    const parsed = parseEmbedParams(this.input(), LIGHT_OPTIONS);
    if (!parsed.ok) {
      this.root.append(drawParamErrors(parsed.errors));
      queueMicrotask(() => generation === this.generation && this.emit({ type: 'error', message: describeErrors(parsed.errors) }));
      return;
    }
    if (this.wanted) {
      this.load(generation);
      return;
    }
    this.preview = drawPreview(previewModel(parsed.config, PREVIEW), () => this.want());
    this.root.append(this.preview.element);
    if (typeof IntersectionObserver === 'undefined') {
      this.want();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.want();
    });
    this.observer.observe(this);
  }

  /** In view, or the reader pressed the button: the simulation loads (once). */
  private want(): void {
    this.wanted = true;
    this.observer?.disconnect();
    this.observer = null;
    if (!this.loading) this.load(this.generation);
  }

  private load(generation: number): void {
    this.loading = true;
    this.preview?.loading();
    const input = this.input();
    const stale = () => generation !== this.generation || !this.isConnected || !this.root;
    loadLive()
      .then(async (live) => {
        if (stale()) return;
        live.useEngineAt(workerFileUrl());
        const style = document.createElement('style');
        style.textContent = live.shadowCss;
        this.root!.before(style);
        const layer = document.createElement('div');
        layer.className = this.preview ? 'lab-live pending' : 'lab-live';
        this.root!.append(layer);
        const lab = await live.mountLive(layer, input, LIGHT_OPTIONS, (event) => this.emit(event), this);
        if (stale()) {
          lab.destroy();
          return;
        }
        this.live = lab;
        const preview = this.preview;
        if (preview) revealWhenDrawn(layer, preview, () => generation === this.generation && this.preview === preview);
      })
      .catch((error: unknown) => {
        if (stale()) return;
        const message = `The simulation could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        this.wanted = false;
        if (this.preview) this.preview.failed(message);
        else this.showFailure(message);
        this.emit({ type: 'error', message });
      })
      .finally(() => {
        if (generation === this.generation) this.loading = false;
      });
  }

  private emit(event: EmbedEvent): void {
    this.dispatchEvent(new CustomEvent(domEventName(event.type), { detail: eventDetail(event), bubbles: true, composed: true }));
  }

  /** Last resort: plain text, so even a failure to load leaves a readable box. */
  private showFailure(message: string): void {
    if (!this.root) return;
    const box = document.createElement('div');
    box.className = 'lab-failure';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    this.root.replaceChildren(box);
  }

  private teardown(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.preview = null;
    this.loading = false;
    if (this.live) {
      const live = this.live;
      this.live = null;
      live.destroy();
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
