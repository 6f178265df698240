// The reduced calibration set against a real redis-server. Without Redis the suite is skipped with the
// reason printed, unless REQUIRE_REDIS=1 (CI), where a missing Redis is a failure.
import { describe, expect, it } from 'vitest';
import { redisVersion } from '../../src/calibrate/redis-process';
import { runSuite } from '../../src/calibrate/suite';
import { formatTable, type Row } from '../../src/calibrate/report';
import { KNOWN_DISAGREEMENTS } from '../../src/calibrate/known';

const version = redisVersion();
const required = process.env.REQUIRE_REDIS === '1';

if (version === null && !required) {
  console.warn('calibration tests skipped: redis-server is not installed (bash scripts/ensure-redis.sh installs it)');
}

describe('calibration against real Redis (quick set)', () => {
  it.runIf(version === null && required)('needs redis-server because REQUIRE_REDIS=1', () => {
    expect.fail('REQUIRE_REDIS=1 but redis-server was not found on PATH; run bash scripts/ensure-redis.sh');
  });

  it.skipIf(version === null)(`every quick experiment agrees with the model (Redis ${version ?? 'missing'})`, async () => {
    const unexpectedIn = (rows: Row[]) => rows.filter((r) => r.verdict === 'fail' && !(r.case in KNOWN_DISAGREEMENTS));
    let report = await runSuite({ quick: true });
    let table = formatTable(report.rows);
    // Real servers, real clocks and a shared 2-core machine: a case can miss once because another test
    // held the CPU at the wrong moment. A failing set is run again, and only a case that fails twice fails
    // the test (a model that disagrees does so every time); the first table is kept in the log.
    if (unexpectedIn(report.rows).length > 0) {
      console.warn(`calibration quick set: a case failed; running the set again\n${table}`);
      const first = table;
      report = await runSuite({ quick: true });
      table = `${formatTable(report.rows)}\n\nfirst run:\n${first}`;
    }
    const unexpected = unexpectedIn(report.rows);
    expect(unexpected, table).toEqual([]);
    const fixed = report.rows.filter((r) => r.verdict === 'pass' && r.case in KNOWN_DISAGREEMENTS);
    expect(fixed.map((r) => r.case), `now agrees; remove it from src/calibrate/known.ts\n${table}`).toEqual([]);
    expect(report.rows.length).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
