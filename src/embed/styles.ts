// The styles of an element's shadow root: the app's page styles with `:root` turned into `:host`, plus the
// box the lab lives in. Component styles are added to the same shadow root by Svelte itself (the embed
// build compiles components with injected CSS), so nothing is added to the host page's <head>.
import globalCss from '../ui/global.css?inline';

const HOST_CSS = `
:host {
  display: block;
  contain: content;
  text-align: start;
}
:host([hidden]) {
  display: none;
}
/* A narrow host column scrolls the lab sideways (the outcome table is the widest part) instead of clipping it. */
.lab-root {
  padding: 0.5rem 0.75rem 0.75rem;
  overflow-x: auto;
}
.lab-failure {
  border: 2px solid var(--bad);
  border-radius: 6px;
  padding: 0.5rem 0.8rem;
  white-space: pre-wrap;
}
`;

export const shadowCss = globalCss.replace(/:root\b/g, ':host').replace(/(^|\})\s*body\s*\{[^}]*\}/g, '$1') + HOST_CSS;
