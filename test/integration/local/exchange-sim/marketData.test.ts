import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../../../lib/domain/decimal.js';
import { ceilToStep, floorToStep } from '../../../../lib/domain/precision.js';
import { connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { readSharedCandles } from '../../../support/sharedCandles.js';
import { FIVE_MINUTES, type SimHarness, candle, closeOf, startLtcSimulator } from './simFixture.js';

describe('Exchange simulator: market data through ccxt', () => {
  let harness: SimHarness;
  beforeAll(async () => {
    harness = await startLtcSimulator();
  });
  afterAll(() => harness.stop());

  it('gives ccxt the market precision and limits of the configured market', () => {
    const market = harness.exchange.market('LTC/BTC');
    expect(market.id).toBe('LTCBTC');
    expect(market.spot).toBe(true);
    expect(market.active).toBe(true);
    expect(market.precision).toMatchObject({ amount: 0.001, price: 0.00000001 });
    expect(market.limits.amount).toEqual({ min: 0.01, max: 100000 });
    expect(market.limits.cost?.min).toBe(0.0001);
    expect(market.limits.price?.min).toBe(0.00000001);
    expect(harness.exchange.amountToPrecision('LTC/BTC', 1.23456)).toBe('1.234');
  });

  it('starts at the close of the first candle and reports it as server time', async () => {
    expect(harness.sim.now()).toBe(closeOf(0));
    expect(await harness.exchange.fetchTime()).toBe(closeOf(0));
  });

  it('returns only candles opened by the clock, the forming one showing nothing but its open', async () => {
    harness.sim.advanceTo(closeOf(4) + 60_000);
    const rows = await harness.exchange.fetchOHLCV('LTC/BTC', '5m', candle(0).openTime, 100);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5].map((i) => candle(i).openTime));
    const c3 = candle(3);
    expect(rows[3]).toEqual([c3.openTime, c3.open, c3.high, c3.low, c3.close, c3.volume]);
    const forming = candle(5);
    expect(rows[5]).toEqual([forming.openTime, forming.open, forming.open, forming.open, forming.open, 0]);
  });

  it('pages klines like the venue: the newest `limit` without since, the first `limit` from since', async () => {
    const newest = await harness.exchange.fetchOHLCV('LTC/BTC', '5m', undefined, 2);
    expect(newest.map((r) => r[0])).toEqual([candle(4).openTime, candle(5).openTime]);
    const fromSince = await harness.exchange.fetchOHLCV('LTC/BTC', '5m', candle(1).openTime, 2);
    expect(fromSince.map((r) => r[0])).toEqual([candle(1).openTime, candle(2).openTime]);
  });

  it('quotes the open of the forming candle as last price, the spread around it as bid and ask', async () => {
    const ticker = await harness.exchange.fetchTicker('LTC/BTC');
    const price = dec(candle(5).open);
    expect(ticker.last).toBe(candle(5).open);
    expect(dec(ticker.bid!).eq(floorToStep(price.times('0.999'), '0.00000001'))).toBe(true);
    expect(dec(ticker.ask!).eq(ceilToStep(price.times('1.001'), '0.00000001'))).toBe(true);
  });
});

describe('Exchange simulator: gaps in the data', () => {
  it('keeps a real gap of DASH/BTC as a gap in fetchOHLCV', async () => {
    const all = readSharedCandles('DASH_BTC-5m.json');
    const gapAt = all.findIndex((c, i) => i > 0 && c.openTime - all[i - 1]!.openTime > FIVE_MINUTES);
    const slice = all.slice(gapAt - 3, gapAt + 3);
    const sim = await startExchangeSimulator({ series: [{ symbol: 'DASH/BTC', timeframe: '5m', candles: slice }], balances: { BTC: '1' } });
    try {
      sim.advanceTo(slice.at(-1)!.openTime + FIVE_MINUTES);
      const exchange = connectCcxtBinance(sim);
      const rows = await exchange.fetchOHLCV('DASH/BTC', '5m', slice[0]!.openTime, 100);
      expect(rows.map((r) => r[0])).toEqual(slice.map((c) => c.openTime));
      expect(rows[3]![0]! - rows[2]![0]!).toBe(2 * FIVE_MINUTES);
    } finally {
      await sim.stop();
    }
  });
});
