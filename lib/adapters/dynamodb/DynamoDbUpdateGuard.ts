import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UpdateGuard } from '../../ports/UpdateGuard.js';
import { expiresAt } from './itemKeys.js';
import type { TableNames } from './tableDefinitions.js';

/** The telemetry partition of the Telegram update ids seen; sort key the id. */
export const TELEGRAM_UPDATE_PARTITION = 'TELEGRAM_UPDATE';

/** Telegram stops redelivering an update after 24 hours; the claim outlives that by a day. */
const CLAIM_DAYS = 2;

/**
 * One conditional put per update in the telemetry table (no table of its own: an item a
 * command, expiring by TTL): the first claim writes it, a replay finds it and is refused.
 */
export class DynamoDbUpdateGuard implements UpdateGuard {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'telemetry'>,
  ) {}

  async claim(updateId: number, now: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tables.telemetry,
          Item: { pk: TELEGRAM_UPDATE_PARTITION, sk: String(updateId), kind: 'telegramUpdate', claimedAt: now, expiresAt: expiresAt(now, CLAIM_DAYS) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
