import type { ShadowConfig, StrategyConfig } from '../../domain/config.js';

/**
 * A shadow's strategy config. Its checkpoint, when it names one, is the `model` strategy's
 * `checkpoint` (whose params schema has no such key), and another strategy's `checkpoint` param.
 */
export function shadowStrategyConfig(shadow: ShadowConfig): StrategyConfig {
  if (shadow.checkpoint === undefined) return { name: shadow.strategy, params: shadow.params };
  if (shadow.strategy === 'model') return { name: shadow.strategy, params: shadow.params, checkpoint: shadow.checkpoint };
  return { name: shadow.strategy, params: { ...shadow.params, checkpoint: shadow.checkpoint } };
}
