import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { DynamoDbPaperVenue, PAPER_VENUE_KEY } from '../../../../lib/adapters/dynamodb/DynamoDbPaperVenue.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { CorruptRecordError } from '../../../../lib/domain/errors.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { aMarket } from '../../../support/marketFixture.js';

const dynamo = useDynamoDbLocal();
const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const MARKET = aMarket();
const candle = (i: number, low: number, high: number): Candle => ({ openTime: T0 + i * MINUTE, open: high, high, low, close: low, volume: 1 });

function intent(clientOrderId: string, overrides: Partial<OrderIntent> = {}): OrderIntent {
  return { clientOrderId, botId: 'b', planId: 'p', leg: 'entry', attempt: 0, symbol: 'ETH/BTC', side: 'buy', type: 'limit', amount: '2', price: '0.05', createdAt: T0, ...overrides };
}

async function venues() {
  const tables = await dynamo.freshTables();
  const clock = new ManualClock(T0);
  const make = () => new DynamoDbPaperVenue({ client: dynamo.client, tableName: tables.state, startingBalances: { BTC: '1' }, slippagePct: 0, clock, cacheMs: 0 });
  return { tables, clock, make };
}

describe('Class: DynamoDbPaperVenue (on DynamoDB Local)', () => {
  it('keeps balances, orders and fills across instances: a resting limit buy fills when a later candle reaches it', async () => {
    const { make } = await venues();
    const capture = make();
    await capture.advance('ETH/BTC', MARKET, [candle(0, 0.051, 0.052)]);

    const decide = make();
    const outcome = await decide.createOrder(intent('buy-1'));
    expect(outcome.kind).toBe('acknowledged');
    // The buy locks 0.05 × 2 = 0.1 BTC (rounded up to 8 places: exact); the fee will be charged in ETH.
    expect(await make().fetchBalances()).toEqual({ BTC: { free: '0.9', used: '0.1', total: '1' } });

    // Candle 1 stays above 0.05; candle 2 trades down to 0.049: the limit fills at its own 0.05 as a maker,
    // 0.05 × 2 = 0.1 BTC, its fee 2 × 0.001 = 0.002 ETH charged in the ETH received.
    const fills = await make().advance('ETH/BTC', MARKET, [candle(1, 0.0505, 0.052), candle(2, 0.049, 0.051)]);
    expect(fills.map((f) => [f.clientOrderId, f.price, f.amount, f.cost, f.fee])).toEqual([['buy-1', '0.05', '2', '0.1', { cost: '0.002', currency: 'ETH' }]]);

    // BTC 1 − 0.1 = 0.9; ETH 2 − 0.002 = 1.998.
    const later = make();
    expect(await later.fetchBalances()).toEqual({ BTC: { free: '0.9', used: '0', total: '0.9' }, ETH: { free: '1.998', used: '0', total: '1.998' } });
    expect(await later.fetchOrderByClientId('ETH/BTC', 'buy-1')).toMatchObject({ status: 'closed', filled: '2', average: '0.05' });
    expect(await later.fetchFills('ETH/BTC', T0)).toHaveLength(1);
    expect(await later.market('ETH/BTC')).toEqual(MARKET);
  });

  it('applies both of two concurrent changes: the one that loses the version race is redone on a fresh read', async () => {
    const { make } = await venues();
    await make().advance('ETH/BTC', MARKET, [candle(0, 0.051, 0.052)]);
    const a = make();
    const b = make();
    await Promise.all([a.fetchBalances(), b.fetchBalances()]);
    await Promise.all([a.createOrder(intent('a-1', { amount: '1' })), b.createOrder(intent('b-1', { amount: '3' }))]);

    const open = await make().fetchOpenOrders('ETH/BTC');
    expect(open.map((o) => o.clientOrderId).sort()).toEqual(['a-1', 'b-1']);
    // Locked: 0.05 × 1 = 0.05 and 0.05 × 3 = 0.15 BTC, 0.2 in all (a buy's fee is charged in ETH, not locked).
    expect((await make().fetchBalances()).BTC).toEqual({ free: '0.8', used: '0.2', total: '1' });
  });

  it('writes nothing for candles when no order rests on the symbol and its market is known', async () => {
    const { make, tables } = await venues();
    const version = async () => (await dynamo.client.send(new GetCommand({ TableName: tables.state, Key: PAPER_VENUE_KEY }))).Item?.version as number | undefined;
    await make().advance('ETH/BTC', MARKET, [candle(0, 0.051, 0.052)]);
    expect(await version()).toBe(1);

    expect(await make().advance('ETH/BTC', MARKET, [candle(1, 0.05, 0.051)])).toEqual([]);
    expect(await version()).toBe(1);

    await make().createOrder(intent('rests', { price: '0.04' }));
    await make().advance('ETH/BTC', MARKET, [candle(2, 0.05, 0.051)]);
    expect(await version()).toBe(3);
  });

  it('refuses an order it cannot cover, and writes nothing for it', async () => {
    const { make } = await venues();
    await make().advance('ETH/BTC', MARKET, [candle(0, 0.051, 0.052)]);
    const outcome = await make().createOrder(intent('too-big', { amount: '30' }));
    // 0.05 × 30 = 1.5 BTC to lock (the fee would be charged in ETH): more than the 1 held.
    expect(outcome).toEqual({ kind: 'rejected', reason: 'insufficient BTC: needs 1.5, 1 free' });
    expect(await make().fetchOpenOrders()).toEqual([]);
  });

  it('names a market it has not recorded yet, and a corrupt stored venue, instead of trading on them', async () => {
    const { make, tables } = await venues();
    await expect(make().market('ETH/BTC')).rejects.toThrow('paper venue: no market for ETH/BTC yet (capture records it on its first run)');
    await dynamo.client.send(new PutCommand({ TableName: tables.state, Item: { ...PAPER_VENUE_KEY, version: 3, state: '{"totals":{"BTC":"abc"}}', markets: '{}' } }));
    const error = await make().fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRecordError);
    expect(String(error)).toContain('paper venue PAPER/VENUE: state: totals.BTC must be a decimal string');
  });
});
