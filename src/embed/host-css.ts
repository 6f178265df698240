// The box an element's lab lives in (its shadow root), for the first picture and the loaded lab alike.
export const HOST_CSS = `
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
  position: relative;
  padding: 0.5rem 0.75rem 0.75rem;
  overflow-x: auto;
}
/* The loaded lab, laid out out of sight (preview.ts) inside the same padding as the first picture. */
.lab-root > .lab-live.pending {
  inset: 0.5rem 0.75rem auto;
}
.lab-failure {
  border: 2px solid #a3001b;
  border-radius: 6px;
  padding: 0.5rem 0.8rem;
  white-space: pre-wrap;
}
`;
