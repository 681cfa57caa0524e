import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbCandleStore } from '../../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbFillRepository } from '../../../../lib/adapters/dynamodb/DynamoDbFillRepository.js';
import { DynamoDbTelemetryStore } from '../../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { seriesKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { TABLE_DEFINITIONS, TABLE_IDS } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import type { Fill } from '../../../../lib/domain/order.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';

const dynamo = useDynamoDbLocal();
const DAY = 86_400_000;
const START = Date.UTC(2018, 0, 20);

const aCandle = (openTime: number, close = 0.0172): Candle => ({ openTime, open: 0.0171, high: 0.0175, low: 0.017, close, volume: 1615.44770933 });

describe('Class: DynamoDbCandleStore', () => {
  it('keeps one item for a candle written twice, and the second write wins its values', async () => {
    const tables = await dynamo.freshTables();
    const store = new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 7 });
    await store.put('LTC/BTC', '5m', [aCandle(START), aCandle(START + 300_000)], START);
    await store.put('LTC/BTC', '5m', [aCandle(START + 300_000), aCandle(START + 300_000)], START);
    const stored = await store.window('LTC/BTC', '5m', START, START + DAY);
    expect(stored).toEqual([aCandle(START), aCandle(START + 300_000)]);
    expect(await store.resumePoint('LTC/BTC', '5m')).toEqual({ openTime: START + 300_000, unpublished: [] });
  });

  it('reads a window across DynamoDB pages when it is larger than 1 MB', async () => {
    const tables = await dynamo.freshTables();
    const store = new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 7 });
    const count = 12_000;
    const candles = Array.from({ length: count }, (_, i) => aCandle(START + i * 60_000, 0.017 + (i % 97) * 1e-6));
    await store.put('ETH/BTC', '1m', candles, START);

    const firstPage = await dynamo.client.send(
      new QueryCommand({ TableName: tables.market, KeyConditionExpression: 'series = :s', ExpressionAttributeValues: { ':s': seriesKey('ETH/BTC', '1m') } }),
    );
    expect(firstPage.LastEvaluatedKey).toBeDefined();
    expect(firstPage.Items?.length).toBeLessThan(count);

    const window = await store.window('ETH/BTC', '1m', START, START + count * 60_000);
    expect(window).toHaveLength(count);
    expect(window[0]).toEqual(candles[0]);
    expect(window[count - 1]).toEqual(candles[count - 1]);
    expect(window.every((c, i) => c.openTime === START + i * 60_000)).toBe(true);
  });
});

describe('Bot tables', () => {
  it('have TTL on expiresAt where the definitions say so, and only there', async () => {
    const tables = await dynamo.freshTables();
    const raw = dynamo.rawClient();
    for (const id of TABLE_IDS) {
      const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: tables[id] }));
      const expected = TABLE_DEFINITIONS[id].timeToLiveAttribute;
      expect(ttl.TimeToLiveDescription?.AttributeName, id).toBe(expected);
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus, id).toBe(expected ? 'ENABLED' : 'DISABLED');
    }
    raw.destroy();
  });
});

describe('Class: DynamoDbTelemetryStore', () => {
  it('returns the latest equity snapshot, stamped to expire after the retention', async () => {
    const tables = await dynamo.freshTables();
    const telemetry = new DynamoDbTelemetryStore({ client: dynamo.client, tables, retentionDays: 30 });
    expect(await telemetry.latestEquitySnapshot()).toBeUndefined();
    for (const [i, equity] of ['1.5', '1.51234567', '1.49999999'].entries()) {
      await telemetry.putEquitySnapshot({ time: START + i * 300_000, quoteCurrency: 'BTC', equity, balances: { BTC: equity }, openPlans: i });
    }
    expect(await telemetry.latestEquitySnapshot()).toEqual({ time: START + 600_000, quoteCurrency: 'BTC', equity: '1.49999999', balances: { BTC: '1.49999999' }, openPlans: 2 });
    const raw = await dynamo.client.send(new QueryCommand({ TableName: tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'EQUITY' } }));
    expect(raw.Items?.map((item) => item.expiresAt as unknown)).toEqual([0, 1, 2].map((i) => Math.floor((START + i * 300_000) / 1000) + 30 * 86_400));
  });
});

describe('Class: DynamoDbFillRepository', () => {
  it('returns the fills since a time across UTC days, oldest first, and one item per fill id', async () => {
    const tables = await dynamo.freshTables();
    const fills = new DynamoDbFillRepository(dynamo.client, tables, new ManualClock(START + 3 * DAY));
    const fill = (id: string, timestamp: number): Fill => ({
      id,
      clientOrderId: 'test-0123456789abcd-e0',
      exchangeOrderId: '1',
      symbol: 'LTC/BTC',
      side: 'buy',
      price: '0.01721996',
      amount: '3.5',
      cost: '0.06026986',
      fee: { cost: '0.0035', currency: 'LTC' },
      timestamp,
    });
    const all = [fill('a', START - 1), fill('b', START + 10), fill('c', START + DAY + 5), fill('d', START + 2 * DAY + 7)];
    for (const f of [...all, all[2] as Fill]) await fills.add(f);
    expect(await fills.since(START)).toEqual(all.slice(1));
    expect(await fills.since(START + DAY + 5)).toEqual(all.slice(2));
  });
});
