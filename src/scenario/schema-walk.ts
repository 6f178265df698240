// Finds which keys the schema allows at a path, so an unknown-key error can list the valid ones and
// suggest the nearest. Reads zod's definition objects, following the data through unions.
import type { z } from 'zod';
import type { PathSegment } from './errors';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** The object branch of a union that this data belongs to. */
function choose(schema: z.ZodType, data: unknown): z.ZodType {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type !== 'union' || !d.options) return s;
  const objects = d.options.map(unwrap).filter((o) => def(o).type === 'object');
  if (d.discriminator !== undefined && data !== null && typeof data === 'object') {
    const tag = (data as Record<string, unknown>)[d.discriminator];
    const match = objects.find((o) => def(unwrap(def(o).shape![d.discriminator!])).values?.includes(tag));
    if (match) return match;
  }
  return objects[0] ?? s;
}

export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[], data: unknown): string[] {
  let s: z.ZodType | undefined = schema;
  let cur: unknown = data;
  for (const seg of path) {
    s = s && choose(s, cur);
    const d: Def | undefined = s && def(s);
    if (d?.type === 'object') s = d.shape?.[seg as string];
    else if (d?.type === 'array') s = d.element;
    else if (d?.type === 'record') s = d.valueType;
    else s = undefined;
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<PathSegment, unknown>)[seg] : undefined;
  }
  if (!s) return [];
  const d = def(choose(s, cur));
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}
