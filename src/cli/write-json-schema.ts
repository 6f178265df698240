// `npm run schema`: regenerates scenarios/scenario.schema.json from the zod schema. A test fails when
// the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIO_FILE } from '../lesson/file';
import { scenarioJsonSchemaText } from '../scenario/json-schema';

const target = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText(SCENARIO_FILE.schema));
process.stdout.write(`wrote ${target}\n`);
