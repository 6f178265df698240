// The styles of a loaded element's shadow root: the app's page styles with `:root` turned into `:host`
// (the box the lab lives in comes with the first-load script: host-css.ts). Component styles are added to
// the same shadow root by Svelte itself (the embed build compiles components with injected CSS), so
// nothing is added to the host page's <head>.
import globalCss from '../ui/global.css?inline';

export const shadowCss = globalCss.replace(/:root\b/g, ':host').replace(/(^|\})\s*body\s*\{[^}]*\}/g, '$1');
