import type { ShadowConfig } from '../../domain/config.js';
import { type RuntimeConfig, RuntimeConfigSchema } from '../../domain/runtimeConfig.js';
import { parseWith } from '../../domain/validation.js';
import { checkModelParams, MODEL_STRATEGY } from '../../strategy/model/loadModelStrategy.js';

/** The shadow id a retrained checkpoint runs under until it is promoted or replaced. */
export const CHALLENGER_SHADOW_ID = 'challenger';

/** The runtime config as a document a tool reads and replaces (SSM in AWS and `npm start`). */
export interface RuntimeConfigDocument {
  readonly parameterName: string;
  read(): Promise<RuntimeConfig>;
  write(config: RuntimeConfig): Promise<void>;
}

/** The shadows the bot runs under this runtime config: its own list when it states one, else the deployed list. */
export function runningShadows(config: RuntimeConfig, deployed: readonly ShadowConfig[]): readonly ShadowConfig[] {
  return config.shadow ?? deployed;
}

/** The challenger entry of the running shadows, if there is one. */
export function challengerOf(config: RuntimeConfig, deployed: readonly ShadowConfig[]): ShadowConfig | undefined {
  return runningShadows(config, deployed).find((shadow) => shadow.id === CHALLENGER_SHADOW_ID);
}

/**
 * The runtime config with `{ id: "challenger", strategy: "model", checkpoint }` added to the
 * running shadows, replacing an earlier challenger; the live risk and strategy untouched. The
 * challenger keeps the live model's params (minPWin, maxCheckpointAgeDays) when the live
 * strategy is the model, so the two differ only in their checkpoint. Validated as the bot
 * validates it.
 */
export function withChallenger(config: RuntimeConfig, deployed: readonly ShadowConfig[], checkpoint: string, source: string): RuntimeConfig {
  const params = config.strategy.name === MODEL_STRATEGY ? config.strategy.params : {};
  checkModelParams(params);
  const challenger: ShadowConfig = { id: CHALLENGER_SHADOW_ID, strategy: MODEL_STRATEGY, params, checkpoint };
  const others = runningShadows(config, deployed).filter((shadow) => shadow.id !== CHALLENGER_SHADOW_ID);
  return parseWith(RuntimeConfigSchema, { ...config, shadow: [...others, challenger] }, source);
}
