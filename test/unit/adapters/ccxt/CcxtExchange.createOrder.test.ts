import { ExchangeNotAvailable, InsufficientFunds, InvalidOrder, RateLimitExceeded, RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { aHarness, anIntent } from './support.js';

const TIMEOUT = () => new RequestTimeout('binance POST https://api.binance.com/api/v3/order?signature=deadbeef request timed out (10000 ms)');

describe('Class: CcxtExchange', () => {
  describe('Method: createOrder', () => {
    it('sends the rounded order under our client order id and maps the acknowledgement', async () => {
      const { client, exchange } = aHarness();
      const outcome = await exchange.createOrder(anIntent({ amount: '0.56789', price: '0.0500099' }));
      expect(client.createCalls).toEqual([
        { symbol: 'ETH/BTC', type: 'limit', side: 'buy', amount: 0.5678, price: 0.05, params: { clientOrderId: 'bot1-abcdefghijklmn-e0' } },
      ]);
      expect(outcome).toEqual({
        kind: 'acknowledged',
        order: {
          clientOrderId: 'bot1-abcdefghijklmn-e0',
          exchangeOrderId: '1',
          symbol: 'ETH/BTC',
          side: 'buy',
          type: 'limit',
          status: 'open',
          amount: '0.5678',
          filled: '0',
          price: '0.05',
          timestamp: 1_700_000_000_000,
        },
      });
    });

    it('after a timeout finds the order by client order id and adopts it, sending nothing again', async () => {
      const { client, exchange, sleeps } = aHarness();
      client.createSteps = [{ placeThenFail: TIMEOUT() }];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome.kind).toBe('acknowledged');
      expect(client.createCalls).toHaveLength(1);
      expect(client.orders.size).toBe(1);
      expect(client.fetchOrderCalls).toEqual([{ id: '', params: { origClientOrderId: 'bot1-abcdefghijklmn-e0' } }]);
      expect(sleeps).toEqual([50]);
    });

    it('after a timeout that placed nothing, resends once under the same client order id', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ fail: TIMEOUT() }, 'place'];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome.kind).toBe('acknowledged');
      expect(client.createCalls.map((c) => c.params['clientOrderId'])).toEqual(['bot1-abcdefghijklmn-e0', 'bot1-abcdefghijklmn-e0']);
      expect(client.fetchOrderCalls).toHaveLength(1);
      expect(client.orders.size).toBe(1);
    });

    it('adopts the order when a re-send is refused because a late first request placed it', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ fail: TIMEOUT() }, { placeThenFail: new InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}') }];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: 'bot1-abcdefghijklmn-e0' } });
      expect(client.orders.size).toBe(1);
      expect(client.fetchOrderCalls).toHaveLength(2);
    });

    it('ends unknown when the lookup after a timeout fails too, and sends nothing more', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ fail: TIMEOUT() }];
      client.lookupFailures = [new ExchangeNotAvailable('binance 503 Service Unavailable')];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome).toEqual({
        kind: 'unknown',
        reason:
          'RequestTimeout: binance POST https://api.binance.com/api/v3/order?signature=[redacted] request timed out (10000 ms); then the lookup by client order id failed: ExchangeNotAvailable: binance 503 Service Unavailable',
      });
      expect(client.createCalls).toHaveLength(1);
    });

    it('keeps one order per client order id when every acknowledgement is lost', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ placeThenFail: TIMEOUT() }, { placeThenFail: TIMEOUT() }, { placeThenFail: TIMEOUT() }];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome.kind).toBe('acknowledged');
      expect(client.createCalls).toHaveLength(1);
      expect(client.orders.size).toBe(1);
    });

    it('ends unknown when the retries run out on network failures', async () => {
      const { client, exchange, sleeps } = aHarness();
      client.createSteps = [{ fail: TIMEOUT() }, { fail: TIMEOUT() }, { fail: TIMEOUT() }];
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome.kind).toBe('unknown');
      expect(outcome.kind === 'unknown' && outcome.reason).toMatch(/^retries exhausted after 3 attempts: RequestTimeout: /);
      expect(client.createCalls).toHaveLength(3);
      expect(client.fetchOrderCalls).toHaveLength(2);
      expect(sleeps).toEqual([50, 100]);
    });

    it('resends after a rate limit without a lookup: the venue refused the request unread', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ fail: new RateLimitExceeded('binance 429 Too Many Requests') }, 'place'];
      client.last_response_headers = { 'Retry-After': '1' };
      const outcome = await exchange.createOrder(anIntent());
      expect(outcome.kind).toBe('acknowledged');
      expect(client.fetchOrderCalls).toEqual([]);
    });

    it('honours Retry-After over the backoff', async () => {
      const { client, exchange, sleeps } = aHarness();
      client.createSteps = [{ fail: new RateLimitExceeded('429') }, 'place'];
      client.last_response_headers = { 'Retry-After': '0.7' };
      await exchange.createOrder(anIntent());
      expect(sleeps).toEqual([700]);
    });

    it('rejects at once on an answer retrying cannot change, naming the ccxt class', async () => {
      const { client, exchange, sleeps } = aHarness();
      client.createSteps = [{ fail: new InsufficientFunds('binance Account has insufficient balance for requested action.') }];
      expect(await exchange.createOrder(anIntent())).toEqual({
        kind: 'rejected',
        reason: 'InsufficientFunds: binance Account has insufficient balance for requested action.',
      });
      expect(client.createCalls).toHaveLength(1);
      expect(sleeps).toEqual([]);
      client.createSteps = [{ fail: new InvalidOrder('binance -2010') }];
      expect(await exchange.createOrder(anIntent())).toEqual({ kind: 'rejected', reason: 'InvalidOrder: binance -2010' });
    });

    it('ends unknown on an error that is not ccxt’s: the request may have left', async () => {
      const { client, exchange } = aHarness();
      client.createSteps = [{ fail: new TypeError('fetch failed') }];
      expect(await exchange.createOrder(anIntent())).toEqual({ kind: 'unknown', reason: 'TypeError: fetch failed' });
    });

    it('refuses an order below the minimum notional before sending, naming the values', async () => {
      const { client, exchange, lines } = aHarness();
      const outcome = await exchange.createOrder(anIntent({ amount: '0.0019', price: '0.05' }));
      expect(outcome).toEqual({ kind: 'rejected', reason: 'notional 0.000095 (amount 0.0019 × price 0.05) is below minCost 0.0001' });
      expect(client.createCalls).toEqual([]);
      expect(lines.some((l) => l.level === 'warn' && l.message === 'order refused before sending')).toBe(true);
    });

    it('refuses an amount below the minimum after rounding down to the step', async () => {
      const { client, exchange } = aHarness();
      expect(await exchange.createOrder(anIntent({ amount: '0.00009' }))).toEqual({
        kind: 'rejected',
        reason: 'amount 0 (from 0.00009, step 0.0001) is below minAmount 0.0001',
      });
      expect(client.createCalls).toEqual([]);
    });

    it('checks a market order without an expected price against the last price', async () => {
      const { client, exchange } = aHarness();
      client.ticker = { last: 0.01, close: 0.01, bid: 0.01, ask: 0.01 };
      const outcome = await exchange.createOrder(anIntent({ type: 'market', amount: '0.009', price: undefined }));
      expect(outcome).toEqual({ kind: 'rejected', reason: 'notional 0.00009 (amount 0.009 × price 0.01) is below minCost 0.0001' });
    });

    it('refuses a symbol the venue does not list', async () => {
      const { exchange } = aHarness();
      expect(await exchange.createOrder(anIntent({ symbol: 'DOGE/BTC' }))).toEqual({ kind: 'rejected', reason: 'binance has no market DOGE/BTC' });
    });
  });

  describe('Method: createOrder in a pause window', () => {
    it('sends nothing inside the window, and reads still work', async () => {
      const { client, exchange, clock } = aHarness({ pause: { windows: [{ from: '2024-01-02T11:00:00Z', to: '2024-01-02T13:00:00Z' }] } });
      expect(await exchange.createOrder(anIntent())).toEqual({
        kind: 'rejected',
        reason: 'exchange pause window 2024-01-02T11:00:00.000Z to 2024-01-02T13:00:00.000Z: no order is sent',
      });
      expect(client.createCalls).toEqual([]);
      expect(await exchange.fetchLastPrice('ETH/BTC')).toBe(0.05);
      clock.set(Date.UTC(2024, 0, 2, 13));
      expect((await exchange.createOrder(anIntent())).kind).toBe('acknowledged');
    });
  });
});
