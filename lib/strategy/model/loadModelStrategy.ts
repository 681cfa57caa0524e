import type { StrategyConfig } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
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
  return createModelStrategy(await loadCheckpoint(await localCheckpoint(config.checkpoint, hooks)), config.params, hooks);
}

/** The checkpoint's local file: a path as given, an `s3://` location fetched by the runtime's hook. */
async function localCheckpoint(checkpoint: string | undefined, hooks: ModelStrategyHooks): Promise<string | undefined> {
  if (checkpoint === undefined || !checkpoint.startsWith('s3://')) return checkpoint;
  if (hooks.fetchCheckpoint === undefined) {
    throw new InvalidInputError('strategy.checkpoint', `${checkpoint}: an s3:// checkpoint loads only in a decide function with a checkpoint bucket (deployed with -c retrain=...)`);
  }
  return hooks.fetchCheckpoint(checkpoint);
}
