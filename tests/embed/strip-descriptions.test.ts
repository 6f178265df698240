// The embed's engine leaves out the schemas' descriptions (only the JSON Schema file needs them): every
// `.describe('…')` with a plain string goes, and what is left is still the same program, with the same parse results.
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DESCRIBE_CALL, stripSchemaDescriptions } from '../../src/embed/vite-plugins';

const plugin = stripSchemaDescriptions();
const run = (code: string, id: string) => (plugin.transform as (c: string, i: string) => { code: string } | null)(code, id);

describe('stripping schema descriptions from the embed engine', () => {
  for (const file of ['src/scenario/schema.ts', 'src/lesson/schema.ts']) {
    it(`${file}: no describe call with a plain string left, and it still compiles`, async () => {
      const text = readFileSync(file, 'utf8');
      const before = text.split('.describe(').length - 1;
      const out = run(text, `/x/${file}`)!;
      const after = out.code.split('.describe(').length - 1;
      // Those left take a string built over several lines: few, and kept rather than parsed.
      expect(after).toBeLessThanOrEqual(before / 5);
      expect(out.code).not.toMatch(new RegExp(DESCRIBE_CALL.source));
      await expect(transform(out.code, { loader: 'ts' })).resolves.toBeDefined();
    });
  }

  it('leaves every other file alone', () => {
    expect(run("z.string().describe('x')", '/x/src/sim/types.ts')).toBeNull();
  });
});
