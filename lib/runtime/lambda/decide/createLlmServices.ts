import { DynamoDbLlmCallLog } from '../../../adapters/dynamodb/DynamoDbLlmCallLog.js';
import { createLanguageModel } from '../../../adapters/llm/createLanguageModel.js';
import { JsonlLlmCallLog } from '../../../adapters/llm/JsonlLlmCallLog.js';
import type { LlmCallLog } from '../../../ports/LanguageModel.js';
import type { LlmParams } from '../../../strategy/llm/llmParams.js';
import type { LlmServices } from '../../../strategy/llm/LlmServices.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';

/**
 * The `llm` strategy's model and call log in the decide function: calls kept in the telemetry
 * table (and a JSONL file with --llm-record). A call may take half the decide timeout's
 * share of one message of a full batch, so a batch of calls ends inside the function's time.
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
  };
}
