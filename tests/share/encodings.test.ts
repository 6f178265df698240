// One file, two ways in: the command line reads it from disk, the browser's import from a picked file.
// Whatever its encoding, both must read the same text, and so load the same scenario or give the same message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/load-file';
import { importScenarioFile } from '../../src/share/file';

const TEXT = 'title: Café ☕ 😀\ndurationS: 10\npresets: [memorydb]\n';
const dir = mkdtempSync(join(tmpdir(), 'durability-lab-encodings-'));

function utf16(text: string, order: 'le' | 'be', mark = true): Uint8Array {
  const units = [...(mark ? [0xfeff] : []), ...Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))];
  const bytes = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    const [hi, lo] = [u >> 8, u & 0xff];
    bytes.set(order === 'le' ? [lo, hi] : [hi, lo], i * 2);
  });
  return bytes;
}

const ENCODINGS: Array<[string, Uint8Array]> = [
  ['UTF-8', new TextEncoder().encode(TEXT)],
  ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
  ['UTF-16LE with a byte-order mark', utf16(TEXT, 'le')],
  ['UTF-16BE with a byte-order mark', utf16(TEXT, 'be')],
];

type Outcome = { title: string } | { error: string };

function fromDisk(name: string, bytes: Uint8Array): Outcome {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  try {
    return { title: loadScenarioFile(path, name).title };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function fromImport(name: string, bytes: Uint8Array): Promise<Outcome> {
  const file = { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
  try {
    return { title: (await importScenarioFile(file)).scenario.title };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('file encodings', () => {
  it.each(ENCODINGS)('%s: the command line and the import read the same scenario', async (_, bytes) => {
    expect(fromDisk('enc.yaml', bytes)).toEqual({ title: 'Café ☕ 😀' });
    expect(await fromImport('enc.yaml', bytes)).toEqual({ title: 'Café ☕ 😀' });
  });

  it('UTF-16 without a byte-order mark is refused by both, with the same message', async () => {
    const bytes = utf16(TEXT, 'le', false);
    const disk = fromDisk('bare.yaml', bytes);
    expect(disk).toEqual({ error: expect.stringMatching(/^bare\.yaml:/) });
    expect(await fromImport('bare.yaml', bytes)).toEqual(disk);
  });

  it('bytes that are not text become U+FFFD in both, and the same located message', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('title: T\ndurationS: '), 0xff, 0xc0, ...new TextEncoder().encode('\npresets: [memorydb]\n')]);
    const disk = fromDisk('binary.yaml', bytes);
    expect(disk).toEqual({ error: 'binary.yaml:2:12: durationS: found "\ufffd\ufffd"; expected a number' });
    expect(await fromImport('binary.yaml', bytes)).toEqual(disk);
  });
});
