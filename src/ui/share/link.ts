// Opening the app from a link. A link is untrusted: every parameter is checked (src/share/url.ts), then
// the scenario is parsed and the presets and faults are checked against it, here on the page, before
// anything reaches the worker. Whatever is wrong is reported by parameter and dropped; the rest of the link
// still applies, and a link whose scenario cannot run opens the default one. Never a blank page.
import { parseScenario } from '../../lesson/file';
import { ScenarioError } from '../../scenario/errors';
import { selectPresets, type Scenario } from '../../scenario/load';
import { nodeTargetExpected } from '../../scenario/topology';
import { decodeShareState, PARAM, ShareError, type ShareState } from '../../share/url';
import { DEFAULT_CONFIG, type LabConfig } from '../config';
import { configOf, type BuiltinFile } from './state';

/** The URL parameter that opens presenter mode. */
export const PRESENT_PARAM = 'present';

export interface OpenedLink {
  config: LabConfig;
  present: boolean;
  /** One message per problem, each naming the parameter; empty for a good link. */
  problems: string[];
}

/** Every parameter that only means something together with a scenario. */
const SCENARIO_PARAMS = [PARAM.scenario, PARAM.file, PARAM.preset, PARAM.seed, PARAM.time, PARAM.fault];

export async function openLink(search: string, builtins: readonly (BuiltinFile & { sourceName: string })[]): Promise<OpenedLink> {
  let params = new URLSearchParams(search);
  const present = params.has(PRESENT_PARAM) && params.get(PRESENT_PARAM) !== '0' && params.get(PRESENT_PARAM) !== 'false';
  const problems: string[] = [];
  const builtinIds = builtins.map((b) => b.id);

  let state: ShareState | null = null;
  // Each failed attempt drops the parameter at fault, so the loop ends after at most one round per parameter value.
  for (let attempt = 0; attempt <= 2 * SCENARIO_PARAMS.length + 200; attempt++) {
    try {
      state = await decodeShareState(params, { builtinIds });
      break;
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      problems.push(error.message);
      params = without(params, error.param);
    }
  }
  if (!state) return { config: { ...DEFAULT_CONFIG, scenario: { ...DEFAULT_CONFIG.scenario } }, present, problems };

  const config = configOf(state, builtins);
  const source = 'id' in config.scenario ? builtins.find((b) => b.id === (config.scenario as { id: string }).id)! : config.scenario;
  let scenario: Scenario;
  try {
    scenario = parseScenario(source.text, source.sourceName);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems.push(`URL parameter "${PARAM.file}": the scenario file in this link cannot run:\n${error.message}`);
    return { config: { ...DEFAULT_CONFIG, scenario: { ...DEFAULT_CONFIG.scenario } }, present, problems };
  }
  problems.push(...checkAgainst(scenario, config));
  return { config, present, problems };
}

/** Presets, faults and time that the link's own scenario cannot use; each is dropped with a message. */
export function checkAgainst(scenario: Scenario, config: LabConfig): string[] {
  const problems: string[] = [];
  if (config.presets) {
    try {
      selectPresets(scenario, config.presets);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(`URL parameter "${PARAM.preset}": ${error.issues.map((i) => i.message).join('; ')}; showing the scenario's own presets`);
      delete config.presets;
    }
  }
  const endUs = scenario.durationS * 1e6;
  if (config.injected) {
    config.injected = config.injected.filter(({ t, fault }) => {
      const where = `URL parameter "${PARAM.fault}" (${fault.kind} at ${t / 1e6} s)`;
      if (t > endUs) {
        problems.push(`${where}: found a time after the end of the run; expected at most ${scenario.durationS} s`);
        return false;
      }
      const expected = 'node' in fault ? nodeTargetExpected(scenario.topology, fault.node, (targets) => `a node of this scenario: ${targets.join(', ')}`) : null;
      if ('node' in fault && expected) {
        problems.push(`${where}: found node ${JSON.stringify(fault.node)}; expected ${expected}`);
        return false;
      }
      return true;
    });
    if (config.injected.length === 0) delete config.injected;
  }
  if (config.tUs !== undefined && config.tUs > endUs) {
    problems.push(`URL parameter "${PARAM.time}": found ${config.tUs} µs; expected at most ${endUs} (the end of the run), so the clock starts at the end`);
    config.tUs = endUs;
  }
  return problems;
}

/** The link without the parameter an error named: a bad scenario takes everything that depends on it. */
export function without(params: URLSearchParams, param: string): URLSearchParams {
  const out = new URLSearchParams();
  const indexed = /^(\w+)\[(\d+)\]$/.exec(param);
  const dropAll = param === PARAM.scenario || param === PARAM.file;
  const seen = new Map<string, number>();
  for (const [name, value] of params) {
    const i = seen.get(name) ?? 0;
    seen.set(name, i + 1);
    if (dropAll && SCENARIO_PARAMS.includes(name as (typeof SCENARIO_PARAMS)[number])) continue;
    if (indexed ? name === indexed[1] && i === Number(indexed[2]) : name === param) continue;
    out.append(name, value);
  }
  return out;
}
