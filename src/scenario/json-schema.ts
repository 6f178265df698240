// JSON Schema of a scenario file, for editor completion and checking (yaml-language-server reads the
// `$schema=` comment on a scenario's first line). `schema` is a file format's whole schema (format.ts).
// Cross-field rules are not expressible there; the loader still checks them.
import { z } from 'zod';

export function scenarioJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
  return {
    $schema,
    title: 'Durability Lab scenario',
    description:
      'A fault scenario run against several database presets side by side: the topology, the client workload, ' +
      'the faults and their times, and the outcomes expected of each preset.',
    ...rest,
  };
}

/** The exact text of scenarios/scenario.schema.json. */
export function scenarioJsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(scenarioJsonSchema(schema), null, 2)}\n`;
}
