import type { StrategyConfig } from '../../../domain/config.js';
import { loadBedrockRuntime } from '../../../adapters/llm/createLanguageModel.js';
import { LLM_STRATEGY_NAME, parseLlmParams } from '../../../strategy/llm/createLlmStrategy.js';

/**
 * Loads, during the function's init, the model client the deployed strategy asks: the Bedrock
 * client for an `llm` strategy on Bedrock. Init runs before the first message, so the first
 * decision does not wait for the module; a strategy switched to `llm` later (the runtime
 * configuration in SSM) loads it on its first call instead. Params that do not parse load
 * nothing: building the strategy reports them, naming what is wrong.
 */
export async function preloadModelClient(strategy: StrategyConfig): Promise<void> {
  if (strategy.name !== LLM_STRATEGY_NAME) return;
  let provider: string;
  try {
    provider = parseLlmParams(strategy.params).provider;
  } catch {
    return;
  }
  if (provider === 'bedrock') await loadBedrockRuntime();
}
