import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbFillRepository } from '../../../../lib/adapters/dynamodb/DynamoDbFillRepository.js';
import { DynamoDbLedgerStore } from '../../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbPlanRepository } from '../../../../lib/adapters/dynamodb/DynamoDbPlanRepository.js';
import { BOT_STATE_KEY, decisionKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import type { TableNames } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import type { DecisionRecord } from '../../../../lib/domain/decisionRecord.js';
import { DecisionAlreadyRecordedError, DuplicateClientOrderIdError, LedgerChangedError, PlanVersionConflictError } from '../../../../lib/domain/errors.js';
import type { Fill, Order, OrderIntent } from '../../../../lib/domain/order.js';
import { transitionPlan, updatePlan } from '../../../../lib/domain/planLifecycle.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';

const dynamo = useDynamoDbLocal();
const NOW = PLAN_OPENED_AT + 3_600_000;

function stores(tables: TableNames) {
  const { client } = dynamo;
  return {
    ledger: new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: 30 }),
    plans: new DynamoDbPlanRepository(client, tables),
    orders: new DynamoDbOrderRepository(client, tables),
    fills: new DynamoDbFillRepository(client, tables, new ManualClock(NOW)),
  };
}

const anIntent = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({
  clientOrderId: 'test-0123456789abcd-x0',
  botId: 'test',
  planId: 'test-plan0001',
  leg: 'exit',
  attempt: 0,
  symbol: 'ETH/BTC',
  side: 'sell',
  type: 'market',
  amount: '1',
  price: '0.11',
  createdAt: NOW,
  ...overrides,
});

const aFill = (overrides: Partial<Fill> = {}): Fill => ({
  id: 'f1',
  clientOrderId: 'test-0123456789abcd-x0',
  exchangeOrderId: '42',
  symbol: 'ETH/BTC',
  side: 'sell',
  price: '0.11',
  amount: '1',
  cost: '0.11',
  fee: { cost: '0.00011', currency: 'BTC' },
  timestamp: NOW,
  ...overrides,
});

const aDecision = (overrides: Partial<DecisionRecord> = {}): DecisionRecord => ({
  botId: 'test',
  symbol: 'ETH/BTC',
  timeframe: '1m',
  candleOpenTime: NOW - 60_000,
  decidedAt: NOW,
  close: 0.11,
  killSwitch: 'RUN',
  openPlans: 1,
  exits: [],
  verdicts: [],
  orders: [],
  ...overrides,
});

describe('Class: DynamoDbLedgerStore', () => {
  describe('Method: load', () => {
    it('reads a fresh bot as ACTIVE at ledger version 0 with nothing live', async () => {
      const { ledger } = stores(await dynamo.freshTables());
      const snapshot = await ledger.load();
      expect(snapshot.state).toEqual({ status: 'ACTIVE', ledgerVersion: 0, updatedAt: 0 });
      expect(snapshot.livePlans).toEqual([]);
      expect(snapshot.daily).toBeUndefined();
    });

    it('returns exactly the live plans, the daily risk state and the stop-out times a commit wrote', async () => {
      const { ledger } = stores(await dynamo.freshTables());
      const open = aPlan({ id: 'p-open', version: 1 });
      const approved = aPlan({ id: 'p-approved', symbol: 'LTC/BTC', status: 'approved', version: 1 });
      const closed = aPlan({ id: 'p-closed', status: 'closed', version: 1, closedAt: NOW, realizedPnl: '0.01' });
      const daily = { day: '2018-01-20', startEquity: '1.5', limitHit: false };
      const version = await ledger.commit({
        ledgerVersion: 0,
        now: NOW,
        plans: [open, approved, closed].map((plan) => ({ plan, expectedVersion: 0 })),
        orders: [],
        fills: [],
        daily,
        stopOuts: new Map([['ETH/BTC', NOW - 5]]),
      });
      expect(version).toBe(1);
      const snapshot = await ledger.load();
      expect(snapshot.state.ledgerVersion).toBe(1);
      expect(snapshot.state.status).toBe('ACTIVE');
      expect(snapshot.livePlans.map((p) => p.id).sort()).toEqual(['p-approved', 'p-open']);
      expect(snapshot.livePlans.find((p) => p.id === 'p-open')).toEqual(open);
      expect(snapshot.daily).toEqual(daily);
      expect([...snapshot.lastStopOutAt]).toEqual([['ETH/BTC', NOW - 5]]);
    });
  });

  describe('Method: insertIntent', () => {
    it('refuses a second intent with the same client order id and keeps the first as it was', async () => {
      const tables = await dynamo.freshTables();
      const { ledger, orders } = stores(tables);
      const first = anIntent();
      await ledger.insertIntent(first, 0);
      await expect(ledger.insertIntent(anIntent({ amount: '2' }), 0)).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
      await expect(orders.insertIntent(anIntent({ amount: '3' }))).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
      expect(await orders.getIntent(first.clientOrderId)).toEqual(first);
    });

    it('writes nothing while reconciliation holds the bot, or when the ledger moved on', async () => {
      const tables = await dynamo.freshTables();
      const { ledger, orders } = stores(tables);
      await ledger.commit({ ledgerVersion: 0, now: NOW, plans: [{ plan: aPlan({ version: 1 }), expectedVersion: 0 }], orders: [], fills: [] });
      await expect(ledger.insertIntent(anIntent({ clientOrderId: 'stale' }), 0)).rejects.toBeInstanceOf(LedgerChangedError);

      await dynamo.client.send(new PutCommand({ TableName: tables.state, Item: { ...BOT_STATE_KEY, status: 'RECONCILING', ledgerVersion: 1, updatedAt: NOW } }));
      await expect(ledger.insertIntent(anIntent({ clientOrderId: 'locked' }), 1)).rejects.toBeInstanceOf(LedgerChangedError);
      expect(await orders.getIntent('stale')).toBeUndefined();
      expect(await orders.getIntent('locked')).toBeUndefined();
    });
  });

  describe('Method: commit', () => {
    it('writes the plan, the order, the fills and the decision together, and closes the plan into the plans table', async () => {
      const tables = await dynamo.freshTables();
      const { ledger, plans, orders, fills } = stores(tables);
      const open = aPlan({ version: 1 });
      await ledger.commit({ ledgerVersion: 0, now: NOW, plans: [{ plan: open, expectedVersion: 0 }], orders: [], fills: [] });
      const intent = anIntent();
      await ledger.insertIntent(intent, 1);
      const order: Order = { clientOrderId: intent.clientOrderId, exchangeOrderId: '42', symbol: 'ETH/BTC', side: 'sell', type: 'market', status: 'closed', amount: '1', filled: '1', average: '0.11', timestamp: NOW };
      const closed = transitionPlan(transitionPlan(open, 'exiting', NOW), 'closed', NOW, { closedAt: NOW, avgExitPrice: '0.11', realizedPnl: '0.00979', exitReason: 'target' });

      const version = await ledger.commit({ ledgerVersion: 1, now: NOW, plans: [{ plan: closed, expectedVersion: 1 }], orders: [order], fills: [aFill()], decision: aDecision() });

      expect(version).toBe(2);
      expect(await plans.listLive()).toEqual([]);
      expect(await plans.get(open.id)).toEqual(closed);
      expect(await orders.getOrder(intent.clientOrderId)).toEqual(order);
      expect(await orders.listUnsettled('ETH/BTC')).toEqual([]);
      expect(await fills.since(NOW)).toEqual([aFill()]);
      const record = await dynamo.client.send(new GetCommand({ TableName: tables.telemetry, Key: decisionKey('ETH/BTC', '1m', NOW - 60_000) }));
      expect(record.Item?.expiresAt).toBe(Math.floor(NOW / 1000) + 30 * 86_400);
    });

    it('writes nothing at all when one plan condition fails', async () => {
      const tables = await dynamo.freshTables();
      const { ledger, plans, fills } = stores(tables);
      const a = aPlan({ id: 'p-a', version: 1 });
      const b = aPlan({ id: 'p-b', version: 1 });
      await ledger.commit({ ledgerVersion: 0, now: NOW, plans: [a, b].map((plan) => ({ plan, expectedVersion: 0 })), orders: [], fills: [] });

      // Another writer moves b on first, so the commit's view of b is stale.
      await plans.save(updatePlan(b, NOW, { activeStop: '0.0955' }), 1);
      const movedA = updatePlan(a, NOW, { activeStop: '0.096' });
      const staleB = updatePlan(b, NOW, { activeStop: '0.097' });
      const failing = ledger.commit({
        ledgerVersion: 1,
        now: NOW,
        plans: [
          { plan: movedA, expectedVersion: 1 },
          { plan: staleB, expectedVersion: 1 },
        ],
        orders: [],
        fills: [aFill()],
        decision: aDecision(),
      });

      await expect(failing).rejects.toEqual(new PlanVersionConflictError('p-b', 1));
      expect(await plans.get('p-a')).toEqual(a);
      // From a day before the fill's time: since(0) would query every day from 1970, one at a time.
      expect(await fills.since(NOW - 86_400_000)).toEqual([]);
      expect((await ledger.load()).state.ledgerVersion).toBe(1);
      const record = await dynamo.client.send(new GetCommand({ TableName: tables.telemetry, Key: decisionKey('ETH/BTC', '1m', NOW - 60_000) }));
      expect(record.Item).toBeUndefined();
    });

    it('tells a redelivered decision apart and writes nothing for it', async () => {
      const { ledger } = stores(await dynamo.freshTables());
      await ledger.commit({ ledgerVersion: 0, now: NOW, plans: [], orders: [], fills: [], decision: aDecision() });
      const again = ledger.commit({ ledgerVersion: 0, now: NOW, plans: [{ plan: aPlan({ version: 1 }), expectedVersion: 0 }], orders: [], fills: [], decision: aDecision() });
      await expect(again).rejects.toBeInstanceOf(DecisionAlreadyRecordedError);
      expect((await ledger.load()).livePlans).toEqual([]);
    });

    it('refuses a commit made on a snapshot another decision has moved past', async () => {
      const { ledger } = stores(await dynamo.freshTables());
      await ledger.commit({ ledgerVersion: 0, now: NOW, plans: [{ plan: aPlan({ id: 'p-1', version: 1 }), expectedVersion: 0 }], orders: [], fills: [] });
      const late = ledger.commit({ ledgerVersion: 0, now: NOW, plans: [], orders: [], fills: [], decision: aDecision() });
      await expect(late).rejects.toBeInstanceOf(LedgerChangedError);
    });
  });
});

describe('Class: DynamoDbPlanRepository', () => {
  it('lets exactly one of two concurrent updates of a plan win; the other gets the conflict error', async () => {
    const { plans } = stores(await dynamo.freshTables());
    const plan = aPlan({ version: 1 });
    await plans.save(plan, 0);
    const one = updatePlan(plan, NOW, { activeStop: '0.096' });
    const two = updatePlan(plan, NOW, { activeStop: '0.097' });

    const results = await Promise.allSettled([plans.save(one, 1), plans.save(two, 1)]);

    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [[one, two][i]] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([new PlanVersionConflictError(plan.id, 1)]);
    expect(await plans.get(plan.id)).toEqual(won[0]);
  });

  it('lists exactly the live plans, for every symbol or one', async () => {
    const { plans } = stores(await dynamo.freshTables());
    const statuses = ['approved', 'entering', 'open', 'exiting', 'closed', 'cancelled', 'rejected'] as const;
    for (const symbol of ['ETH/BTC', 'LTC/BTC']) {
      for (const status of statuses) await plans.save(aPlan({ id: `${symbol}-${status}`, symbol, status, version: 1 }), 0);
    }
    const live = ['approved', 'entering', 'open', 'exiting'];
    expect((await plans.listLive()).map((p) => p.id).sort()).toEqual([...live.map((s) => `ETH/BTC-${s}`), ...live.map((s) => `LTC/BTC-${s}`)].sort());
    expect((await plans.listLive('LTC/BTC')).map((p) => p.id).sort()).toEqual(live.map((s) => `LTC/BTC-${s}`).sort());
  });
});

describe('Class: DynamoDbOrderRepository', () => {
  it('records the venue view only for an order whose intent exists, and keeps it unsettled until final', async () => {
    const { orders } = stores(await dynamo.freshTables());
    const intent = anIntent();
    const open: Order = { clientOrderId: intent.clientOrderId, exchangeOrderId: '7', symbol: 'ETH/BTC', side: 'sell', type: 'limit', status: 'open', amount: '1', filled: '0.4', price: '0.11', timestamp: NOW };
    await expect(orders.recordOrder(open)).rejects.toThrow(/has no recorded intent/);
    await orders.insertIntent(intent);
    await orders.recordOrder(open);
    expect(await orders.getOrder(intent.clientOrderId)).toEqual(open);
    expect(await orders.getIntent(intent.clientOrderId)).toEqual(intent);
    expect(await orders.listUnsettled('ETH/BTC')).toEqual([intent]);
    await orders.recordOrder({ ...open, status: 'canceled' });
    expect(await orders.listUnsettled('ETH/BTC')).toEqual([]);
  });
});
