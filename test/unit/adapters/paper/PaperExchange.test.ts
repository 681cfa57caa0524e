import { describe, expect, it } from 'vitest';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import type { Market } from '../../../../lib/domain/market.js';
import { aMarket } from '../../../support/marketFixture.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';

const market: Market = aMarket({ makerFeeRate: '0.0005' });

function candle(openTime: number, open: number, high: number, low: number, close: number): Candle {
  return { openTime, open, high, low, close, volume: 1 };
}

function intent(overrides: Partial<OrderIntent>): OrderIntent {
  return {
    clientOrderId: 'bt-abc-e0',
    botId: 'bt',
    planId: 'bt-plan',
    leg: 'entry',
    attempt: 0,
    symbol: 'ETH/BTC',
    side: 'buy',
    type: 'market',
    amount: '2',
    price: '0.1',
    createdAt: 0,
    ...overrides,
  };
}

describe('Class: PaperExchange', () => {
  describe('Method: createOrder', () => {
    it('fills a market buy at the next candle open plus slippage, rounded up to the tick, with the taker fee', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0.0005 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      const outcome = await exchange.createOrder(intent({}));
      expect(outcome.kind).toBe('acknowledged');
      expect(exchange.takeFills()).toEqual([]);

      exchange.onCandle('ETH/BTC', candle(60_000, 0.1001, 0.102, 0.1, 0.101));
      const [fill] = exchange.takeFills();
      // 0.1001 × 1.0005 = 0.10015005 → up to the tick 0.100151
      expect(fill?.price).toBe('0.100151');
      expect(fill?.cost).toBe('0.200302');
      expect(fill?.fee).toEqual({ cost: '0.000200302', currency: 'BTC' });
      const balances = exchange.fetchBalances();
      expect(balances.BTC).toEqual({ free: '0.799497698', used: '0', total: '0.799497698' });
      expect(balances.ETH?.total).toBe('2');
    });

    it('dates the fill of an order placed during a candle at the order, never before it, so a fetch of fills since the order finds it', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      // Decided 5 s after candle 0 closed: during candle 60 000, which then fills the order.
      await exchange.createOrder(intent({ createdAt: 65_000 }));
      exchange.onCandle('ETH/BTC', candle(60_000, 0.1001, 0.102, 0.1, 0.101));

      expect((await exchange.fetchFills('ETH/BTC', 65_000)).map((fill) => fill.timestamp)).toEqual([65_000]);
      // A fill on a later candle keeps that candle's time.
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', createdAt: 125_000 }));
      exchange.onCandle('ETH/BTC', candle(180_000, 0.1, 0.1, 0.1, 0.1));
      expect((await exchange.fetchFills('ETH/BTC', 125_000)).map((fill) => fill.timestamp)).toEqual([180_000]);
    });

    it('fills a stop at once when the closed candle already crossed it, less slippage, rounded down', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '0', ETH: '2' }, slippagePct: 0.001 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.095, 0.097));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.096', price: '0.096' }));
      const [fill] = exchange.takeFills();
      // 0.096 × 0.999 = 0.095904, already on the tick
      expect(fill?.price).toBe('0.095904');
      expect(fill?.fee.cost).toBe('0.000191808');
    });

    it('fills a stop at the open when the candle gaps through it', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '0', ETH: '2' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.099, 0.099));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.098' }));
      expect(exchange.takeFills()).toEqual([]);
      exchange.onCandle('ETH/BTC', candle(60_000, 0.09, 0.091, 0.089, 0.09));
      expect(exchange.takeFills()[0]?.price).toBe('0.09');
    });

    it('fills a limit sell at its price with the maker fee', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '2' }, slippagePct: 0.001 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1105, 0.1, 0.11));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', type: 'limit', price: '0.11' }));
      const [fill] = exchange.takeFills();
      expect(fill?.price).toBe('0.11');
      expect(fill?.fee.cost).toBe('0.00011');
    });

    it('rejects a buy the free balance cannot pay for, and reserves nothing', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '0.2' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      const outcome = await exchange.createOrder(intent({}));
      expect(outcome).toEqual({ kind: 'rejected', reason: 'insufficient BTC: needs 0.2002, 0.2 free' });
      expect(exchange.fetchBalances().BTC?.used).toBe('0');
    });

    it('rejects a second open order under the same client order id', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      await exchange.createOrder(intent({}));
      expect(await exchange.createOrder(intent({}))).toEqual({ kind: 'rejected', reason: 'duplicate client order id' });
    });
  });

  describe('Method: cancelOrder', () => {
    it('releases what a resting order reserved', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '2' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.09' }));
      expect(exchange.fetchBalances().ETH?.used).toBe('2');
      await exchange.cancelOrder('ETH/BTC', 'bt-abc-s0');
      expect(exchange.fetchBalances().ETH).toEqual({ free: '2', used: '0', total: '2' });
      expect((await exchange.fetchOrderByClientId('ETH/BTC', 'bt-abc-s0'))?.status).toBe('canceled');
    });
  });
});
