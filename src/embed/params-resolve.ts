// What the embed parameters need beyond params-core.ts, once the simulation is loaded: each fault's own
// fields (the scenario file's fault schema), a `z` file inflated (within the size limit), and the faults
// against the scenario's nodes and length. The schema and the scenario parser are loaded only when a
// parameter needs them (faults, `z`), so a plain embed does without them. README: "Embedding".
import { ScenarioError } from '../scenario/errors';
import { nodeTargetExpected } from '../scenario/topology';
import type { LabConfig } from '../ui/config';
import { display, EmbedParamError, parseEmbedParams, Z_SOURCE_NAME, type EmbedInput, type EmbedOptions, type EmbedParse } from './params-core';

/**
 * Everything parseEmbedParams checks, then what needs the scenario itself: a `z` file is inflated (within
 * the size limit), and the faults are checked against the scenario's nodes and length. A file the loader
 * refuses is left to the lab, which shows the loader's located message and sends it as an `error` event.
 */
export async function resolveEmbedParams(input: EmbedInput, opts: EmbedOptions): Promise<EmbedParse> {
  const given = (value: string | null | undefined) => value !== null && value !== undefined;
  const share = given(input.values.faults) || given(input.values.z) ? await import('../share/url') : null;
  const parsed = parseEmbedParams(input, share && !opts.checkFault ? { ...opts, checkFault: share.checkFault } : opts);
  if (!parsed.ok) return parsed;
  const config = parsed.config;
  if (parsed.compressed !== undefined && share) {
    const { inflateFile, ShareError } = share;
    try {
      config.scenario = { text: await inflateFile(parsed.compressed), sourceName: Z_SOURCE_NAME };
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      return { ok: false, errors: [new EmbedParamError('z', error.detail)] };
    }
  }
  const errors = await checkAgainstScenario(config, opts);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** Faults on nodes the scenario does not have, or after its end, and a step past a lesson's steps. */
async function checkAgainstScenario(config: LabConfig, opts: EmbedOptions): Promise<EmbedParamError[]> {
  if (!config.injected) return [];
  const lesson = config.lesson ? opts.lessons?.find((l) => l.id === config.lesson!.id) : undefined;
  const text = config.lesson
    ? (lesson?.text ?? (await opts.lessonText?.(config.lesson.id)))
    : 'text' in config.scenario
      ? config.scenario.text
      : await opts.builtinText?.(config.scenario.id);
  if (text === undefined) return [];
  const { parseScenario } = await import('../lesson/file');
  let scenario;
  try {
    scenario = parseScenario(text, 'sourceName' in config.scenario ? config.scenario.sourceName : 'scenario');
  } catch (error) {
    if (error instanceof ScenarioError) return [];
    throw error;
  }
  const errors: EmbedParamError[] = [];
  config.injected.forEach(({ t, fault }, i) => {
    if (t > scenario.durationS * 1e6) errors.push(new EmbedParamError(`faults[${i}]`, `at: found ${t / 1e6} s; expected at most ${scenario.durationS} s, the end of the run`));
    else if ('node' in fault) {
      const expected = nodeTargetExpected(scenario.topology, fault.node, (targets) => `a node of this scenario: ${targets.join(', ')}`);
      if (expected) errors.push(new EmbedParamError(`faults[${i}]`, `node: found ${display(fault.node)}; expected ${expected}`));
    }
  });
  return errors;
}

