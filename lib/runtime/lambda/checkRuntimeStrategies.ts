import type { RuntimeConfig } from '../../domain/runtimeConfig.js';
import { shadowStrategyConfig } from '../shadow/shadowStrategyConfig.js';
import { checkLoadableStrategy, checkStrategyParams } from '../../strategy/registry.js';

/** Load every strategy (a model's checkpoint fetched by `fetchCheckpoint`), or check their params only. */
export type StrategyCheckMode = { readonly load: true; readonly fetchCheckpoint: ((location: string) => Promise<string>) | undefined } | { readonly load: false };

/**
 * A runtime config's check before the bot uses it. Loading: the live strategy and every shadow
 * it states load (a model's checkpoint fetched and checked against its card), so a bad
 * challenger is rejected with the config (the last good one stays) instead of failing decide.
 * Params only: what a function that runs no strategy can check without a model runtime.
 */
export async function checkRuntimeStrategies(config: RuntimeConfig, mode: StrategyCheckMode): Promise<void> {
  const strategies = [config.strategy, ...(config.shadow ?? []).map(shadowStrategyConfig)];
  if (!mode.load) {
    for (const strategy of strategies) await checkStrategyParams(strategy);
    return;
  }
  const services = mode.fetchCheckpoint === undefined ? {} : { fetchCheckpoint: mode.fetchCheckpoint };
  for (const strategy of strategies) await checkLoadableStrategy(strategy, services);
}
