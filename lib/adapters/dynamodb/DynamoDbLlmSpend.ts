import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dec } from '../../domain/decimal.js';
import { InvalidInputError } from '../../domain/errors.js';
import { type LlmSpendCounter, utcDay } from '../../ports/LlmSpendCounter.js';
import { expiresAt } from './itemKeys.js';
import type { TableNames } from './tableDefinitions.js';

/** A UTC day's language model spend in the telemetry table: one item a day. */
export const llmSpendKey = (day: string) => ({ pk: { S: 'LLMSPEND' }, sk: { S: `DAY#${day}` } });

/** An exact decimal of USD, as DynamoDB's Number takes it (38 significant digits, no float). */
const USD = /^\d{1,12}(\.\d{1,24})?$/;

/**
 * The day's spend shared by every decide instance: one item per UTC day, `spentUsd` raised by
 * an atomic ADD after each call, read (strongly consistent) before one. DynamoDB adds Numbers
 * exactly, and the low-level commands carry them as strings, so no float touches the sum.
 * The item expires with the telemetry retention.
 *
 * Concurrent instances may each read a spend just under the budget and call: the day can end
 * over the budget by at most one call per instance running at once (decide's maxConcurrency).
 */
export class DynamoDbLlmSpend implements LlmSpendCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
    private readonly retentionDays: number,
    private readonly now: () => number,
  ) {}

  async spentOn(at: number): Promise<string> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tables.telemetry, Key: llmSpendKey(utcDay(at)), ConsistentRead: true, ProjectionExpression: 'spentUsd' }),
    );
    // Normalized: DynamoDB Local keeps trailing zeros ("0.070") that DynamoDB drops.
    return dec(Item?.spentUsd?.N ?? '0').toFixed();
  }

  async add(at: number, costUsd: string): Promise<void> {
    if (!USD.test(costUsd)) throw new InvalidInputError('costUsd', `must be a non-negative decimal of USD, got ${JSON.stringify(costUsd)}`);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tables.telemetry,
        Key: llmSpendKey(utcDay(at)),
        UpdateExpression: 'ADD spentUsd :cost, calls :one SET expiresAt = :expiresAt, #kind = :kind',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: {
          ':cost': { N: costUsd },
          ':one': { N: '1' },
          ':expiresAt': { N: String(expiresAt(this.now(), this.retentionDays)) },
          ':kind': { S: 'llmSpend' },
        },
      }),
    );
  }
}
