import type { StrategyConfig } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import { MODEL_STRATEGY } from './loadModelStrategy.js';

/**
 * The strategy after `--strategy` and `--checkpoint` on `npm start` and `npm run backtest`:
 * a checkpoint implies the model strategy, and keeps the file's model params; with another
 * strategy named it is a mistake.
 */
export function withCheckpointOption(strategy: StrategyConfig, options: { readonly strategy?: string | undefined; readonly checkpoint?: string | undefined }): StrategyConfig {
  if (options.checkpoint === undefined) return strategy;
  if (options.strategy !== undefined && options.strategy !== MODEL_STRATEGY) {
    throw new InvalidInputError('--checkpoint', `a checkpoint is for --strategy ${MODEL_STRATEGY}, not ${options.strategy}`);
  }
  return { name: MODEL_STRATEGY, params: strategy.name === MODEL_STRATEGY ? strategy.params : {}, checkpoint: options.checkpoint };
}
