import { Writable } from 'node:stream';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbLlmCallLog, llmCallPartition } from '../../../lib/adapters/dynamodb/DynamoDbLlmCallLog.js';
import { DynamoDbLlmSpend } from '../../../lib/adapters/dynamodb/DynamoDbLlmSpend.js';
import { createLanguageModel } from '../../../lib/adapters/llm/createLanguageModel.js';
import { dec, sum } from '../../../lib/domain/decimal.js';
import { LoopbackModelServer } from '../../../lib/local/llm/LoopbackModelServer.js';
import { createLogger } from '../../../lib/runtime/lambda/createLogger.js';
import { LlmParamsSchema } from '../../../lib/strategy/llm/llmParams.js';
import { LlmStrategy } from '../../../lib/strategy/llm/LlmStrategy.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { llmContext, risingCandles } from '../../support/llmContext.js';
import { LoopbackSecretsManager } from '../../support/LoopbackSecretsManager.js';

const dynamo = useDynamoDbLocal();
const KEY = 'sk-loopback-7f3c9a1e5b2d4f6a8c0e';
const NOW = Date.UTC(2026, 11, 3, 12);
let model: LoopbackModelServer;
let secrets: LoopbackSecretsManager;

beforeAll(async () => {
  model = await LoopbackModelServer.start({ apiKey: KEY });
  secrets = await LoopbackSecretsManager.start({ 'trader/llm-key': KEY });
});
afterAll(async () => {
  await model.close();
  await secrets.close();
});

describe('llm calls end to end: key from Secrets Manager, calls and spend in DynamoDB', () => {
  it('asks the OpenAI-compatible endpoint with the stored key, records every call with its TTL and cost, and never logs the key', async () => {
    const tables = await dynamo.freshTables();
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', level: 'debug', destination: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
    const params = LlmParamsSchema.parse({ provider: 'openai', endpoint: model.url, modelId: 'loopback-chat', apiKeySecretId: 'trader/llm-key', preFilter: { kind: 'every-candle' }, warmupCandles: 30 });
    const client = new SecretsManagerClient({ endpoint: secrets.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const spend = new DynamoDbLlmSpend(dynamo.client, tables, 30, () => NOW);
    const strategy = new LlmStrategy(params, {
      model: await createLanguageModel(params, () => client),
      logger,
      metrics: { count: () => undefined, gauge: () => undefined },
      calls: new DynamoDbLlmCallLog(dynamo.client, tables, 30, () => NOW),
      spend,
    });
    const candles = risingCandles();
    let proposals = 0;
    for (let n = 31; n <= 33; n++) proposals += (await strategy.evaluate(llmContext(candles.slice(0, n)))).length;

    expect(model.requests.chat).toBe(3);
    expect(proposals).toBeGreaterThan(0);
    // The key is read once, on the first call, and kept.
    expect(secrets.reads).toEqual(['trader/llm-key']);

    const at = (candles[30]?.openTime ?? 0) + 60_000;
    const { Items = [] } = await dynamo.client.send(new QueryCommand({ TableName: tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': llmCallPartition(at) } }));
    expect(Items).toHaveLength(3);
    for (const item of Items) {
      expect(item).toMatchObject({ kind: 'llmCall', provider: 'openai', modelId: 'loopback-chat', promptVersion: 'plan-v2', expiresAt: Math.floor(NOW / 1000) + 30 * 86_400 });
      expect(item.promptHash).toMatch(/^[0-9a-f]{64}$/);
      expect(item.prompt).toContain('SNAPSHOT BEGIN');
      expect(item.answer).toMatchObject({ action: expect.any(String) as unknown });
      expect(item.inputTokens).toBeGreaterThan(0);
      expect(item.outputTokens).toBeGreaterThan(0);
      expect(item.latencyMs).toEqual(expect.any(Number));
      expect(dec(item.costUsd as string).gt(0)).toBe(true);
    }
    // The shared spend is exactly the sum of the recorded costs.
    const recorded = sum(Items.map((item) => item.costUsd as string)).toFixed();
    expect(await spend.spentOn(at)).toBe(recorded);

    expect(lines.filter((line) => line.includes('"llm call"'))).toHaveLength(3);
    expect(lines.join('')).not.toContain(KEY);
  });

  it('refuses a wrong key as a named failure, and the key it sent appears in no log line', async () => {
    const tables = await dynamo.freshTables();
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', level: 'debug', destination: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
    const wrong = 'sk-wrong-1d2e3f4a5b6c7d8e9f00';
    const wrongSecrets = await LoopbackSecretsManager.start({ 'trader/llm-key': wrong });
    try {
      const params = LlmParamsSchema.parse({ provider: 'openai', endpoint: model.url, modelId: 'loopback-chat', apiKeySecretId: 'trader/llm-key', preFilter: { kind: 'every-candle' }, warmupCandles: 30 });
      const client = new SecretsManagerClient({ endpoint: wrongSecrets.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const strategy = new LlmStrategy(params, {
        model: await createLanguageModel(params, () => client),
        logger,
        metrics: { count: () => undefined, gauge: () => undefined },
        calls: new DynamoDbLlmCallLog(dynamo.client, tables, 30, () => NOW),
      });
      const context = llmContext(risingCandles().slice(0, 31));
      expect(await strategy.evaluate(context)).toEqual([]);
      expect(context.notes[0]).toMatch(/^llm: request_refused: /);
      expect(lines.some((line) => line.includes('request_refused'))).toBe(true);
      expect(lines.join('')).not.toContain(wrong);
    } finally {
      await wrongSecrets.close();
    }
  });
});
