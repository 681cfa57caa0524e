import { AuthenticationError, BadRequest, InsufficientFunds, InvalidOrder, OrderImmediatelyFillable, OrderNotFound } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCcxtBinance } from '../../../../lib/local/exchange-sim/index.js';
import { type SimHarness, idOf, startLtcSimulator } from './simFixture.js';

describe('Exchange simulator: the venue rejections ccxt sees', () => {
  let harness: SimHarness;
  beforeAll(async () => {
    harness = await startLtcSimulator();
  });
  afterAll(() => harness.stop());

  it('rejects a client order id that an open order carries with -2010 Duplicate order sent. (InvalidOrder), and allows it once that order is closed', async () => {
    const first = await harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015, { clientOrderId: 'dup-1' });
    const again = harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015, { clientOrderId: 'dup-1' });
    await expect(again).rejects.toThrow(InvalidOrder);
    await expect(again).rejects.toThrow('Duplicate order sent.');
    await harness.exchange.cancelOrder(idOf(first), 'LTC/BTC');
    const reused = await harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015, { clientOrderId: 'dup-1' });
    await harness.exchange.cancelOrder(idOf(reused), 'LTC/BTC');
  });

  it('rejects an order the free balance cannot pay for with InsufficientFunds and changes nothing', async () => {
    const before = { balances: harness.sim.balances(), orders: harness.sim.orders().length };
    await expect(harness.exchange.createOrder('LTC/BTC', 'market', 'buy', 100)).rejects.toThrow(InsufficientFunds);
    await expect(harness.exchange.createOrder('LTC/BTC', 'limit', 'sell', 10.001, 0.02)).rejects.toThrow(InsufficientFunds);
    expect({ balances: harness.sim.balances(), orders: harness.sim.orders().length }).toEqual(before);
  });

  it('answers the LOT_SIZE and PRICE_FILTER failures as InvalidOrder', async () => {
    await expect(harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.005, 0.017)).rejects.toThrow('Filter failure: LOT_SIZE');
    await expect(harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.005, 0.017)).rejects.toThrow(InvalidOrder);
    const aboveMaxPrice = { symbol: 'LTCBTC', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '1001' };
    await expect(harness.exchange.privatePostOrder(aboveMaxPrice)).rejects.toThrow('Filter failure: PRICE_FILTER');
    await expect(harness.exchange.privatePostOrder(aboveMaxPrice)).rejects.toThrow(InvalidOrder);
  });

  it('answers the NOTIONAL failure with -1013, which ccxt maps to BadRequest as it does for the real venue', async () => {
    const tooSmall = harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.01, 0.005);
    await expect(tooSmall).rejects.toThrow(BadRequest);
    await expect(tooSmall).rejects.toThrow('Filter failure: NOTIONAL');
  });

  it('refuses a stop-loss-limit whose stop the price has already crossed', async () => {
    await expect(harness.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0169, { stopPrice: 0.0175 })).rejects.toThrow(OrderImmediatelyFillable);
  });

  it('answers an unknown order with OrderNotFound, for a query and for a cancel', async () => {
    await expect(harness.exchange.fetchOrder('999', 'LTC/BTC')).rejects.toThrow(OrderNotFound);
    await expect(harness.exchange.fetchOrder('', 'LTC/BTC', { origClientOrderId: 'never-sent' })).rejects.toThrow(OrderNotFound);
    await expect(harness.exchange.cancelOrder('999', 'LTC/BTC')).rejects.toThrow(OrderNotFound);
  });

  it('answers a wrong secret, a wrong key and a malformed key with AuthenticationError', async () => {
    const endpoint = { url: harness.sim.url, apiKey: harness.sim.apiKey };
    await expect(connectCcxtBinance({ ...endpoint, secret: 'not-the-secret' }).fetchBalance()).rejects.toThrow(AuthenticationError);
    await expect(connectCcxtBinance({ ...endpoint, secret: harness.sim.secret, apiKey: 'A'.repeat(64) }).fetchBalance()).rejects.toThrow(AuthenticationError);
    await expect(connectCcxtBinance({ ...endpoint, secret: harness.sim.secret, apiKey: 'bad key!' }).fetchBalance()).rejects.toThrow(AuthenticationError);
  });
});

describe('Exchange simulator: client order ids unique for ever', () => {
  it('rejects a reused client order id even after its order closed when configured so', async () => {
    const harness = await startLtcSimulator({ clientOrderIdUniqueness: 'all' });
    try {
      await harness.exchange.createOrder('LTC/BTC', 'market', 'buy', 1, undefined, { clientOrderId: 'once' });
      await expect(harness.exchange.createOrder('LTC/BTC', 'market', 'buy', 1, undefined, { clientOrderId: 'once' })).rejects.toThrow(InvalidOrder);
    } finally {
      await harness.stop();
    }
  });
});
