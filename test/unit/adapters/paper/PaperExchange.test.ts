import { describe, expect, it } from 'vitest';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { priceAt } from '../../../../lib/domain/candlePrice.js';
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

/** Candles of one minute from 0: what the backtest's venue prices orders by. */
function tape(candles: readonly Candle[]): (symbol: string, time: number) => number | undefined {
  return (_symbol, time) => priceAt(candles, 60_000, time);
}

describe('Class: PaperExchange', () => {
  describe('Method: createOrder, with the price when placed (the backtest)', () => {
    const candles = [candle(0, 0.1, 0.1, 0.1, 0.1), candle(60_000, 0.1001, 0.102, 0.1, 0.101)];

    it('fills a market buy when placed at the price then plus slippage, up to the tick, the taker fee charged in the base asset', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0.0005, priceAt: tape(candles) });
      // Decided 5 s after candle 0 closed: during candle 60 000, which opened at 0.1001.
      const outcome = await exchange.createOrder(intent({ createdAt: 65_000 }));
      expect(outcome).toMatchObject({ kind: 'acknowledged', order: { status: 'closed', filled: '2', average: '0.100151' } });
      const [fill] = exchange.takeFills();
      // 0.1001 × 1.0005 = 0.10015005 → up to the tick 0.100151; 2 ETH cost 0.200302 BTC; the fee is 0.002 ETH.
      expect(fill).toMatchObject({ price: '0.100151', amount: '2', cost: '0.200302', fee: { cost: '0.002', currency: 'ETH' }, timestamp: 65_000 });
      expect(exchange.fetchBalances()).toEqual({ BTC: { free: '0.799698', used: '0', total: '0.799698' }, ETH: { free: '1.998', used: '0', total: '1.998' } });
    });

    it('prices a market order placed in a gap at the close before it, as the venue does', async () => {
      const gapped = [candle(0, 0.1, 0.1, 0.1, 0.099), candle(180_000, 0.12, 0.12, 0.12, 0.12)];
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0, priceAt: tape(gapped) });
      await exchange.createOrder(intent({ createdAt: 65_000 }));
      expect(exchange.takeFills()[0]).toMatchObject({ price: '0.099', cost: '0.198' });
    });

    it('sells at market, the fee charged in the quote, the quote amount to 8 places down and the fee half-even', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '1.2345' }, slippagePct: 0.0005, priceAt: tape(candles) });
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', amount: '1.2345', createdAt: 65_000 }));
      // 0.1001 × 0.9995 = 0.10004995, down to the tick 0.100049; 1.2345 floored to the step is 1.234:
      // 1.234 × 0.100049 = 0.123460466 → 0.12346046; fee 0.00012346046 → 0.00012346.
      expect(exchange.takeFills()[0]).toMatchObject({ price: '0.100049', amount: '1.234', cost: '0.12346046', fee: { cost: '0.00012346', currency: 'BTC' } });
      expect(exchange.fetchBalances()).toEqual({ ETH: { free: '0.0005', used: '0', total: '0.0005' }, BTC: { free: '0.123337', used: '0', total: '0.123337' } });
    });

    it('floors the amount to the market step and refuses one under the market minimum', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '2' }, slippagePct: 0, priceAt: tape(candles) });
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', amount: '1.9989', createdAt: 65_000 }));
      expect(exchange.takeFills()[0]?.amount).toBe('1.998');
      expect(await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x1', side: 'sell', amount: '0.0009', createdAt: 65_000 }))).toEqual({
        kind: 'rejected',
        reason: "amount 0 (from 0.0009) is below the market's minimum 0.001",
      });
    });

    it('refuses a stop the market already went through, as the venue does', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '2' }, slippagePct: 0, priceAt: tape(candles) });
      const outcome = await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.1005', createdAt: 65_000 }));
      expect(outcome).toEqual({ kind: 'rejected', reason: 'stop price would trigger immediately' });
      expect(exchange.fetchBalances().ETH?.used).toBe('0');
    });

    it('rests a stop as a stop-limit, which only a candle opened after it triggers: at the bid within its limit, or, gapped past it, at the limit once the price comes back', async () => {
      const falling = [...candles, candle(120_000, 0.1, 0.1, 0.097, 0.098), candle(180_000, 0.09, 0.091, 0.089, 0.09), candle(240_000, 0.091, 0.095, 0.09, 0.094)];
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '4' }, slippagePct: 0.001, priceAt: tape(falling) });
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.1', amount: '2', createdAt: 65_000 }));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s1', side: 'sell', type: 'stop_market', stopPrice: '0.095', amount: '2', createdAt: 65_000 }));
      // Candle 60 000 traded down to 0.1 but opened before the stops were placed.
      exchange.onCandle('ETH/BTC', falling[1]!);
      expect(exchange.takeFills()).toEqual([]);
      exchange.onCandle('ETH/BTC', falling[2]!);
      // 0.1 × 0.999 = 0.0999, a taker's fee in the quote.
      expect(exchange.takeFills()).toMatchObject([{ clientOrderId: 'bt-abc-s0', price: '0.0999', cost: '0.1998', fee: { cost: '0.0001998', currency: 'BTC' }, timestamp: 120_000 }]);
      exchange.onCandle('ETH/BTC', falling[3]!);
      // Opened at 0.09, past the stop 0.095 and its limit 0.095 × 0.995 = 0.094525 (on the tick): the bid 0.08991 is below the limit, which now rests.
      expect(exchange.takeFills()).toEqual([]);
      expect((await exchange.fetchOrderByClientId('ETH/BTC', 'bt-abc-s1'))?.status).toBe('open');
      exchange.onCandle('ETH/BTC', falling[4]!);
      // The high 0.095 reaches the limit: it fills there, as a maker, dated at the candle's open.
      expect(exchange.takeFills()).toMatchObject([{ clientOrderId: 'bt-abc-s1', price: '0.094525', amount: '2', timestamp: 240_000 }]);
    });

    it('fills a marketable limit at once as a taker, and a resting one at its own price as a maker', async () => {
      const rising = [...candles, candle(120_000, 0.1015, 0.1105, 0.101, 0.11)];
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '4' }, slippagePct: 0, priceAt: tape(rising) });
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', type: 'limit', price: '0.1', amount: '2', createdAt: 65_000 }));
      expect(exchange.takeFills()).toMatchObject([{ price: '0.1001', fee: { cost: '0.0002002' } }]);
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-x1', side: 'sell', type: 'limit', price: '0.11', amount: '2', createdAt: 65_000 }));
      exchange.onCandle('ETH/BTC', rising[1]!);
      exchange.onCandle('ETH/BTC', rising[2]!);
      // The maker rate of this market is 0.0005.
      expect(exchange.takeFills()).toMatchObject([{ clientOrderId: 'bt-abc-x1', price: '0.11', cost: '0.22', fee: { cost: '0.00011', currency: 'BTC' } }]);
    });

    it('refuses a buy the free balance cannot pay for, and reserves nothing', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '0.2' }, slippagePct: 0, priceAt: tape(candles) });
      const outcome = await exchange.createOrder(intent({ createdAt: 65_000 }));
      expect(outcome).toEqual({ kind: 'rejected', reason: 'insufficient BTC: needs 0.2002, 0.2 free' });
      expect(exchange.fetchBalances().BTC?.used).toBe('0');
    });
  });

  describe('Method: createOrder, seeing closed candles only (the deployed paper venue)', () => {
    it('fills a market buy at the next candle open plus slippage, dated at the order', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0.0005 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      const outcome = await exchange.createOrder(intent({ createdAt: 65_000 }));
      expect(outcome.kind).toBe('acknowledged');
      expect(exchange.takeFills()).toEqual([]);
      exchange.onCandle('ETH/BTC', candle(60_000, 0.1001, 0.102, 0.1, 0.101));
      expect(exchange.takeFills()).toMatchObject([{ price: '0.100151', cost: '0.200302', fee: { cost: '0.002', currency: 'ETH' }, timestamp: 65_000 }]);
      expect((await exchange.fetchFills('ETH/BTC', 65_000)).length).toBe(1);
    });

    it('rejects a second open order under the same client order id', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { BTC: '1' }, slippagePct: 0 });
      exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
      await exchange.createOrder(intent({}));
      expect(await exchange.createOrder(intent({}))).toEqual({ kind: 'rejected', reason: 'duplicate client order id' });
    });
  });

  describe('Method: quietBand (replay only: the candles that leave every resting order as it is)', () => {
    const start = [candle(0, 0.1, 0.1, 0.1, 0.1), candle(60_000, 0.102, 0.103, 0.101, 0.102)];

    it('is the whole range with nothing resting, and above the highest sell stop with stops resting: a low inside leaves them, a low on the edge triggers', async () => {
      const exchange = new PaperExchange({ markets: [market], balances: { ETH: '4' }, slippagePct: 0.001, priceAt: tape(start) });
      expect(exchange.quietBand('ETH/BTC')).toEqual({ lowAbove: Number.NEGATIVE_INFINITY, highBelow: Number.POSITIVE_INFINITY });
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.1', amount: '2', createdAt: 65_000 }));
      await exchange.createOrder(intent({ clientOrderId: 'bt-abc-s1', side: 'sell', type: 'stop_market', stopPrice: '0.095', amount: '2', createdAt: 65_000 }));
      expect(exchange.quietBand('ETH/BTC')).toEqual({ lowAbove: 0.1, highBelow: Number.POSITIVE_INFINITY });
      exchange.onCandle('ETH/BTC', candle(120_000, 0.102, 0.104, 0.10000001, 0.101));
      expect(exchange.takeFills()).toEqual([]);
      exchange.onCandle('ETH/BTC', candle(180_000, 0.101, 0.101, 0.1, 0.1));
      expect(exchange.takeFills()).toMatchObject([{ clientOrderId: 'bt-abc-s0' }]);
      expect(exchange.quietBand('ETH/BTC')).toEqual({ lowAbove: 0.095, highBelow: Number.POSITIVE_INFINITY });
    });

    it('is undefined while a limit rests or a stop gapped past its limit is working: either may fill on any candle', async () => {
      const limits = new PaperExchange({ markets: [market], balances: { ETH: '4' }, slippagePct: 0, priceAt: tape(start) });
      await limits.createOrder(intent({ clientOrderId: 'bt-abc-x0', side: 'sell', type: 'limit', price: '0.11', amount: '2', createdAt: 65_000 }));
      expect(limits.quietBand('ETH/BTC')).toBeUndefined();

      const stops = new PaperExchange({ markets: [market], balances: { ETH: '4' }, slippagePct: 0.001, priceAt: tape(start) });
      await stops.createOrder(intent({ clientOrderId: 'bt-abc-s0', side: 'sell', type: 'stop_market', stopPrice: '0.1', amount: '2', createdAt: 65_000 }));
      stops.onCandle('ETH/BTC', candle(120_000, 0.09, 0.091, 0.089, 0.09));
      expect(stops.takeFills()).toEqual([]);
      expect(stops.quietBand('ETH/BTC')).toBeUndefined();
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
