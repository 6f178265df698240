// durability-lab-live.js: what a <durability-lab> element loads when the reader gets to it (element.ts):
// the lab, its styles and the shared engine's starter. An ES module, with the parts only some labs need
// (charts, lessons, the scenario editor) in chunks of their own beside it.
export { mountLive, type LiveLab } from './live';
export { shadowCss } from './styles';
export { useEngineAt } from './create-worker-shared';
