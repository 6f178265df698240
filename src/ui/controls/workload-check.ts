// Setup's workload fields checked against the scenario limits before anything is sent, with a message per
// field that says what was typed, what is allowed and why. The loader checks the same limits again (a file
// or a link can ask for anything), so these messages are for the person at the form.
import { LIMITS } from '../../scenario/limits';

export interface WorkloadDraft {
  writesPerSec: number;
  readsPerSec: number;
  /** As typed: number inputs hand over text, and "" when the browser cannot read a number. */
  keys: string;
  valueBytes: string;
  durationS: number;
  /** The cluster's shards: each needs a key of its own. */
  shards?: number;
}

export interface WorkloadCheck {
  keys?: string;
  valueBytes?: string;
  /** Rates × run length over the per-preset operation limit. */
  volume?: string;
  /** The parsed values, when every field is valid. */
  ok?: { keys: number; valueBytes: number };
}

const count = (n: number) => n.toLocaleString('en-US');

function wholeNumber(name: string, text: string, max: number, unit: string, one: string, note: string): number | string {
  const t = text.trim();
  const range = `a whole number of ${unit} from 1 to ${count(max)}${note}`;
  if (t === '') return `${name}: enter ${range}.`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return `${name}: “${t.slice(0, 20)}” is not a number; enter ${range}.`;
  const n = Number(t);
  if (!Number.isInteger(n)) return `${name}: ${t} is not a whole number; enter ${range}.`;
  if (n < 1) return `${name}: ${count(n)} is too few; at least 1 ${one} is needed.`;
  if (n > max) return `${name}: ${count(n)} ${unit} is above the limit of ${count(max)}${note}.`;
  return n;
}

export function checkWorkload(d: WorkloadDraft): WorkloadCheck {
  const out: WorkloadCheck = {};
  const keys = wholeNumber('Keys', d.keys, LIMITS.maxKeys, 'keys', 'key', '');
  const valueBytes = wholeNumber('Value size', d.valueBytes, LIMITS.maxValueBytes, 'bytes', 'byte', ' (1 MiB)');
  if (typeof keys === 'string') out.keys = keys;
  else if (d.shards !== undefined && keys < d.shards) out.keys = `Keys: ${count(keys)} is too few for ${d.shards} shards; each shard needs at least one key, and more for an even spread.`;
  if (typeof valueBytes === 'string') out.valueBytes = valueBytes;
  const ops = (d.writesPerSec + d.readsPerSec) * d.durationS;
  if (ops > LIMITS.maxOpsPerRun)
    out.volume =
      `(${count(d.writesPerSec)} writes/s + ${count(d.readsPerSec)} reads/s) × ${count(d.durationS)} s = ${count(ops)} operations per preset, ` +
      `above the limit of ${count(LIMITS.maxOpsPerRun)}: lower the rates or the run length.`;
  if (typeof keys === 'number' && typeof valueBytes === 'number' && !out.keys && !out.volume) out.ok = { keys, valueBytes };
  return out;
}
