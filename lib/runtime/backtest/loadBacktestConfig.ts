import { type BacktestConfig, BacktestConfigSchema } from '../../domain/config.js';
import { parseWith } from '../../domain/validation.js';
import { readJsonFile } from '../readJsonFile.js';

/** The config file (JSON) validated, or the defaults when there is none. */
export async function loadBacktestConfig(file: string | undefined, overrides: { strategy?: string } = {}): Promise<BacktestConfig> {
  let raw: unknown = {};
  if (file !== undefined) raw = await readJsonFile(file);
  const config = parseWith(BacktestConfigSchema, raw, file ?? 'config');
  return overrides.strategy === undefined ? config : { ...config, strategy: { name: overrides.strategy, params: config.strategy.params } };
}
