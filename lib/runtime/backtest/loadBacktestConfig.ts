import { readFile } from 'node:fs/promises';
import { type BacktestConfig, BacktestConfigSchema } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';

/** The config file (JSON) validated, or the defaults when there is none. */
export async function loadBacktestConfig(file: string | undefined, overrides: { strategy?: string } = {}): Promise<BacktestConfig> {
  let raw: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InvalidInputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new InvalidInputError(file, `not JSON: ${(error as Error).message}`);
    }
  }
  const config = parseWith(BacktestConfigSchema, raw, file ?? 'config');
  return overrides.strategy === undefined ? config : { ...config, strategy: { name: overrides.strategy, params: config.strategy.params } };
}
