import { describe, expect, it } from 'vitest';
import { DynamoDbLlmSpend, llmSpendKey } from '../../../lib/adapters/dynamodb/DynamoDbLlmSpend.js';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { LanguageModel, ModelFailure, ModelReply, ModelRequest } from '../../../lib/ports/LanguageModel.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { LlmParamsSchema } from '../../../lib/strategy/llm/llmParams.js';
import { LlmStrategy } from '../../../lib/strategy/llm/LlmStrategy.js';
import { tableNamesWithPrefix } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { llmContext, risingCandles } from '../../support/llmContext.js';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 11, 3, 12);

/** A provider billing one million input tokens a call (0.035 USD at the default Nova Micro price) and answering `none`. */
class BillingModel implements LanguageModel {
  readonly provider = 'test';
  readonly modelId = 'test';
  requests = 0;
  ask(_request: ModelRequest): Promise<ModelReply | ModelFailure> {
    this.requests += 1;
    return Promise.resolve({ answer: { action: 'none', entry: null, stop: null, target: null, confidence: 0, horizonCandles: null, reason: 'flat' }, inputTokens: 1_000_000, outputTokens: 0 });
  }
}

/** One decide instance: its own strategy and model, the shared spend. */
function instance(spend: DynamoDbLlmSpend) {
  const model = new BillingModel();
  const counted: string[] = [];
  const strategy = new LlmStrategy(LlmParamsSchema.parse({ warmupCandles: 30, preFilter: { kind: 'every-candle' }, dailyBudgetUsd: '0.07' }), {
    model,
    logger: silentLogger,
    metrics: { count: (name) => void counted.push(name), gauge: () => undefined },
    spend,
  });
  const decide = async (candles: number) => {
    const context = llmContext(risingCandles().slice(0, candles));
    await strategy.evaluate(context);
    return context.notes;
  };
  return { model, counted, decide };
}

describe('Class: DynamoDbLlmSpend on DynamoDB Local', () => {
  it('holds the daily budget across decide instances: once their calls together reach it, neither calls, and each says why', async () => {
    const tables = await dynamo.freshTables();
    const spend = new DynamoDbLlmSpend(dynamo.client, tables, 30, () => NOW);
    const a = instance(spend);
    const b = instance(spend);
    // 0.035 each: A's call and B's call spend the 0.07 budget between them.
    expect(await a.decide(31)).toEqual(['llm: none: flat']);
    expect(await b.decide(31)).toEqual(['llm: none: flat']);
    expect(await a.decide(32)).toEqual(['llm: budget_exhausted: spent 0.07 of 0.07 USD today']);
    expect(await b.decide(32)).toEqual(['llm: budget_exhausted: spent 0.07 of 0.07 USD today']);
    expect([a.model.requests, b.model.requests]).toEqual([1, 1]);
    expect(b.counted.filter((name) => name === 'LlmBudgetExhausted')).toHaveLength(1);

    const candle = risingCandles()[31]!;
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: tables.telemetry, Key: llmSpendKey(new Date(candle.openTime + 60_000).toISOString().slice(0, 10)) }));
    expect(Item?.spentUsd?.N).toMatch(/^0\.070*$/);
    expect(await spend.spentOn(candle.openTime + 60_000)).toBe('0.07');
    expect(Item?.calls?.N).toBe('2');
    expect(Number(Item?.expiresAt?.N)).toBe(Math.floor(NOW / 1000) + 30 * 86_400);
  });

  it('adds exactly and atomically: ten concurrent adds of 0.1 make 1, where floats would not', async () => {
    const tables = await dynamo.freshTables();
    const spend = new DynamoDbLlmSpend(dynamo.client, tables, 30, () => NOW);
    await Promise.all(Array.from({ length: 10 }, () => spend.add(NOW, '0.1')));
    await spend.add(NOW, '0.000000000000000001');
    expect(await spend.spentOn(NOW)).toBe('1.000000000000000001');
    // Another UTC day starts from nothing.
    expect(await spend.spentOn(NOW + 86_400_000)).toBe('0');
    expect(await spend.spentOn(NOW - 86_400_000)).toBe('0');
  });

  it('refuses a cost that is not a decimal of USD, naming it, and stores nothing', async () => {
    const tables = await dynamo.freshTables();
    const spend = new DynamoDbLlmSpend(dynamo.client, tables, 30, () => NOW);
    await expect(spend.add(NOW, '-0.5')).rejects.toThrow('costUsd: must be a non-negative decimal of USD, got "-0.5"');
    await expect(spend.add(NOW, '1e-7')).rejects.toThrow('costUsd');
    expect(await spend.spentOn(NOW)).toBe('0');
  });

  it('makes no call when the spend cannot be read, with the named reason', async () => {
    const missing = tableNamesWithPrefix('absent');
    const a = instance(new DynamoDbLlmSpend(dynamo.client, missing, 30, () => NOW));
    const notes = await a.decide(31);
    expect(a.model.requests).toBe(0);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^llm: budget_unreadable: .*non-existent table/i);
  });
});
