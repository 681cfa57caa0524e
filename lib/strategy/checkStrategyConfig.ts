import type { StrategyConfig } from '../domain/config.js';
import { InvalidInputError, UnknownStrategyError } from '../domain/errors.js';
import { checkModelParams, MODEL_STRATEGY } from './model/loadModelStrategy.js';
import { LLM_STRATEGY_NAME, parseLlmParams } from './llm/createLlmStrategy.js';
import { createStrategy, isStrategyModulePath } from './registry.js';

/**
 * Checks a configuration's strategy when it is loaded, not when the first candle is decided:
 * a built-in strategy is created once from its params (each validates them with its own
 * schema), and an unknown built-in name is refused. A strategy module given by path is loaded
 * where it runs (loadStrategy), which checks it then; so is the `model` strategy's checkpoint
 * (its params are checked here). Errors name the source and the field,
 * e.g. `config/bot.json: strategy.params: fastPeriod: expected number, received string`.
 */
export function checkStrategyConfig(strategy: StrategyConfig, source: string): void {
  if (isStrategyModulePath(strategy.name)) return;
  try {
    if (strategy.name === MODEL_STRATEGY) checkModelParams(strategy.params);
    else if (strategy.name === LLM_STRATEGY_NAME) parseLlmParams(strategy.params);
    else createStrategy(strategy);
  } catch (error) {
    if (error instanceof UnknownStrategyError) throw new InvalidInputError(`${source}: strategy.name`, error.message);
    if (error instanceof InvalidInputError) throw new InvalidInputError(`${source}: ${error.field}`, error.reason);
    throw error;
  }
}
