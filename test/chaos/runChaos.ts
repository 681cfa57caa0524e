import { type ChaosEnvironment, type ScenarioResult, runScenario } from './runScenario.js';
import { runSeed } from './scenario.js';
import type { Violation } from './Violation.js';

const SHOWN_PER_INVARIANT = 5;

export interface ChaosSummary {
  readonly runs: number;
  readonly faults: number;
  readonly violations: number;
  readonly seed: number;
}

/**
 * `runs` scenarios, seeds `seed`, `seed + 1`, ...; `progress` hears one line per run and one
 * per violation, naming the seed that replays it.
 */
export async function runChaos(
  options: { readonly runs: number; readonly seed: number; readonly minutes: number },
  environment: ChaosEnvironment,
  progress: (line: string) => void,
): Promise<{ summary: ChaosSummary; results: ScenarioResult[] }> {
  const results: ScenarioResult[] = [];
  for (let index = 0; index < options.runs; index++) {
    const seed = runSeed(options.seed, index);
    const result = await runScenario(seed, environment, options.minutes);
    results.push(result);
    const faults = Object.entries(result.faults).map(([kind, count]) => `${kind} ${count}`).join(', ');
    progress(`run ${index + 1}/${options.runs} seed ${seed}: ${result.orders} orders, ${result.fills} fills, ${result.decisions} decisions; ${result.faultCount} faults (${faults}); ${result.violations.length} violations; ${Math.round(result.wallMs / 1000)} s`);
    const replay = `npm run chaos -- --runs 1 --seed ${seed} --minutes ${options.minutes}`;
    for (const [invariant, details] of groupByInvariant(result.violations)) {
      progress(`  violation of ${invariant}, seed ${seed} (replay: ${replay}): ${details.length} time(s)`);
      for (const detail of details.slice(0, SHOWN_PER_INVARIANT)) progress(`    ${detail}`);
      if (details.length > SHOWN_PER_INVARIANT) progress(`    ... and ${details.length - SHOWN_PER_INVARIANT} more (see the summary file)`);
    }
  }
  return {
    summary: {
      runs: results.length,
      faults: results.reduce((total, result) => total + result.faultCount, 0),
      violations: results.reduce((total, result) => total + result.violations.length, 0),
      seed: options.seed,
    },
    results,
  };
}

function groupByInvariant(violations: readonly Violation[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { invariant, detail } of violations) groups.set(invariant, [...(groups.get(invariant) ?? []), detail]);
  return groups;
}
