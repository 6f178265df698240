import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { ScenarioError } from '../../src/scenario/errors';
import { exportScenario, importScenarioFile, type FileLike } from '../../src/share/file';

const text = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');
const bytesOf = (body: string) => new TextEncoder().encode(body);
const fileOf = (name: string, body: string, size = bytesOf(body).length): FileLike => ({ name, size, arrayBuffer: async () => bytesOf(body).buffer });

describe('export', () => {
  it('appends injected faults with times in seconds, keeps comments, and re-imports to the same run', async () => {
    const out = exportScenario(text, [{ t: 35_250_000, fault: { kind: 'az-outage', az: 'b', durationS: 5 } }], 'scenarios/primary-crash.yaml');
    expect(out.name).toBe('primary-crash.yaml');
    expect(out.text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    const back = await importScenarioFile(fileOf(out.name, out.text));
    expect(back.scenario.faults).toEqual([
      { atS: 20, fault: { kind: 'crash', node: 'primary' } },
      { atS: 35.25, fault: { kind: 'az-outage', az: 'b', durationS: 5 } },
    ]);
    const original = parseScenario(text, 'primary-crash.yaml');
    expect({ ...back.scenario, faults: original.faults }).toEqual(original);
  });

  it('creates the faults list when the file has none, and leaves the file alone with nothing injected', () => {
    const bare = 'title: bare\ndurationS: 10\npresets: [memorydb]\n';
    const out = exportScenario(bare, [{ t: 1_000_000, fault: { kind: 'crash', node: 'a1' } }], 'bare.yaml');
    expect(parseScenario(out.text, 'bare.yaml').faults).toEqual([{ atS: 1, fault: { kind: 'crash', node: 'a1' } }]);
    expect(exportScenario(bare, [], 'bare.yaml').text).toBe(bare);
  });
});

describe('import', () => {
  it('refuses an oversized file before reading it', async () => {
    let read = false;
    const big: FileLike = { name: 'big.yaml', size: 10 * 1024 * 1024, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    await expect(importScenarioFile(big)).rejects.toThrow(/big\.yaml: found a file of 10485760 bytes; expected at most 262144 bytes \(256 KiB\)/);
    expect(read).toBe(false);
  });

  it('gives the same located errors as any scenario file', async () => {
    const e = await importScenarioFile(fileOf('bad.yaml', 'title: t\ndurationS: 99999\npresets: [memorydb]\n')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ScenarioError);
    expect(String((e as Error).message)).toContain('bad.yaml:2:12: durationS: found 99999; expected a number at most 3600');
  });

  it('refuses a scenario that would run too long, with a message', async () => {
    const long = 'title: t\ndurationS: 3600\npresets: [memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000 }\n';
    await expect(importScenarioFile(fileOf('long.yaml', long))).rejects.toThrow(/operations per preset; expected at most 5000000/);
  });

  it('refuses malformed YAML and alias bombs', async () => {
    await expect(importScenarioFile(fileOf('x.yaml', 'title: [unclosed'))).rejects.toThrow(/YAML syntax error/);
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    await expect(importScenarioFile(fileOf('bomb.yaml', bomb))).rejects.toThrow(/alias/);
  });

  it('strips control characters from the shown file name', async () => {
    await expect(importScenarioFile(fileOf('a\u0007\nb.yaml', 'title: [x'))).rejects.toThrow(/^ab\.yaml/);
  });
});
