// What embed.html loads when the reader gets to it (main-page.ts): the lab, mounted in place of the first
// picture once it has drawn its panes (or a message).
export { mountLive } from './live';
