import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BotState, BotStateSchema, type BotStatus, FRESH_BOT_STATE } from '../../domain/botState.js';
import { BOT_STATE_KEY } from './itemKeys.js';
import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

/**
 * The bot state on its own, for reconciliation and the operator: every change of status
 * raises the ledger version too, so a decision in flight on the old state writes nothing.
 */
export class DynamoDbBotStateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async get(): Promise<BotState> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.state, Key: BOT_STATE_KEY, ConsistentRead: true }));
    return result.Item ? parseItem(BotStateSchema, result.Item, 'bot state', ['pk', 'sk']) : FRESH_BOT_STATE;
  }

  /** ACTIVE (or never written) → RECONCILING; false when someone else holds it or the bot is halted. */
  lock(now: number, reason: string): Promise<boolean> {
    return this.move('RECONCILING', now, reason, 'attribute_not_exists(pk) OR #status = :from', 'ACTIVE');
  }

  /** RECONCILING → ACTIVE; false when the bot was not reconciling (halted meanwhile, say). */
  unlock(now: number): Promise<boolean> {
    return this.move('ACTIVE', now, 'reconciled', '#status = :from', 'RECONCILING');
  }

  /** Any status → HALTED, with the reason; only a person (or a later reconciliation) lifts it. */
  async halt(now: number, reason: string): Promise<void> {
    await this.move('HALTED', now, reason);
  }

  private async move(to: BotStatus, now: number, reason: string, condition?: string, from?: BotStatus): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.state,
          Key: BOT_STATE_KEY,
          UpdateExpression: 'SET #status = :to, reason = :reason, updatedAt = :now, ledgerVersion = if_not_exists(ledgerVersion, :zero) + :one',
          ...(condition ? { ConditionExpression: condition } : {}),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':reason': reason, ':now': now, ':zero': 0, ':one': 1, ...(from ? { ':from': from } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
