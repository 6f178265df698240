// Scenario text → validated Scenario, for a file format: the scenario's own fields plus optional top-level
// blocks that the caller defines, each with its schema and its rules that depend on the rest of the file.
// The blocks are handed in, so this package knows none of them. Browser-safe: no file access.
import type { z } from 'zod';
import type { FaultSpec } from '../sim/types';
import { crossCheck } from './cross-check';
import { dottedPath, ScenarioError, type RawIssue, type ScenarioIssue } from './errors';
import { readExpectBlock, type ExpectBlock } from './expect-block';
import { scenarioId, type Scenario } from './load';
import { locate } from './locate';
import { normalizeEntry } from './preset-entry';
import { ScenarioSchema, type ScenarioData } from './schema';
import { readYaml, type YamlSource } from './yaml-source';
import { describeExpected, fromZodIssues } from './zod-issues';

/** An optional top-level key that a file format adds to the scenario's own. */
export interface ScenarioBlock<S extends z.ZodType> {
  schema: S;
  /** Rules that relate the block to the rest of the file; run only when the whole file has the right shape. */
  check(block: z.output<S>, data: ScenarioData): RawIssue[];
}

type Blocks = Record<string, ScenarioBlock<z.ZodType>>;

/** The blocks as a parsed scenario carries them: each one present only when the file has it. */
export type BlockData<B extends Blocks> = { [K in keyof B]?: z.output<B[K]['schema']> };

export interface ScenarioFormat<B extends Blocks> {
  /** The whole file: ScenarioSchema (unknown keys still refused) with each block as an optional key after its own. */
  schema: z.ZodType;
  parse(text: string, sourceName: string): Scenario & BlockData<B>;
}

export function scenarioFormat<B extends Blocks>(blocks: B): ScenarioFormat<B> {
  const names = Object.keys(blocks);
  // zod types an extension with keys known only at run time as a bare index signature; BlockData types the blocks.
  const schema = ScenarioSchema.extend(
    Object.fromEntries(names.map((name) => [name, blocks[name].schema.optional()])),
  ) as unknown as z.ZodType<ScenarioData & Record<string, unknown>>;

  function parse(text: string, sourceName: string): Scenario & BlockData<B> {
    const source = readYaml(text, sourceName);
    const parsed = schema.safeParse(source.data, { error: describeExpected });
    const block = readExpectBlock(source.data, parsed.success ? parsed.data.expect : undefined);
    if (!parsed.success || block.issues.length > 0) {
      const shape = parsed.success ? [] : fromZodIssues(parsed.error.issues, source.data, schema);
      throw new ScenarioError(sourceName, place([...shape, ...block.issues], source));
    }
    const data = { ...parsed.data, expect: block.expect };
    const found = names.filter((name) => parsed.data[name] !== undefined);
    const related = [...crossCheck(data), ...found.flatMap((name) => blocks[name].check(parsed.data[name], data))];
    if (related.length > 0) throw new ScenarioError(sourceName, place(related, source));
    const extras = Object.fromEntries(found.map((name) => [name, parsed.data[name]])) as BlockData<B>;
    return { ...toScenario(data, sourceName, block.expect), ...extras };
  }

  return { schema, parse };
}

function place(raw: RawIssue[], { doc, counter }: YamlSource): ScenarioIssue[] {
  const placed = raw.map((issue) => {
    const pos = locate(doc, counter, issue.path, issue.atKey);
    return { path: dottedPath(issue.path), line: pos?.line, column: pos?.column, message: issue.message };
  });
  // Top to bottom, as the author reads the file.
  return placed.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

function toScenario(data: ScenarioData, sourceName: string, expect: ExpectBlock): Scenario {
  return {
    id: scenarioId(sourceName, data.title),
    title: data.title,
    description: data.description ?? '',
    seed: data.seed,
    durationS: data.durationS,
    topology: data.topology,
    presets: data.presets.map(normalizeEntry),
    workload: data.workload,
    faults: data.faults.map(({ at, ...fault }) => ({ atS: at, fault: fault as FaultSpec })),
    expect,
  };
}
