import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LanguageModel } from '../../ports/LanguageModel.js';
import type { LlmParams } from '../../strategy/llm/llmParams.js';
import { readLlmApiKey } from '../secrets/readLlmApiKey.js';
import { BedrockConverseModel } from './BedrockConverseModel.js';
import { OpenAiChatModel } from './OpenAiChatModel.js';

export interface LanguageModelOverrides {
  /** Where the provider is reached instead (the loopback model server). */
  readonly endpoint?: string;
  /** Bedrock's credentials instead of the default chain (the loopback server takes any signature). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
}

/**
 * The Bedrock Runtime client's module, bundled like the rest of the SDK. A static import would
 * evaluate it at every function's init: this dynamic import keeps it out of the bots that do
 * not ask Bedrock (decide's init loads it for those that do: preloadModelClient).
 */
export const loadBedrockRuntime = () => import('./bedrockConverseClient.js');

/**
 * The provider the params name: Bedrock Converse with the function's IAM role (the SDK's
 * standard retries: throttling and 5xx, `maxAttempts` in all), or an OpenAI-compatible
 * endpoint with its key from Secrets Manager, read on the first call.
 */
export async function createLanguageModel(params: LlmParams, secrets: () => SecretsManagerClient, overrides: LanguageModelOverrides = {}): Promise<LanguageModel> {
  if (params.provider === 'bedrock') {
    const { BedrockRuntimeClient, ConverseCommand } = await loadBedrockRuntime();
    const region = overrides.region ?? params.region;
    const client = new BedrockRuntimeClient({
      maxAttempts: params.maxAttempts,
      retryMode: 'standard',
      ...(region !== undefined ? { region } : {}),
      ...(overrides.endpoint !== undefined ? { endpoint: overrides.endpoint } : {}),
      ...(overrides.credentials !== undefined ? { credentials: overrides.credentials } : {}),
    });
    return new BedrockConverseModel(client, params.modelId, ConverseCommand);
  }
  const secretId = params.apiKeySecretId;
  let key: Promise<string> | undefined;
  return new OpenAiChatModel({
    endpoint: overrides.endpoint ?? params.endpoint ?? '',
    modelId: params.modelId,
    maxAttempts: params.maxAttempts,
    ...(secretId !== undefined
      ? {
          apiKey: () =>
            (key ??= readLlmApiKey(secrets(), secretId).catch((error: unknown) => {
              key = undefined;
              throw error;
            })),
        }
      : {}),
  });
}
