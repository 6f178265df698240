// npm run scale [-- --out path]: runs the shard sweep (sweep.ts) and writes its report (by default
// calibration/scale.json, the one the "How throughput scales with shards" page shows).
import { computeReport, writeScaleReport } from './report';

const i = process.argv.indexOf('--out');
const out = i >= 0 ? process.argv[i + 1] : 'calibration/scale.json';

const fmt = (x: number) => x.toLocaleString('en');
const report = computeReport(undefined, (line, p, done, total) => {
  console.log(`${String(done).padStart(3)}/${total}  ${line.id.padEnd(20)} offered ${fmt(p.offered).padStart(10)}/s  acknowledged ${fmt(p.acked).padStart(10)}/s  p99 ${p.p99Ms} ms`);
});
writeScaleReport(out, report);
console.log(`\n${report.lines.length} lines, ${report.computeS} s; report written to ${out}`);
