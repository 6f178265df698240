import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_FILE } from '../../src/lesson/file';
import { scenarioJsonSchema } from '../../src/scenario/json-schema';
import { PRESET_IDS } from '../../src/sim/presets';

type Json = Record<string, any>;

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema(SCENARIO_FILE.schema) as Json;

  it('describes the input side: required fields only where there is no default, unknown keys refused', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Durability Lab scenario');
    expect(schema.required).toEqual(['title', 'durationS', 'presets']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.workload.additionalProperties).toBe(false);
    expect(schema.properties.workload.properties.writesPerSec).toMatchObject({ default: 1000, minimum: 0, maximum: 1_000_000 });
    expect(schema.properties.durationS).toMatchObject({ exclusiveMinimum: 0, maximum: 3600 });
  });

  it('offers every preset id and one fault shape per kind', () => {
    const [idSchema] = schema.properties.presets.items.anyOf;
    expect(idSchema.enum).toEqual(PRESET_IDS);
    const kinds = schema.properties.faults.items.oneOf.map((f: Json) => f.properties.kind.const);
    expect(kinds).toHaveLength(15);
    expect(kinds).toContain('promote');
    expect(kinds).toContain('az-isolate');
  });
});

describe('browser safety', () => {
  it.each(['scenario', 'lesson'])('nothing in src/%s imports Node built-ins', (folder) => {
    const dir = new URL(`../../src/${folder}/`, import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:|fs['"]|path['"]|os['"])/);
    }
  });
});
