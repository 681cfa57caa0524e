import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LTC_MARKET, type GatewayHarness, candle, closeOf, startGateway } from './ccxtSimFixture.js';

describe('CcxtExchange on the Binance simulator: market data', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(() => h.stop());

  it('maps the market precision and limits that ccxt loads from exchangeInfo', async () => {
    // The simulator's NOTIONAL filter caps at the venue's usual 9000000 when the market names no maximum.
    expect(await h.gateway.market('LTC/BTC')).toEqual({ ...LTC_MARKET, maxCost: '9000000' });
  });

  it('returns closed candles only, with the values the venue holds', async () => {
    h.sim.advanceTo(closeOf(4) + 60_000);
    const candles = await h.gateway.fetchClosedCandles('LTC/BTC', '5m', candle(0).openTime, 100);
    expect(candles).toEqual([0, 1, 2, 3, 4].map(candle));
  });

  it('reads the last price and the quote around it', async () => {
    const last = await h.gateway.fetchLastPrice('LTC/BTC');
    expect(last).toBe(candle(5).open);
    const quote = await h.gateway.fetchQuote('LTC/BTC');
    expect(Number(quote.bid)).toBeLessThan(last);
    expect(Number(quote.ask)).toBeGreaterThan(last);
  });

  it('reads the balances as exact decimal strings', async () => {
    expect(await h.gateway.fetchBalances()).toMatchObject({ BTC: { free: '1', used: '0', total: '1' }, LTC: { free: '10', used: '0', total: '10' } });
  });
});
