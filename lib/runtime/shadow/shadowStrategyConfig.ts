import type { ShadowConfig, StrategyConfig } from '../../domain/config.js';

/** A shadow's strategy config: its checkpoint, when it names one, goes to the strategy as a param. */
export function shadowStrategyConfig(shadow: ShadowConfig): StrategyConfig {
  return { name: shadow.strategy, params: shadow.checkpoint === undefined ? shadow.params : { ...shadow.params, checkpoint: shadow.checkpoint } };
}
