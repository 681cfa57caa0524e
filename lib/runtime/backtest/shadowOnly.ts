import type { ShadowConfig, StrategyConfig } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import { NO_PROPOSALS, type Strategy } from '../../strategy/Strategy.js';

/** The shadow id the main strategy runs under in a shadow-only run. */
export const MAIN_SHADOW_ID = 'main';

/**
 * "Shadow only": the main strategy decides and records on a virtual book like any shadow,
 * and the live book's strategy proposes nothing, so no order is ever sent for it.
 */
export function shadowOnlyConfig<C extends { readonly strategy: StrategyConfig; readonly shadow: readonly ShadowConfig[] }>(config: C): C {
  if (config.shadow.some((s) => s.id === MAIN_SHADOW_ID)) {
    throw new InvalidInputError('shadow', `the id "${MAIN_SHADOW_ID}" is the main strategy's in a shadow-only run; rename that shadow`);
  }
  const main: ShadowConfig = { id: MAIN_SHADOW_ID, strategy: config.strategy.name, params: config.strategy.params, ...(config.strategy.checkpoint !== undefined ? { checkpoint: config.strategy.checkpoint } : {}) };
  return { ...config, shadow: [main, ...config.shadow] };
}

/** The live book's strategy in a shadow-only run: the main one's name and warm-up, never a proposal. */
export function proposesNothing(main: Strategy): Strategy {
  return { name: `${main.name} (shadow only)`, warmupCandles: main.warmupCandles, evaluate: () => NO_PROPOSALS };
}
