import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';
import type { Strategy } from '../Strategy.js';
import { type LlmParams, LlmParamsSchema } from './llmParams.js';
import type { LlmServicesFactory } from './LlmServices.js';
import { LlmStrategy } from './LlmStrategy.js';

export const LLM_STRATEGY_NAME = 'llm';

export function parseLlmParams(rawParams: Readonly<Record<string, unknown>>): LlmParams {
  return parseWith(LlmParamsSchema, rawParams, 'strategy.params');
}

/** The `llm` strategy over the model and logs the runtime builds for its params. */
export async function createLlmStrategy(rawParams: Readonly<Record<string, unknown>>, services: LlmServicesFactory | undefined): Promise<Strategy> {
  const params = parseLlmParams(rawParams);
  if (services === undefined) {
    throw new InvalidInputError('strategy.name', 'the llm strategy needs a language model, which this runtime does not provide (npm start, the decide function and npm run backtest --llm-replay do)');
  }
  return new LlmStrategy(params, await services(params));
}
