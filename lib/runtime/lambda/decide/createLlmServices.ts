import { DynamoDbLlmCallLog } from '../../../adapters/dynamodb/DynamoDbLlmCallLog.js';
import { DynamoDbLlmSpend } from '../../../adapters/dynamodb/DynamoDbLlmSpend.js';
import { createLanguageModel } from '../../../adapters/llm/createLanguageModel.js';
import { JsonlLlmCallLog } from '../../../adapters/llm/JsonlLlmCallLog.js';
import type { LlmCallLog } from '../../../ports/LanguageModel.js';
import type { LlmParams } from '../../../strategy/llm/llmParams.js';
import type { LlmServices } from '../../../strategy/llm/LlmServices.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';

/**
 * The `llm` strategy's model, call log and daily spend in the decide function: calls and the
 * spend kept in the telemetry table (calls also in a JSONL file with --llm-record). A call may
 * take half the decide timeout's share of one message of a full batch, so a batch of calls ends inside the function's time.
 */
export async function createLlmServices(runtime: LambdaRuntime, params: LlmParams): Promise<LlmServices> {
  const overrides = runtime.llmOverrides;
  const { decide, retentionDays } = runtime.config;
  const logs: LlmCallLog[] = [new DynamoDbLlmCallLog(runtime.dynamo, runtime.env.tableNames, retentionDays.telemetry, () => runtime.clock.now())];
  if (overrides?.recordFile !== undefined) logs.push(new JsonlLlmCallLog(overrides.recordFile));
  return {
    model: await createLanguageModel(params, () => runtime.secrets(), {
      ...(overrides?.endpoint !== undefined ? { endpoint: overrides.endpoint } : {}),
      ...(overrides?.credentials !== undefined ? { credentials: overrides.credentials } : {}),
      ...(overrides?.region !== undefined ? { region: overrides.region } : {}),
    }),
    logger: runtime.logger.child({ component: 'llm' }),
    metrics: runtime.metrics,
    calls: { record: async (call) => void (await Promise.all(logs.map((log) => log.record(call)))) },
    maxTimeoutMs: Math.floor((decide.timeoutSeconds * 1000) / decide.batchSize / 2),
    // One day's spend for every decide instance, so the daily budget is the bot's, not each environment's.
    spend: new DynamoDbLlmSpend(runtime.dynamo, runtime.env.tableNames, retentionDays.telemetry, () => runtime.clock.now()),
  };
}
