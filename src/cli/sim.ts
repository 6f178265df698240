// Entry point of `npm run sim -- <scenario.yaml> …`; see args.ts for the options and cli.ts for exit codes.
import { runScenario } from '../scenario/run-scenario';
import { runCli } from './cli';
import { loadScenarioFile } from './load-file';

// `npm run sim … | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = runCli(process.argv.slice(2), {
  loadScenario: (path) => loadScenarioFile(path),
  runScenario,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
