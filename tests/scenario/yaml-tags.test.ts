// Tags: a scenario file is read with YAML 1.2's core schema, whose !!float includes whole numbers, and
// without YAML 1.1's extra collection tags, whose Maps and Sets validation would misread.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import type { ScenarioError } from '../../src/scenario/errors';
import { loaderError } from './loader-error';

const FILE = 'tags.yaml';
const HEAD = 'title: T\ndurationS: 10\npresets: [memorydb]\n';

const errorOf = (text: string): ScenarioError => loaderError(text, FILE);

describe('YAML tags', () => {
  it('!!float takes whole numbers as the core schema does', () => {
    expect(parseScenario('title: T\ndurationS: !!float 10\npresets: [memorydb]\n', FILE).durationS).toBe(10);
    expect(parseScenario('title: T\ndurationS: !!float 2.5e1\npresets: [memorydb]\n', FILE).durationS).toBe(25);
    expect(parseScenario('title: T\ndurationS: !!float "7"\npresets: [memorydb]\n', FILE).durationS).toBe(7);
    expect(errorOf('title: T\ndurationS: !!float ten\npresets: [memorydb]\n').message).toBe(
      'tags.yaml:2:20: durationS: found "ten"; expected a number',
    );
    expect(errorOf('title: T\ndurationS: !!float .inf\npresets: [memorydb]\n').message).toBe(
      'tags.yaml:2:20: durationS: found Infinity; expected a finite number',
    );
  });

  it('!!omap, !!set and !!pairs are read as the plain YAML they are written in', () => {
    expect(errorOf(`${HEAD}workload: !!omap\n  - writesPerSec: 10\n  - readsPerSec: 0\n`).message).toBe(
      'tags.yaml:5:3: workload: found [{"writesPerSec":10},{"readsPerSec":0}]; expected a mapping (key: value)',
    );
    expect(errorOf('title: T\ndurationS: 10\npresets: !!set { memorydb }\n').message).toBe(
      'tags.yaml:3:16: presets: found {"memorydb":null}; expected a list',
    );
    expect(parseScenario(`${HEAD}workload: !!omap { writesPerSec: 10 }\n`, FILE).workload.writesPerSec).toBe(10);
  });
});
