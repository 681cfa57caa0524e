import { RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ExchangeCallError, ExchangeOrderNotFoundError, UnknownMarketError } from '../../../../lib/domain/errors.js';
import { FakeCcxtClient } from './FakeCcxtClient.js';
import { NOW, aHarness, anIntent } from './support.js';

describe('Class: CcxtExchange', () => {
  describe('Method: market', () => {
    it('loads the markets once, sharing one load among concurrent callers', async () => {
      const { client, exchange } = aHarness();
      const [a, b] = await Promise.all([exchange.market('ETH/BTC'), exchange.market('ETH/BTC')]);
      await exchange.market('ETH/BTC');
      expect(client.loadMarketsCalls).toBe(1);
      expect(a).toEqual(b);
      expect(a).toMatchObject({ amountStep: '0.0001', priceStep: '0.00001', minCost: '0.0001' });
    });

    it('tries the load again after it failed', async () => {
      const client = new FakeCcxtClient();
      const { exchange } = aHarness({ retry: { maxAttempts: 1 } }, client);
      const load = client.loadMarkets.bind(client);
      let calls = 0;
      client.loadMarkets = () => (++calls === 1 ? Promise.reject(new RequestTimeout('slow')) : load());
      await expect(exchange.market('ETH/BTC')).rejects.toBeInstanceOf(ExchangeCallError);
      await expect(exchange.market('ETH/BTC')).resolves.toMatchObject({ symbol: 'ETH/BTC' });
    });

    it('names a market the venue does not list', async () => {
      const { exchange } = aHarness();
      await expect(exchange.market('DOGE/BTC')).rejects.toBeInstanceOf(UnknownMarketError);
    });
  });

  describe('Method: fetchClosedCandles', () => {
    it('returns only closed candles', async () => {
      const { client, exchange } = aHarness();
      client.ohlcv = [
        [NOW - 120_000, 1, 1, 1, 1, 1],
        [NOW - 60_000, 1, 1, 1, 1, 1],
        [NOW, 1, 1, 1, 1, 1],
      ];
      expect((await exchange.fetchClosedCandles('ETH/BTC', '1m')).map((c) => c.openTime)).toEqual([NOW - 120_000, NOW - 60_000]);
    });
  });

  describe('Method: fetchBalances', () => {
    it('returns decimal strings per asset', async () => {
      const { client, exchange } = aHarness();
      client.balance = { info: {}, BTC: { free: 0.1, used: 0.2, total: 0.3 }, ETH: { free: 1e-8, used: 0, total: 1e-8 }, free: { BTC: 0.1 } };
      expect(await exchange.fetchBalances()).toEqual({
        BTC: { free: '0.1', used: '0.2', total: '0.3' },
        ETH: { free: '0.00000001', used: '0', total: '0.00000001' },
      });
    });
  });

  describe('Method: read errors', () => {
    it('retries a read, then throws a named error with the credentials scrubbed', async () => {
      const { client, exchange, sleeps } = aHarness();
      client.fetchTicker = () => Promise.reject(new RequestTimeout('binance GET /ticker?apiKey=my-api-key&signature=abc123 timed out'));
      const error = await exchange.fetchLastPrice('ETH/BTC').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExchangeCallError);
      expect((error as Error).message).toBe('fetchTicker failed: RequestTimeout: binance GET /ticker?apiKey=[redacted]&signature=[redacted] timed out');
      expect(sleeps).toHaveLength(2);
    });
  });

  describe('Method: fetchOrderByClientId', () => {
    it('returns undefined only when the venue says it has no such order', async () => {
      const { client, exchange } = aHarness();
      expect(await exchange.fetchOrderByClientId('ETH/BTC', 'nope')).toBeUndefined();
      client.lookupFailures = [new RequestTimeout('1'), new RequestTimeout('2'), new RequestTimeout('3')];
      await expect(exchange.fetchOrderByClientId('ETH/BTC', 'nope')).rejects.toBeInstanceOf(ExchangeCallError);
    });

    it('scans open and closed orders where the venue has no direct query', async () => {
      const { client, exchange } = aHarness({ clientOrderLookup: 'scanOrders' });
      await exchange.createOrder(anIntent());
      expect(await exchange.fetchOrderByClientId('ETH/BTC', 'bot1-abcdefghijklmn-e0')).toMatchObject({ exchangeOrderId: '1', status: 'open' });
      expect(client.fetchOrderCalls).toEqual([]);
    });
  });

  describe('Method: cancelOrder', () => {
    it('cancels by the exchange id it looks up, and leaves a closed order alone', async () => {
      const { client, exchange } = aHarness();
      await exchange.createOrder(anIntent());
      await exchange.cancelOrder('ETH/BTC', 'bot1-abcdefghijklmn-e0');
      expect(client.orders.get('bot1-abcdefghijklmn-e0')?.status).toBe('canceled');
      await expect(exchange.cancelOrder('ETH/BTC', 'bot1-abcdefghijklmn-e0')).resolves.toBeUndefined();
      await expect(exchange.cancelOrder('ETH/BTC', 'other')).rejects.toBeInstanceOf(ExchangeOrderNotFoundError);
    });
  });

  describe('Method: fetchFills', () => {
    it('maps own trades to fills with exact cost, naming the client order id', async () => {
      const { client, exchange } = aHarness();
      const placed = await exchange.createOrder(anIntent());
      expect(placed.kind).toBe('acknowledged');
      client.orders.set('someone-else', { ...client.orders.get('bot1-abcdefghijklmn-e0')!, id: '77', clientOrderId: 'someone-else' });
      client.trades = [
        { id: 't1', order: '1', timestamp: NOW, symbol: 'ETH/BTC', side: 'buy', price: 0.1, amount: 0.3, fee: { cost: 0.0003, currency: 'ETH' } },
        { id: 't2', order: '77', timestamp: NOW + 1, symbol: 'ETH/BTC', side: 'sell', price: 0.05001, amount: 0.7, fee: undefined },
        { id: 't0', order: '1', timestamp: NOW - 5, symbol: 'ETH/BTC', side: 'buy', price: 0.1, amount: 0.1, fee: undefined },
      ];
      expect(await exchange.fetchFills('ETH/BTC', NOW)).toEqual([
        { id: 't1', clientOrderId: 'bot1-abcdefghijklmn-e0', exchangeOrderId: '1', symbol: 'ETH/BTC', side: 'buy', price: '0.1', amount: '0.3', cost: '0.03', fee: { cost: '0.0003', currency: 'ETH' }, timestamp: NOW },
        { id: 't2', clientOrderId: 'someone-else', exchangeOrderId: '77', symbol: 'ETH/BTC', side: 'sell', price: '0.05001', amount: '0.7', cost: '0.035007', fee: { cost: '0', currency: 'BTC' }, timestamp: NOW + 1 },
      ]);
    });

    it('reads fills older than a day a day at a time, each request at most 24 hours from its startTime to its until, and finds every one', async () => {
      const { client, exchange } = aHarness();
      await exchange.createOrder(anIntent());
      const day = 24 * 60 * 60_000;
      const since = NOW - 3 * day - 5_000;
      client.trades = [0, 1, 2, 3].map((d) => ({ id: `t${d}`, order: '1', timestamp: since + d * day + 1_000, symbol: 'ETH/BTC', side: 'buy', price: 0.1, amount: 0.1, fee: undefined }));

      const fills = await exchange.fetchFills('ETH/BTC', since);

      expect(fills.map((f) => f.id)).toEqual(['t0', 't1', 't2', 't3']);
      // Four windows reach NOW (and a minute past it for a venue clock ahead of ours); each starts where the last ended.
      expect(client.tradeQueries).toEqual([0, 1, 2, 3].map((d) => ({ since: since + d * day, until: since + (d + 1) * day - 1 })));
    });

    it('reads the last day in one request', async () => {
      const { client, exchange } = aHarness();
      await exchange.fetchFills('ETH/BTC', NOW - 60_000);
      expect(client.tradeQueries).toEqual([{ since: NOW - 60_000, until: NOW - 60_000 + 24 * 60 * 60_000 - 1 }]);
    });

    it('refuses to read fills from more than 400 days back (a time of 0 is a wrong since, not a plan), before asking the venue', async () => {
      const { client, exchange } = aHarness();
      await expect(exchange.fetchFills('ETH/BTC', 0)).rejects.toThrow('more than 400 days back');
      expect(client.tradeQueries).toEqual([]);
    });

    it("records the venue's cost (Binance's quoteQty, to 8 places) when it reports one, not the longer price × amount", async () => {
      const { client, exchange } = aHarness();
      await exchange.createOrder(anIntent());
      // 0.088800012 × 3.35651 = 0.29805739... exactly; the venue moved 0.29805738 BTC.
      client.trades = [{ id: 't1', order: '1', timestamp: NOW, symbol: 'ETH/BTC', side: 'buy', price: 0.088800012, amount: 3.35651, cost: 0.29805738, fee: { cost: 0.00335651, currency: 'ETH' } }];

      const [fill] = await exchange.fetchFills('ETH/BTC', NOW);

      expect(fill).toMatchObject({ price: '0.088800012', amount: '3.35651', cost: '0.29805738' });
    });
  });
});
