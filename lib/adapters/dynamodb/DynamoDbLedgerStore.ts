import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll.js';
import { BotStateSchema, FRESH_BOT_STATE, type BotState, botState } from '../../domain/botState.js';
import { DailyRiskStateSchema, type DailyRiskState } from '../../domain/dailyRiskState.js';
import { DecisionAlreadyRecordedError, DuplicateClientOrderIdError, LedgerChangedError, PlanVersionConflictError } from '../../domain/errors.js';
import { PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { type LedgerCommit, type LedgerStore, type TradingSnapshot, decidedSeriesKey, tradingSnapshot } from '../../ports/LedgerStore.js';
import { DynamoDbOrderRepository } from './DynamoDbOrderRepository.js';
import { failedConditions } from './explainCancellation.js';
import { BOT_PARTITION, BOT_STATE_KEY, DAILY_RISK_KEY, DECIDED_PREFIX, LIVE_PLAN_PREFIX, STOP_OUT_PREFIX, decisionKey } from './itemKeys.js';
import { type TransactItem, dailyRiskPutItem, decidedWatermarkPutItem, decisionPutItem, fillPutItem, ledgerGuardItem, orderUpdateItem, planWriteItems, stopOutPutItem } from './ledgerWriteItems.js';
import { intentPutItem } from './intentPutItem.js';
import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

export interface DynamoDbLedgerStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  /** How long decision records are kept, in days. */
  readonly telemetryRetentionDays: number;
}

/** DynamoDB's limit on the items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
const STATE_KEY_ATTRIBUTES = ['pk', 'sk'] as const;

/**
 * The ledger on DynamoDB: one consistent query loads a decision's context; an intent is
 * one guarded conditional write; a decision's plans, orders, fills and record are one
 * transaction, so a failed condition anywhere writes nothing.
 */
export class DynamoDbLedgerStore implements LedgerStore {
  private readonly orders: DynamoDbOrderRepository;

  constructor(private readonly options: DynamoDbLedgerStoreOptions) {
    this.orders = new DynamoDbOrderRepository(options.client, options.tables);
  }

  async load(): Promise<TradingSnapshot> {
    let state: BotState = FRESH_BOT_STATE;
    let daily: DailyRiskState | undefined;
    const livePlans: Plan[] = [];
    const lastStopOutAt = new Map<string, number>();
    const decidedUpTo = new Map<string, number>();
    const items = await queryAll(this.options.client, {
      TableName: this.options.tables.state,
      KeyConditionExpression: 'pk = :bot',
      ExpressionAttributeValues: { ':bot': BOT_PARTITION },
      ConsistentRead: true,
    });
    for (const item of items) {
      const sk = String(item.sk);
      if (sk === BOT_STATE_KEY.sk) state = parseItem(BotStateSchema, item, 'bot state', STATE_KEY_ATTRIBUTES);
      else if (sk === DAILY_RISK_KEY.sk) daily = parseItem(DailyRiskStateSchema, item, 'daily risk state', STATE_KEY_ATTRIBUTES);
      else if (sk.startsWith(LIVE_PLAN_PREFIX)) livePlans.push(parseItem(PlanSchema, item, 'live plan', STATE_KEY_ATTRIBUTES));
      else if (sk.startsWith(STOP_OUT_PREFIX)) lastStopOutAt.set(String(item.symbol), Number(item.time));
      else if (sk.startsWith(DECIDED_PREFIX)) decidedUpTo.set(decidedSeriesKey(String(item.symbol), String(item.timeframe)), Number(item.openTime));
    }
    return tradingSnapshot({ state: botState(state), livePlans, daily, lastStopOutAt, decidedUpTo });
  }

  async insertIntent(intent: OrderIntent, ledgerVersion: number, plan?: Plan): Promise<void> {
    const items = [intentPutItem(this.options.tables, intent, plan), ledgerGuardItem(this.options.tables, ledgerVersion, intent.createdAt, false)];
    try {
      await this.options.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.includes(0)) throw new DuplicateClientOrderIdError(intent.clientOrderId);
      if (failed?.includes(1)) throw new LedgerChangedError(ledgerVersion);
      throw error;
    }
  }

  async recordedOrder(clientOrderId: string): Promise<Order | undefined> {
    return this.orders.getOrder(clientOrderId);
  }

  async recordRejection(order: Order): Promise<void> {
    if (order.status !== 'rejected') throw new Error(`order ${order.clientOrderId}: only a rejection is recorded outside a commit, not ${order.status}`);
    await this.orders.recordOrder(order);
  }

  async commit(commit: LedgerCommit): Promise<number> {
    const { tables } = this.options;
    const planIds = commit.plans.map((w) => w.plan.id);
    if (new Set(planIds).size !== planIds.length) throw new Error(`a commit writes each plan once; got ${planIds.join(', ')}`);
    const changesPlans = commit.plans.length > 0 || commit.daily !== undefined || (commit.stopOuts?.size ?? 0) > 0;
    const owners: Owner[] = [{ kind: 'guard' }];
    const items: TransactItem[] = [ledgerGuardItem(tables, commit.ledgerVersion, commit.now, changesPlans)];
    const add = (owner: Owner, ...added: TransactItem[]) => {
      for (const item of added) {
        items.push(item);
        owners.push(owner);
      }
    };
    for (const write of commit.plans) add({ kind: 'plan', planId: write.plan.id, expectedVersion: write.expectedVersion }, ...planWriteItems(tables, write));
    for (const order of commit.orders) add({ kind: 'other' }, orderUpdateItem(tables, order));
    for (const fill of commit.fills) add({ kind: 'other' }, fillPutItem(tables, fill));
    if (commit.daily) add({ kind: 'other' }, dailyRiskPutItem(tables, commit.daily));
    for (const [symbol, time] of commit.stopOuts ?? []) add({ kind: 'other' }, stopOutPutItem(tables, symbol, time));
    // The watermark rides in the decision's own commit: no call of its own, and a commit that
    // changes nothing (so writes no record) moves it not.
    if (commit.decision) add({ kind: 'decision' }, decisionPutItem(tables, commit.decision, this.options.telemetryRetentionDays), decidedWatermarkPutItem(tables, commit.decision));
    if (items.length > MAX_TRANSACTION_ITEMS) throw new Error(`a commit of ${items.length} items is over DynamoDB's ${MAX_TRANSACTION_ITEMS}; split the fills`);

    try {
      await this.options.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      throw this.explain(error, commit, owners);
    }
    return changesPlans ? commit.ledgerVersion + 1 : commit.ledgerVersion;
  }

  async decisionRecorded(symbol: string, timeframe: string, candleOpenTime: number): Promise<boolean> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tables.telemetry, Key: decisionKey(symbol, timeframe, candleOpenTime), ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return Item !== undefined;
  }

  /** The most useful of the failed conditions: a redelivery first, then a stale snapshot. */
  private explain(error: unknown, commit: LedgerCommit, owners: readonly Owner[]): unknown {
    const failed = failedConditions(error)?.map((index) => owners[index]);
    if (!failed) return error;
    const { decision } = commit;
    if (decision && failed.some((o) => o?.kind === 'decision')) {
      return new DecisionAlreadyRecordedError(decision.symbol, decision.timeframe, decision.candleOpenTime);
    }
    if (failed.some((o) => o?.kind === 'guard')) return new LedgerChangedError(commit.ledgerVersion);
    const plan = failed.find((o): o is Extract<Owner, { kind: 'plan' }> => o?.kind === 'plan');
    if (plan) return new PlanVersionConflictError(plan.planId, plan.expectedVersion);
    return error;
  }
}

type Owner = { kind: 'guard' } | { kind: 'decision' } | { kind: 'other' } | { kind: 'plan'; planId: string; expectedVersion: number };
