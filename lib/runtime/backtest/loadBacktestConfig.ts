import { type BacktestConfig, BacktestConfigSchema } from '../../domain/config.js';
import { parseWith } from '../../domain/validation.js';
import { checkStrategyConfig } from '../../strategy/checkStrategyConfig.js';
import { withCheckpointOption } from '../../strategy/model/checkpointOption.js';
import { readJsonFile } from '../readJsonFile.js';

/** The config file (JSON) validated, its strategy's params included, or the defaults when there is none. */
export async function loadBacktestConfig(file: string | undefined, overrides: { strategy?: string; checkpoint?: string } = {}): Promise<BacktestConfig> {
  let raw: unknown = {};
  if (file !== undefined) raw = await readJsonFile(file);
  const parsed = parseWith(BacktestConfigSchema, raw, file ?? 'config');
  const named = overrides.strategy === undefined ? parsed : { ...parsed, strategy: { ...(parsed.strategy.name === overrides.strategy ? parsed.strategy : {}), name: overrides.strategy, params: parsed.strategy.params } };
  const config = { ...named, strategy: withCheckpointOption(named.strategy, overrides) };
  checkStrategyConfig(config.strategy, file ?? 'config');
  return config;
}
