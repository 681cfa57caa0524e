import type { RuntimeConfig } from '../../domain/runtimeConfig.js';
import { shadowStrategyConfig } from '../shadow/shadowStrategyConfig.js';
import { checkLoadableStrategy } from '../../strategy/registry.js';

/**
 * A runtime config's check before the bot uses it: the live strategy and every shadow it
 * states load (a model's checkpoint fetched and checked against its card), so a bad
 * challenger is rejected with the config (the last good one stays) instead of failing decide.
 */
export async function checkRuntimeStrategies(config: RuntimeConfig, fetchCheckpoint: ((location: string) => Promise<string>) | undefined): Promise<void> {
  const services = fetchCheckpoint === undefined ? {} : { fetchCheckpoint };
  await checkLoadableStrategy(config.strategy, services);
  for (const shadow of config.shadow ?? []) await checkLoadableStrategy(shadowStrategyConfig(shadow), services);
}
