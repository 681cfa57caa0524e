import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import type { DecisionRecord } from '../../domain/decisionRecord.js';
import type { Fill, Order } from '../../domain/order.js';
import { isLive } from '../../domain/plan.js';
import type { PlanWrite } from '../../ports/LedgerStore.js';
import { BOT_STATE_KEY, DAILY_RISK_KEY, decidedKey, decisionKey, expiresAt, fillKey, livePlanKey, stopOutKey } from './itemKeys.js';
import type { TableNames } from './tableDefinitions.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const FINAL_ORDER_STATUSES: ReadonlySet<Order['status']> = new Set(['closed', 'canceled', 'rejected', 'expired']);

/**
 * The bot-state guard: ACTIVE and still at the snapshot's ledger version. A commit that
 * changes plans moves the version on, so every snapshot taken before it goes stale.
 */
export function ledgerGuardItem(tables: TableNames, ledgerVersion: number, now: number, bumpVersion: boolean): TransactItem {
  const fresh = ledgerVersion === 0 ? 'attribute_not_exists(pk) OR ' : '';
  const condition = {
    TableName: tables.state,
    Key: BOT_STATE_KEY,
    ConditionExpression: `${fresh}(ledgerVersion = :seen AND #status = :active)`,
    ExpressionAttributeNames: { '#status': 'status' },
  };
  if (!bumpVersion) return { ConditionCheck: { ...condition, ExpressionAttributeValues: { ':seen': ledgerVersion, ':active': 'ACTIVE' } } };
  return {
    Update: {
      ...condition,
      UpdateExpression: 'SET ledgerVersion = :next, #status = if_not_exists(#status, :active), updatedAt = :now',
      ExpressionAttributeValues: { ':seen': ledgerVersion, ':next': ledgerVersion + 1, ':active': 'ACTIVE', ':now': now },
    },
  };
}

/**
 * A live plan lives in the state table's bot partition; one that ended moves to the
 * plans table. Either way the write holds only if the stored version is the expected one.
 */
export function planWriteItems(tables: TableNames, { plan, expectedVersion }: PlanWrite): TransactItem[] {
  if (plan.version <= expectedVersion) throw new Error(`plan ${plan.id}: version ${plan.version} must be above the expected ${expectedVersion}`);
  const isNew = expectedVersion === 0;
  const versionCheck = isNew
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
  if (isLive(plan)) return [{ Put: { TableName: tables.state, Item: { ...livePlanKey(plan.id), ...plan }, ...versionCheck } }];
  const history: TransactItem = { Put: { TableName: tables.plans, Item: { ...plan }, ConditionExpression: 'attribute_not_exists(id)' } };
  if (isNew) return [history];
  return [{ Delete: { TableName: tables.state, Key: livePlanKey(plan.id), ...versionCheck } }, history];
}

/** The venue's view of an order, next to its intent; a final status takes it off the unsettled index. */
export function orderUpdateItem(tables: TableNames, order: Order): TransactItem {
  const settled = FINAL_ORDER_STATUSES.has(order.status);
  return {
    Update: {
      TableName: tables.orders,
      Key: { clientOrderId: order.clientOrderId },
      UpdateExpression: `SET exchangeOrder = :order${settled ? ' REMOVE unsettledSymbol' : ''}`,
      ConditionExpression: 'attribute_exists(clientOrderId)',
      ExpressionAttributeValues: { ':order': order },
    },
  };
}

/** Keyed by time and fill id, so the same fill written twice is one item. */
export function fillPutItem(tables: TableNames, fill: Fill): TransactItem {
  return { Put: { TableName: tables.fills, Item: { ...fillKey(fill.timestamp, fill.id), ...fill } } };
}

export function decisionPutItem(tables: TableNames, decision: DecisionRecord, retentionDays: number): TransactItem {
  return {
    Put: {
      TableName: tables.telemetry,
      Item: {
        ...decisionKey(decision.symbol, decision.timeframe, decision.candleOpenTime),
        kind: 'decision',
        ...decision,
        expiresAt: expiresAt(decision.decidedAt, retentionDays),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Moves the series' watermark to the decided candle; refused when it is already there or past it. */
export function decidedWatermarkPutItem(tables: TableNames, decision: DecisionRecord): TransactItem {
  const { symbol, timeframe, candleOpenTime } = decision;
  return {
    Put: {
      TableName: tables.state,
      Item: { ...decidedKey(symbol, timeframe), symbol, timeframe, openTime: candleOpenTime },
      ConditionExpression: 'attribute_not_exists(pk) OR openTime < :openTime',
      ExpressionAttributeValues: { ':openTime': candleOpenTime },
    },
  };
}

export function dailyRiskPutItem(tables: TableNames, daily: DailyRiskState): TransactItem {
  return { Put: { TableName: tables.state, Item: { ...DAILY_RISK_KEY, ...daily } } };
}

export function stopOutPutItem(tables: TableNames, symbol: string, time: number): TransactItem {
  return { Put: { TableName: tables.state, Item: { ...stopOutKey(symbol), symbol, time } } };
}
