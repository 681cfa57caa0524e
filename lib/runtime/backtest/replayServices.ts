import { type ReplayMissing, ReplayModel } from '../../adapters/llm/ReplayModel.js';
import { silentLogger } from '../../ports/Logger.js';
import { noMetrics } from '../../ports/Metrics.js';
import type { StrategyServices } from '../../strategy/registry.js';

/** The llm strategy in a backtest: answers replayed from a recorded file, nothing logged or counted beyond the report. */
export function replayServices(file: string, missing: ReplayMissing): StrategyServices {
  return { llm: async () => ({ model: await ReplayModel.load(file, missing), logger: silentLogger, metrics: noMetrics }) };
}
