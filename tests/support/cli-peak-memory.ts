// Runs `npm run sim`'s entry point and, when the process ends, reports its peak resident memory on the
// last line of stderr (`peak-rss-kb <n>`), so a test can hold the command line to its memory budget.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
await import('../../src/cli/sim');
export {};
