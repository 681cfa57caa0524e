import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BotState, BotStateSchema, type BotStatus, FRESH_BOT_STATE } from '../../domain/botState.js';
import type { BotStateStore, LockRequest } from '../../ports/BotStateStore.js';
import { BOT_STATE_KEY } from './itemKeys.js';
import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

/**
 * The bot state on its own, for reconciliation and the operator: every change of status
 * raises the ledger version too, so a decision in flight on the old state writes nothing.
 */
export class DynamoDbBotStateStore implements BotStateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async get(): Promise<BotState> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.state, Key: BOT_STATE_KEY, ConsistentRead: true }));
    return result.Item ? parseItem(BotStateSchema, result.Item, 'bot state', ['pk', 'sk']) : FRESH_BOT_STATE;
  }

  /**
   * ACTIVE (or never written) → RECONCILING held by `lockId`; HALTED too when asked. False
   * when another reconciliation holds it or the bot is halted. Taking it again under the same
   * id (a retried step) succeeds.
   */
  lock(now: number, request: LockRequest): Promise<boolean> {
    const halted = request.resumeHalted ? ' OR #status = :halted' : '';
    return this.move('RECONCILING', now, request.reason, {
      condition: `attribute_not_exists(pk) OR #status = :active${halted} OR (#status = :reconciling AND lockedBy = :lockId)`,
      values: { ':active': 'ACTIVE', ':reconciling': 'RECONCILING', ':lockId': request.lockId, ...(request.resumeHalted ? { ':halted': 'HALTED' } : {}) },
      lockedBy: request.lockId,
    });
  }

  /** RECONCILING under `lockId` → ACTIVE; false when the lock is not this one's (halted meanwhile, say). */
  unlock(now: number, lockId: string): Promise<boolean> {
    return this.move('ACTIVE', now, 'reconciled', {
      condition: '#status = :reconciling AND lockedBy = :lockId',
      values: { ':reconciling': 'RECONCILING', ':lockId': lockId },
    });
  }

  /** Any status → HALTED, with the reason; only a person (or a reconciliation they start) lifts it. */
  async halt(now: number, reason: string): Promise<void> {
    await this.move('HALTED', now, reason);
  }

  private async move(to: BotStatus, now: number, reason: string, guard?: { condition: string; values: Record<string, unknown>; lockedBy?: string }): Promise<boolean> {
    const lock = guard?.lockedBy !== undefined ? ', lockedBy = :lockedBy' : '';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.state,
          Key: BOT_STATE_KEY,
          UpdateExpression: `SET #status = :to, reason = :reason, updatedAt = :now, ledgerVersion = if_not_exists(ledgerVersion, :zero) + :one${lock}${lock ? '' : ' REMOVE lockedBy'}`,
          ...(guard ? { ConditionExpression: guard.condition } : {}),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ':reason': reason,
            ':now': now,
            ':zero': 0,
            ':one': 1,
            ...guard?.values,
            ...(guard?.lockedBy !== undefined ? { ':lockedBy': guard.lockedBy } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
