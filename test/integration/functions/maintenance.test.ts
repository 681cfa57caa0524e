import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbPlanRepository } from '../../../lib/adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbShadowStore } from '../../../lib/adapters/dynamodb/DynamoDbShadowStore.js';
import { DynamoDbTelemetryStore } from '../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { expiresAt, sortableTime, statsKey } from '../../../lib/adapters/dynamodb/itemKeys.js';
import { deriveClientOrderId } from '../../../lib/domain/clientOrderId.js';
import type { OrderIntent } from '../../../lib/domain/order.js';
import { createMaintenanceHandler } from '../../../lib/runtime/lambda/maintenance/createMaintenanceHandler.js';
import { type GatewayHarness, startGateway } from '../adapters/ccxt/ccxtSimFixture.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { aPlan } from '../../support/planFixture.js';
import { BOT_ID, aRuntime, holdKillSwitch, lambdaContext, liveBotConfig, scheduledEvent, ssmMock } from './botFunctionHarness.js';

const dynamo = useDynamoDbLocal();
const DAY = 86_400_000;
const HOUR = 3_600_000;

let running: GatewayHarness | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function aMaintainedBot() {
  const tables = await dynamo.freshTables();
  const venue = (running = await startGateway());
  ssmMock.reset();
  holdKillSwitch('RUN');
  const runtime = aRuntime(tables, liveBotConfig({ retentionDays: { telemetry: 30, market: 14 } }), {
    dynamo: dynamo.client,
    clock: { now: () => venue.sim.now() },
    ccxt: () => Promise.resolve(venue.gateway),
  });
  const client = dynamo.client;
  return {
    tables,
    venue,
    now: () => venue.sim.now(),
    handler: createMaintenanceHandler(runtime),
    orders: new DynamoDbOrderRepository(client, tables),
    plans: new DynamoDbPlanRepository(client, tables),
    telemetry: new DynamoDbTelemetryStore({ client, tables, retentionDays: 30 }),
    candles: new DynamoDbCandleStore({ client, tables, retentionDays: 14 }),
  };
}

const intent = (planId: string, createdAt: number): OrderIntent => ({
  clientOrderId: deriveClientOrderId(BOT_ID, planId, 'entry', 0),
  botId: BOT_ID,
  planId,
  leg: 'entry',
  attempt: 0,
  symbol: 'LTC/BTC',
  side: 'buy',
  type: 'market',
  amount: '1',
  price: '0.017',
  createdAt,
});

describe('Function: maintenance (DynamoDB Local, exchange simulator)', () => {
  it('flags a stale intent the venue never heard of, and not an acknowledged order still resting', async () => {
    const bot = await aMaintainedBot();
    const now = bot.now();
    const lost = intent(`${BOT_ID}-lost`, now - HOUR);
    const resting = intent(`${BOT_ID}-rest`, now - HOUR);
    const young = intent(`${BOT_ID}-young`, now - 60_000);
    for (const i of [lost, resting, young]) await bot.orders.insertIntent(i);
    await bot.orders.recordOrder({ clientOrderId: resting.clientOrderId, exchangeOrderId: '77', symbol: 'LTC/BTC', side: 'buy', type: 'limit', status: 'open', amount: '1', filled: '0', price: '0.016', timestamp: now - HOUR });

    const summary = await bot.handler(scheduledEvent('m-1', now), lambdaContext);

    expect(summary.staleIntents).toBe(1);
    const page = await dynamo.client.send(new QueryCommand({ TableName: bot.tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ACTION' } }));
    expect(page.Items).toMatchObject([
      {
        action: 'staleIntents',
        time: now,
        intents: [{ clientOrderId: lost.clientOrderId, planId: lost.planId, symbol: 'LTC/BTC', leg: 'entry', createdAt: now - HOUR, ageMs: HOUR, venue: { found: false } }],
      },
    ]);
    expect(await bot.orders.getOrder(lost.clientOrderId)).toBeUndefined();
    expect(bot.venue.sim.orders()).toEqual([]);
  });

  it("rolls up yesterday's and today's closed trades into one telemetry item a day, exactly", async () => {
    const bot = await aMaintainedBot();
    const now = bot.now();
    const today = Math.floor(now / DAY) * DAY;
    const closed = (id: string, closedAt: number, realizedPnl: string, feesPaid: string) =>
      aPlan({ id, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', status: 'closed', version: 5, updatedAt: closedAt, closedAt, realizedPnl, feesPaid, exitReason: 'target', filledAmount: '0' });
    for (const plan of [
      closed('p-today-1', today + 1_000, '0.00012345', '0.00000034'),
      closed('p-today-2', now - 1_000, '-0.00004', '0.00000021'),
      closed('p-yesterday', today - 1, '0.001', '0.000002'),
      closed('p-older', today - DAY - 1, '5', '1'),
      aPlan({ id: 'p-cancelled', botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', status: 'cancelled', version: 2, updatedAt: today + 2_000 }),
    ]) {
      await bot.plans.save(plan, 0);
    }

    const summary = await bot.handler(scheduledEvent('m-2', now), lambdaContext);

    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const stored = async (d: string) => (await dynamo.client.send(new GetCommand({ TableName: bot.tables.telemetry, Key: statsKey(d) }))).Item;
    expect(await stored(day(today))).toEqual({
      ...statsKey(day(today)),
      kind: 'dailyStats',
      day: day(today),
      trades: 2,
      wins: 1,
      losses: 1,
      bySymbol: { 'LTC/BTC': { trades: 2, wins: 1, losses: 1, realizedPnl: '0.00008345', fees: '0.00000055' } },
      byQuote: { BTC: { trades: 2, wins: 1, losses: 1, realizedPnl: '0.00008345', fees: '0.00000055' } },
      rolledUpAt: now,
      expiresAt: expiresAt(today + DAY, 400),
    });
    expect(await stored(day(today - DAY))).toMatchObject({ trades: 1, wins: 1, losses: 0, byQuote: { BTC: { realizedPnl: '0.001', fees: '0.000002' } } });
    expect(summary.days.map((d) => [d.day, d.trades])).toEqual([
      [day(today - DAY), 1],
      [day(today), 2],
    ]);
  });

  it('prunes what TTL will not reach (older than retention plus two days), and keeps the rest', async () => {
    const bot = await aMaintainedBot();
    const now = bot.now();
    const farFuture = expiresAt(now, 365);
    const heartbeat = (time: number) => ({ pk: 'HEARTBEAT', sk: sortableTime(time), kind: 'heartbeat', time, expiresAt: farFuture });
    for (const item of [heartbeat(now - 33 * DAY), heartbeat(now - 31 * DAY), heartbeat(now - HOUR)]) {
      await dynamo.client.send(new PutCommand({ TableName: bot.tables.telemetry, Item: item }));
    }
    const candle = (openTime: number) => ({ openTime, open: 0.017, high: 0.0171, low: 0.0169, close: 0.017, volume: 1 });
    await bot.candles.put('LTC/BTC', '5m', [candle(now - 17 * DAY), candle(now - 15 * DAY), candle(now - 300_000)], now - 17 * DAY);

    const summary = await bot.handler(scheduledEvent('m-3', now), lambdaContext);

    expect(summary.pruned).toEqual({ deleted: 2, byPartition: { 'market/LTC/BTC#5m': 1, 'telemetry/HEARTBEAT': 1 }, capped: false });
    const left = await dynamo.client.send(new QueryCommand({ TableName: bot.tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'HEARTBEAT' } }));
    expect(left.Items?.map((i) => i.time as number)).toEqual([now - 31 * DAY, now - HOUR]);
    expect((await bot.candles.window('LTC/BTC', '5m', 0, now)).map((c) => c.openTime)).toEqual([now - 15 * DAY, now - 300_000]);
  });

  it('prunes shadow plan events beyond their retention plus two days, keeps the book and younger events, and counts them by book', async () => {
    const bot = await aMaintainedBot();
    const now = bot.now();
    const store = new DynamoDbShadowStore({ client: dynamo.client, tableName: bot.tables.shadow, retentionDays: 365 });
    const book = (version: number) => ({ id: 'ema-fast', version, updatedAt: now, venue: '{}', ledger: { ledgerVersion: version, livePlans: [], lastStopOutAt: {}, decidedUpTo: {} } });
    const closed = (id: string, at: number) => aPlan({ id, status: 'closed', openedAt: at - HOUR, closedAt: at, updatedAt: at, version: 5 });
    await store.write({ book: book(1), opened: [aPlan({ id: 'p-old', openedAt: now - 95 * DAY })], resolved: [] }, now);
    await store.write({ book: book(2), opened: [], resolved: [closed('p-93', now - 93 * DAY), closed('p-91', now - 91 * DAY), closed('p-new', now - HOUR)] }, now);

    const summary = await bot.handler(scheduledEvent('m-4', now), lambdaContext);

    expect(summary.shadowPruned).toEqual({ deleted: 2, byBook: { 'ema-fast': 2 }, capped: false });
    expect((await store.resolvedPlans('ema-fast', 10)).map((p) => p.id)).toEqual(['p-new', 'p-91']);
    expect((await store.loadBooks()).get('ema-fast')?.version).toBe(2);
  });
});
