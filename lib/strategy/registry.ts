import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyConfig } from '../domain/config.js';
import { InvalidInputError, UnknownStrategyError } from '../domain/errors.js';
import { createEmaCrossover } from './emaCrossover.js';
import type { ModelStrategyHooks } from './model/modelStrategy.js';
import { LLM_STRATEGY_NAME, createLlmStrategy, parseLlmParams } from './llm/createLlmStrategy.js';
import type { LlmServicesFactory } from './llm/LlmServices.js';
import { createRsiMeanReversion } from './rsiMeanReversion.js';
import type { Strategy, StrategyFactory, SynchronousStrategy } from './Strategy.js';

export const builtInStrategies: Readonly<Record<string, (params: Readonly<Record<string, unknown>>) => SynchronousStrategy>> = Object.freeze({
  'ema-crossover': createEmaCrossover,
  'rsi-mean-reversion': createRsiMeanReversion,
});

/** A built-in strategy by name; its params are validated by the strategy's own schema. */
export function createStrategy(config: StrategyConfig): SynchronousStrategy {
  const factory = Object.hasOwn(builtInStrategies, config.name) ? builtInStrategies[config.name] : undefined;
  if (factory === undefined) throw new UnknownStrategyError(config.name, [...Object.keys(builtInStrategies), 'model', LLM_STRATEGY_NAME]);
  return factory(config.params);
}

export function isStrategyModulePath(name: string): boolean {
  return name.startsWith('.') || name.startsWith('/') || /\.(?:js|mjs|ts)$/.test(name);
}

/** What a strategy that calls out needs from the runtime it runs in. */
export interface StrategyServices extends ModelStrategyHooks {
  /** Builds the `llm` strategy's model and call log for its params. */
  readonly llm?: LlmServicesFactory;
}

/**
 * `model` (a checkpoint, see lib/strategy/model), a built-in by name (`llm` over the runtime's services), or the default export
 * (a StrategyFactory) of a module when the name is a path, resolved from the working directory.
 */
export async function loadStrategy(config: StrategyConfig, services: StrategyServices = {}): Promise<Strategy> {
  if (config.name === 'model') {
    // Imported on use: onnxruntime is loaded only by a bot that runs a model.
    const { loadModelStrategy } = await import('./model/loadModelStrategy.js');
    return loadModelStrategy(config, services);
  }
  if (config.name === LLM_STRATEGY_NAME) return createLlmStrategy(config.params, services.llm);
  if (!isStrategyModulePath(config.name)) return createStrategy(config);
  const path = resolve(config.name);
  let factory: unknown;
  try {
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    factory = module.default;
  } catch (error) {
    throw new InvalidInputError('strategy.name', `cannot load strategy module ${path}: ${(error as Error).message}`);
  }
  if (typeof factory !== 'function') {
    throw new InvalidInputError('strategy.name', `strategy module ${path} has no default export that creates a strategy`);
  }
  return assertStrategy((factory as StrategyFactory)(config.params), path);
}

/** Checks a strategy configuration as loadStrategy would, without building the `llm` strategy's model. */
export async function checkLoadableStrategy(config: StrategyConfig, services: Pick<StrategyServices, 'fetchCheckpoint'> = {}): Promise<void> {
  if (config.name === LLM_STRATEGY_NAME) parseLlmParams(config.params);
  else await loadStrategy(config, services);
}

/**
 * What can be checked of a strategy configuration where the strategy does not run: its params
 * (a model's without its runtime or checkpoint; a module's not at all, as loading it is running it).
 */
export async function checkStrategyParams(config: StrategyConfig): Promise<void> {
  if (config.name === 'model') {
    const { checkModelParams } = await import('./model/loadModelStrategy.js');
    checkModelParams(config.params);
  } else if (config.name === LLM_STRATEGY_NAME) parseLlmParams(config.params);
  else if (!isStrategyModulePath(config.name)) createStrategy(config);
}

function assertStrategy(value: unknown, path: string): Strategy {
  const candidate = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof Strategy, unknown>>;
  const missing = [
    typeof candidate.name === 'string' && candidate.name.length > 0 ? undefined : 'name (a non-empty string)',
    Number.isInteger(candidate.warmupCandles) && (candidate.warmupCandles as number) >= 0 ? undefined : 'warmupCandles (a non-negative integer)',
    typeof candidate.evaluate === 'function' ? undefined : 'evaluate (a function)',
  ].filter((problem) => problem !== undefined);
  if (missing.length > 0) {
    throw new InvalidInputError('strategy.name', `strategy module ${path} created an object without ${missing.join(', ')}`);
  }
  return value as Strategy;
}
