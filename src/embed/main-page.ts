// Entry of embed.html, the lab for an <iframe>: parameters from the query string, events posted to the
// parent window as { source: 'durability-lab', type, detail }. The target origin is '*': the messages
// carry only what the page shows anyway (scenario and preset ids, counts of lost writes, times), and the
// page cannot know who embeds it. Hosts should check `event.source === iframe.contentWindow`.
//
// This script is small: it checks the parameters and draws a first picture of the start instant
// (preview.ts); the lab and its engine (live-page.ts) load when the frame comes into view or the reader
// presses the picture's button, so `autoplay` starts playing once the lab is visible.
import { describeErrors, inputFromQuery, parseEmbedParams } from './params-core';
import { embedMessage, type EmbedEvent } from './events';
import { LIGHT_OPTIONS, PREVIEW } from './options-light';
import { drawParamErrors, drawPreview, PREVIEW_CSS, previewModel, revealWhenDrawn, type Preview } from './preview';
import '../ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no element with id "app" to mount into');
const app = target;

function post(event: EmbedEvent): void {
  if (window.parent === window) return;
  try {
    window.parent.postMessage(embedMessage(event), '*');
  } catch {
    // A parent that cannot be reached has nobody listening.
  }
}

const input = inputFromQuery(location.search);
const parsed = parseEmbedParams(input, LIGHT_OPTIONS);
const style = document.createElement('style');
style.textContent = `${PREVIEW_CSS}\n#app { position: relative; }`;
document.head.append(style);
postHeight(app);
if (!parsed.ok) {
  app.append(drawParamErrors(parsed.errors));
  post({ type: 'error', message: describeErrors(parsed.errors) });
} else {
  let started = false;
  let observer: IntersectionObserver | null = null;
  const preview: Preview = drawPreview(previewModel(parsed.config, PREVIEW), () => start());
  app.append(preview.element);
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    preview.loading();
    import('./live-page')
      .then(async ({ mountLive }) => {
        const layer = document.createElement('div');
        layer.className = 'lab-live pending';
        app.append(layer);
        await mountLive(layer, input, LIGHT_OPTIONS, post);
        revealWhenDrawn(layer, preview, () => true);
      })
      .catch((error: unknown) => {
        started = false;
        const message = `The simulation could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        preview.failed(message);
        post({ type: 'error', message });
      });
  };
  if (typeof IntersectionObserver === 'undefined') start();
  else {
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start());
    observer.observe(app);
  }
}

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
