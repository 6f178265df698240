// What an embed tells its host page. The custom element dispatches DOM events named
// `durability-lab:<type>` (bubbling and composed, so a listener on the element, an ancestor or the
// document hears them); embed.html posts `{ source: 'durability-lab', type, detail }` to its parent window.
// The detail is the lab's event without its `type` field: plain data, nothing from the host page.
import type { LabEvent } from '../ui/events';

/** Sent instead of anything else when the parameters were refused: the embed shows the same message. */
export interface EmbedErrorEvent {
  type: 'error';
  message: string;
}

/**
 * embed.html only: the height its content needs (CSS px), posted whenever it changes, so a host page can size
 * the iframe to it (docs/embedding.md has the few lines that do).
 */
export interface EmbedResizeEvent {
  type: 'resize';
  height: number;
}

export type EmbedEvent = LabEvent | EmbedErrorEvent | EmbedResizeEvent;
export type EmbedEventType = EmbedEvent['type'];

/** Prefix of the custom element's DOM event names; `message.source` of embed.html's messages. */
export const EVENT_PREFIX = 'durability-lab';

export function domEventName(type: EmbedEventType): string {
  return `${EVENT_PREFIX}:${type}`;
}

export function eventDetail(event: EmbedEvent): Record<string, unknown> {
  const { type: _type, ...detail } = event;
  return detail;
}

export interface EmbedMessage {
  source: typeof EVENT_PREFIX;
  type: EmbedEventType;
  detail: Record<string, unknown>;
}

export function embedMessage(event: EmbedEvent): EmbedMessage {
  return { source: EVENT_PREFIX, type: event.type, detail: eventDetail(event) };
}
