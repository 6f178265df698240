import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../src/cli/args';

describe('parseArgs', () => {
  it('takes a scenario file with defaults', () => {
    expect(parseArgs(['scenarios/az-outage.yaml'])).toEqual({
      help: false,
      file: 'scenarios/az-outage.yaml',
      json: false,
      linearizability: true,
    });
  });

  it('reads every option, in either --name value or --name=value form', () => {
    expect(parseArgs(['--seed', '42', 'x.yaml', '--preset', 'memorydb', '--preset=elasticache,redis-wait', '--json', '--no-linearizability'])).toEqual({
      help: false,
      file: 'x.yaml',
      seed: 42,
      presets: ['memorydb', 'elasticache', 'redis-wait'],
      json: true,
      linearizability: false,
    });
    expect(parseArgs(['--seed=0', 'x.yaml']).seed).toBe(0);
    expect(parseArgs(['--seed', '4294967295', 'x.yaml']).seed).toBe(4294967295);
  });

  it('keeps labels with spaces whole and trims around commas', () => {
    expect(parseArgs(['x.yaml', '--preset', 'ElastiCache (async), memorydb']).presets).toEqual(['ElastiCache (async)', 'memorydb']);
  });

  it('treats everything after -- as files', () => {
    expect(parseArgs(['--', '--weird-name.yaml']).file).toBe('--weird-name.yaml');
  });

  it('--help needs no file', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it.each([
    [[], 'missing the scenario file'],
    [['a.yaml', 'b.yaml'], 'expected one scenario file, got 2: a.yaml b.yaml'],
    [['x.yaml', '--seed'], '--seed needs a value'],
    [['x.yaml', '--seed', '--json'], '--seed needs a value'],
    [['x.yaml', '--seed', '-1'], '--seed: found "-1"; expected a whole number from 0 to 4294967295'],
    [['x.yaml', '--seed', '1.5'], '--seed: found "1.5"; expected a whole number from 0 to 4294967295'],
    [['x.yaml', '--seed', '4294967296'], '--seed: found "4294967296"; expected a whole number from 0 to 4294967295'],
    [['x.yaml', '--preset', ','], '--preset needs a preset label or id'],
    [['x.yaml', '--json=yes'], '--json takes no value'],
    [['x.yaml', '--fast'], 'unknown option --fast'],
    [['x.yaml', '-v'], 'unknown option -v'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new ArgsError(message));
  });
});
