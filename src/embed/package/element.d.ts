// Types of the package's `durability-lab/element` (dist/package/element.js, built from
// src/embed/main-module.ts): the <durability-lab> element, its attributes and its events. Written by hand
// and kept in step with src/embed/params.ts and src/embed/events.ts by tests/embed/package-types.test.ts.
// Outside tsconfig.json's program, because src/embed/element.ts declares the same global names.

/** The element's tag name. */
export declare const TAG: 'durability-lab';

/**
 * The attributes <durability-lab> reads (docs/embedding.md, "Parameters"). Attribute values are always
 * strings in the page; the element checks each and shows what is wrong instead of running.
 */
export interface DurabilityLabAttributes {
  /** A built-in scenario id, e.g. `primary-crash` (the default). */
  scenario?: string;
  /** A whole scenario file, compressed as a share link's `z` (deflate-raw, base64url). */
  z?: string;
  /** Preset ids, comma-separated, 1 to 4: `elasticache,memorydb`. */
  presets?: string;
  /** Present (or `true`): play as soon as the simulation is ready. */
  autoplay?: '' | 'true' | 'false';
  controls?: 'minimal' | 'full';
  /** Simulated seconds the clock starts at, 0 to 3600. */
  start?: string;
  /** Whole number, 0 to 4294967295. */
  seed?: string;
  /** A JSON list of faults injected by hand: `[{"at":19.5,"kind":"crash","node":"b1"}]`. */
  faults?: string;
  /** A lesson id of the curriculum. */
  lesson?: string;
  /** The lesson's step to open at, from 1. */
  step?: string;
  /** Names the element's region for screen readers (default "Durability Lab simulation"). */
  label?: string;
}

/** The `detail` of each event, by type (docs/embedding.md, "Events"). */
export interface DurabilityLabEventDetails {
  ready: { scenario: string; presets: string[] };
  'write-lost': { preset: string; label: string; lost: number; tMs: number };
  'lesson-step': { lesson: string; step: number; steps: number; caption: string };
  error: { message: string };
}

/** The DOM events the element dispatches: `durability-lab:<type>`, bubbling and composed. */
export type DurabilityLabEventMap = {
  [K in keyof DurabilityLabEventDetails as `durability-lab:${K}`]: CustomEvent<DurabilityLabEventDetails[K]>;
};

/** A wrong attribute, as `parameters` reports it. */
export interface DurabilityLabParamError extends Error {
  readonly param: string;
  readonly detail: string;
}

/** The checked attributes: what the element runs, or every problem found. */
export type DurabilityLabParameters =
  | { ok: true; config: Readonly<Record<string, unknown>>; compressed?: string }
  | { ok: false; errors: DurabilityLabParamError[] };

export declare class DurabilityLabElement extends HTMLElement {
  static readonly observedAttributes: readonly string[];
  /** The checked attributes (a `z` file is left compressed, in `compressed`). */
  readonly parameters: DurabilityLabParameters;
  addEventListener<K extends keyof DurabilityLabEventMap>(
    type: K,
    listener: (this: DurabilityLabElement, event: DurabilityLabEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: DurabilityLabElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof DurabilityLabEventMap>(
    type: K,
    listener: (this: DurabilityLabElement, event: DurabilityLabEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: DurabilityLabElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Defines <durability-lab> unless the page already has it (importing the module already does this). */
export declare function defineDurabilityLab(): void;

declare global {
  interface HTMLElementTagNameMap {
    'durability-lab': DurabilityLabElement;
  }
  // The events are composed and bubble, so a listener on the document hears every lab on the page.
  interface DocumentEventMap extends DurabilityLabEventMap {}
}
