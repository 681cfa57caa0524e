import type { StrategyConfig } from '../../domain/config.js';
import { parseWith } from '../../domain/validation.js';
import { loadCheckpoint } from './loadCheckpoint.js';
import { createModelStrategy, type ModelBackedStrategy, ModelParamsSchema, type ModelStrategyHooks } from './modelStrategy.js';

export const MODEL_STRATEGY = 'model';

/** Checks the model strategy's params when a configuration is loaded; the checkpoint is checked where it runs. */
export function checkModelParams(params: Readonly<Record<string, unknown>>): void {
  parseWith(ModelParamsSchema, params, 'strategy.params');
}

/** `strategy: { name: "model", checkpoint }`: the checkpoint (default models/default/model.onnx) loaded and checked. */
export async function loadModelStrategy(config: StrategyConfig, hooks: ModelStrategyHooks = {}): Promise<ModelBackedStrategy> {
  checkModelParams(config.params);
  return createModelStrategy(await loadCheckpoint(config.checkpoint), config.params, hooks);
}
