// Entry of embed.html, the lab for an <iframe>: parameters from the query string, events posted to the
// parent window as { source: 'durability-lab', type, detail }. The target origin is '*': the messages
// carry only what the page shows anyway (scenario and preset ids, counts of lost writes, times), and the
// page cannot know who embeds it. Hosts should check `event.source === iframe.contentWindow`.
import { mount } from 'svelte';
import Embed from './Embed.svelte';
import { describeErrors, EmbedParamError, inputFromQuery, resolveEmbedParams, type EmbedParse } from './params';
import { embedMessage, type EmbedEvent } from './events';
import { EMBED_OPTIONS } from './options';
import '../ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no element with id "app" to mount into');

function post(event: EmbedEvent): void {
  if (window.parent === window) return;
  try {
    window.parent.postMessage(embedMessage(event), '*');
  } catch {
    // A parent that cannot be reached has nobody listening.
  }
}

// A compressed file (`z`) inflates asynchronously; whatever goes wrong there is shown like a wrong parameter.
resolveEmbedParams(inputFromQuery(location.search), EMBED_OPTIONS)
  .catch((error: unknown): EmbedParse => ({ ok: false, errors: [new EmbedParamError('z', `could not be read: ${error instanceof Error ? error.message : String(error)}`)] }))
  .then((parsed) => {
    mount(Embed, { target, props: { parsed, onevent: post } });
    if (!parsed.ok) post({ type: 'error', message: describeErrors(parsed.errors) });
    postHeight(target);
  });

/**
 * The content's own height (not the frame's: a frame taller than its content must be able to shrink),
 * posted each time it changes by a pixel or more, at most once a frame.
 */
function postHeight(app: HTMLElement): void {
  if (window.parent === window || typeof ResizeObserver === 'undefined') return;
  let sent = 0;
  let queued = false;
  const measure = () => {
    queued = false;
    const body = getComputedStyle(document.body);
    const height = Math.ceil(app.getBoundingClientRect().height + parseFloat(body.marginTop) + parseFloat(body.marginBottom));
    if (Math.abs(height - sent) < 1) return;
    sent = height;
    post({ type: 'resize', height });
  };
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(measure);
  }).observe(app);
}
