// npm run calibrate [-- --quick] [-- --out path] [-- --only id,id]: runs real Redis next to the simulator,
// prints the comparison table and writes the JSON report (by default calibration/report.json, the one
// the app's "How faithful is this model?" page shows).
import { formatTable, writeReport } from './report';
import { runSuite } from './suite';
import { KNOWN_DISAGREEMENTS } from './known';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const out = flag('--out') ?? 'calibration/report.json';
const only = flag('--only')?.split(',');

try {
  const report = await runSuite({ quick, only, log: (l) => console.log(l) });
  console.log(`\nRedis ${report.redisVersion}, ${report.date}, ${report.durationS} s\n`);
  console.log(formatTable(report.rows));
  writeReport(out, report);
  const failed = report.rows.filter((r) => r.verdict === 'fail');
  const unknown = failed.filter((r) => !(r.case in KNOWN_DISAGREEMENTS));
  for (const r of failed) if (r.case in KNOWN_DISAGREEMENTS) console.log(`\nknown disagreement, model fix pending: ${r.case}\n  ${KNOWN_DISAGREEMENTS[r.case]}`);
  console.log(`\n${report.rows.length} rows, ${failed.length} failed (${unknown.length} unexpected); report written to ${out}`);
  process.exitCode = unknown.length > 0 ? 1 : 0;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
}
