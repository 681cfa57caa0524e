import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbCandleStore } from '../../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { seriesKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';

const dynamo = useDynamoDbLocal();
const START = Date.UTC(2018, 0, 20);
const MINUTE = 60_000;
const aCandle = (openTime: number, close = 0.0172): Candle => ({ openTime, open: 0.0171, high: 0.0175, low: 0.017, close, volume: 1615.44770933 });
const QUOTE = { bid: '0.01719', ask: '0.01721', last: '0.0172' };

describe('Class: DynamoDbCandleStore, the quote captured with the candles', () => {
  it('stamps only the newest candle of a put, and reads it back from the newest item', async () => {
    const tables = await dynamo.freshTables();
    const store = new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 7 });
    expect(await store.latestQuote('LTC/BTC', '1m')).toBeUndefined();

    await store.put('LTC/BTC', '1m', [aCandle(START + MINUTE, 0.0173), aCandle(START)], START + 2 * MINUTE + 5_000, { quote: QUOTE });

    expect(await store.latestQuote('LTC/BTC', '1m')).toEqual({ openTime: START + MINUTE, close: 0.0173, capturedAt: START + 2 * MINUTE + 5_000, quote: QUOTE });
    const items = await dynamo.client.send(
      new QueryCommand({ TableName: tables.market, KeyConditionExpression: 'series = :s', ExpressionAttributeValues: { ':s': seriesKey('LTC/BTC', '1m') } }),
    );
    expect(items.Items?.map((item) => [item.openTime, item.capturedAt, item.quote] as unknown)).toEqual([
      [START, undefined, undefined],
      [START + MINUTE, START + 2 * MINUTE + 5_000, QUOTE],
    ]);
    expect(await store.window('LTC/BTC', '1m', START, START + 2 * MINUTE)).toEqual([aCandle(START), aCandle(START + MINUTE, 0.0173)]);
  });

  it('gives the capture time without a quote when none was given', async () => {
    const tables = await dynamo.freshTables();
    const store = new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 7 });
    await store.put('LTC/BTC', '1m', [aCandle(START)], START + MINUTE, { quote: {} });

    expect(await store.latestQuote('LTC/BTC', '1m')).toEqual({ openTime: START, close: 0.0172, capturedAt: START + MINUTE });
  });
});
