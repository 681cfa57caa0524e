import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LockLostError, PlanVersionConflictError, RepairTooLargeError, UnrecordedIntentError } from '../../domain/errors.js';
import type { ReconciliationCommit, ReconciliationLedger } from '../../ports/ReconciliationLedger.js';
import { failedConditions } from './explainCancellation.js';
import { BOT_STATE_KEY } from './itemKeys.js';
import { type TransactItem, fillPutItem, orderUpdateItem, planWriteItems, stopOutPutItem } from './ledgerWriteItems.js';
import type { TableNames } from './tableDefinitions.js';

/** DynamoDB's limit on the items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * The ledger as reconciliation writes it: like a decision's commit, but guarded by the lock
 * (the bot RECONCILING under this execution) instead of by an ACTIVE bot at a ledger version.
 * Each commit raises the ledger version, so no decision snapshot from before survives it.
 */
export class DynamoDbReconciliationLedger implements ReconciliationLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async commit(commit: ReconciliationCommit): Promise<void> {
    const { tables } = this;
    const items: TransactItem[] = [this.lockGuard(commit.lockId, commit.now)];
    const planItems = commit.plan ? planWriteItems(tables, commit.plan) : [];
    items.push(...planItems);
    for (const order of commit.orders) items.push(orderUpdateItem(tables, order));
    for (const fill of commit.fills) items.push(fillPutItem(tables, fill));
    if (commit.stopOut) items.push(stopOutPutItem(tables, commit.stopOut.symbol, commit.stopOut.time));
    if (items.length > MAX_TRANSACTION_ITEMS) throw new RepairTooLargeError(items.length, MAX_TRANSACTION_ITEMS);
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(0)) throw new LockLostError(commit.lockId);
      if (commit.plan && failed.some((index) => index <= planItems.length)) throw new PlanVersionConflictError(commit.plan.plan.id, commit.plan.expectedVersion);
      throw new UnrecordedIntentError(
        commit.orders.map((o) => o.clientOrderId),
        { cause: error },
      );
    }
  }

  private lockGuard(lockId: string, now: number): TransactItem {
    return {
      Update: {
        TableName: this.tables.state,
        Key: BOT_STATE_KEY,
        UpdateExpression: 'SET ledgerVersion = ledgerVersion + :one, updatedAt = :now',
        ConditionExpression: '#status = :reconciling AND lockedBy = :lockId',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':now': now, ':reconciling': 'RECONCILING', ':lockId': lockId },
      },
    };
  }
}
