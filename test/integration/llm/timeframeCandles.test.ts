import { describe, expect, it } from 'vitest';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import type { Candle } from '../../../lib/domain/candle.js';
import { ReplayTimeframeCandles } from '../../../lib/runtime/backtest/ReplayTimeframeCandles.js';
import { StoredTimeframeCandles } from '../../../lib/runtime/decision/StoredTimeframeCandles.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';

const dynamo = useDynamoDbLocal();
const T0 = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;
const candle = (openTime: number, close: number): Candle => ({ openTime, open: close, high: close + 1, low: close - 1, close, volume: 1 });
/** ETH/BTC on 1m (60 candles) and 5m (12, the fourth missing: a gap), as capture stores them and a backtest replays them. */
const oneMinute = Array.from({ length: 60 }, (_, i) => candle(T0 + i * MINUTE, 100 + i));
const fiveMinute = Array.from({ length: 12 }, (_, i) => candle(T0 + i * 5 * MINUTE, 500 + i)).filter((_, i) => i !== 3);

describe('The other timeframes of a snapshot: stored (Lambda, npm start) and replayed (backtest)', () => {
  it('give the same candles: those of the last `count` periods closed by the decided candle\'s close, a gap leaving fewer', async () => {
    const tables = await dynamo.freshTables();
    const store = new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 7 });
    await store.put('ETH/BTC', '1m', oneMinute, T0);
    await store.put('ETH/BTC', '5m', fiveMinute, T0);
    const symbols = [
      { symbol: 'ETH/BTC', timeframe: '1m' as const },
      { symbol: 'ETH/BTC', timeframe: '5m' as const },
      { symbol: 'LTC/BTC', timeframe: '5m' as const },
    ];
    const stored = new StoredTimeframeCandles(symbols, (symbol, timeframe, from, to) => store.window(symbol, timeframe, from, to));
    const replayed = new ReplayTimeframeCandles([
      { file: 'ETH_BTC-1m.json', symbol: 'ETH/BTC', timeframe: '1m', candles: oneMinute },
      { file: 'ETH_BTC-5m.json', symbol: 'ETH/BTC', timeframe: '5m', candles: fiveMinute },
    ]);
    expect(stored.timeframesOf('ETH/BTC')).toEqual(['1m', '5m']);
    expect(replayed.timeframesOf('ETH/BTC')).toEqual(['1m', '5m']);

    const both = async (closedBy: number, count: number) => {
      const fromStore = (await stored.closedBy('ETH/BTC', '5m', closedBy, count)).map((c) => c.close);
      expect(replayed.closedBy('ETH/BTC', '5m', closedBy, count).map((c) => c.close)).toEqual(fromStore);
      return fromStore;
    };
    // The 1m candle opened at 29 minutes closes at 30: the 5m candle of 25–30 has just closed with it.
    expect(await both(T0 + 30 * MINUTE, 4)).toEqual([502, 504, 505]); // 10, (15 missing), 20, 25
    // A minute earlier the 25–30 candle is still open: not carried.
    expect(await both(T0 + 29 * MINUTE, 4)).toEqual([502, 504]);
    expect(await both(T0 + 60 * MINUTE, 2)).toEqual([510, 511]);
    expect(await both(T0 + 3 * MINUTE, 4)).toEqual([]);
    expect(replayed.closedBy('LTC/BTC', '5m', T0 + 60 * MINUTE, 4)).toEqual([]);
    expect(await stored.closedBy('LTC/BTC', '5m', T0 + 60 * MINUTE, 4)).toEqual([]);
  });
});
