import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../../../lib/domain/decimal.js';
import { type SimHarness, idOf, closeOf, startLtcSimulator } from './simFixture.js';

/** Decimal equality of whatever ccxt returns (numbers or strings) with the exact expected string. */
function exactly(value: unknown, expected: string): void {
  expect(dec(String(value)).eq(expected), `${String(value)} should be ${expected}`).toBe(true);
}

describe('Exchange simulator: orders through ccxt', () => {
  let harness: SimHarness;
  beforeAll(async () => {
    harness = await startLtcSimulator();
  });
  afterAll(() => harness.stop());

  it('reports the starting balances exactly', async () => {
    const balance = await harness.exchange.fetchBalance();
    exactly(balance['BTC']?.free, '1');
    exactly(balance['LTC']?.free, '10');
    exactly(balance['LTC']?.used, '0');
  });

  it('fills a market buy at the ask, charges the taker fee in LTC and moves the balances exactly', async () => {
    // price = open of candle 1 = 0.01698499; ask = ceil(price × 1.001) = 0.01700198
    const order = await harness.exchange.createOrder('LTC/BTC', 'market', 'buy', 2, undefined, { clientOrderId: 'mkt-buy-1' });
    expect(order.status).toBe('closed');
    expect(order.clientOrderId).toBe('mkt-buy-1');
    exactly(order.filled, '2');
    exactly(order.average, '0.01700198');
    exactly(order.cost, '0.03400396');
    expect(order.fee?.currency).toBe('LTC');
    exactly(order.fee?.cost, '0.002');
    expect(harness.sim.balances()).toEqual({ BTC: { free: '0.96599604', locked: '0' }, LTC: { free: '11.998', locked: '0' } });
    const balance = await harness.exchange.fetchBalance();
    exactly(balance['BTC']?.free, '0.96599604');
    exactly(balance['LTC']?.free, '11.998');
  });

  it('rests a limit buy with its cost locked, then fills it at its price as a maker when a later candle reaches it', async () => {
    harness.sim.advanceTo(closeOf(2));
    const order = await harness.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.01701001, { clientOrderId: 'lim-buy-1' });
    expect(order.status).toBe('open');
    expect(harness.sim.balances()['BTC']).toEqual({ free: '0.94898603', locked: '0.01701001' });

    harness.sim.advanceTo(closeOf(6)); // lows of candles 3-6 stay above 0.01701001
    expect((await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC')).status).toBe('open');

    harness.sim.advanceTo(closeOf(7)); // candle 7's low is 0.01701001
    const filled = await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC');
    expect(filled.status).toBe('closed');
    exactly(filled.filled, '1');
    exactly(filled.average, '0.01701001');
    expect(harness.sim.balances()).toEqual({ BTC: { free: '0.94898603', locked: '0' }, LTC: { free: '12.99725', locked: '0' } });
    const [trade] = await harness.exchange.fetchMyTrades('LTC/BTC', undefined, undefined, { orderId: idOf(order) });
    expect(trade?.takerOrMaker).toBe('maker');
    exactly(trade?.fee?.cost, '0.00075');
    expect(trade?.timestamp).toBe(closeOf(6)); // dated at candle 7's open, as the paper venue dates it
  });

  it('triggers a stop-loss-limit sell when a candle crosses its stop; the bid at its trigger is past its limit, so it works as a limit and fills there as a maker', async () => {
    const order = await harness.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.01708, { stopPrice: 0.01709, clientOrderId: 'stop-1' });
    expect(order.status).toBe('open');
    expect(harness.sim.orders().find((o) => o.clientOrderId === 'stop-1')).toMatchObject({ type: 'STOP_LOSS_LIMIT', isWorking: false, stopPrice: '0.01709' });
    expect(harness.sim.balances()['LTC']).toEqual({ free: '11.99725', locked: '1' });

    harness.sim.advanceTo(closeOf(8)); // candle 8's low is 0.0171: not crossed
    expect((await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC')).status).toBe('open');
    harness.sim.advanceTo(closeOf(9)); // candle 9's low is 0.017015
    const filled = await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC');
    expect(filled.status).toBe('closed');
    exactly(filled.average, '0.01708');
    // 0.01708 BTC less the maker fee 0.00001281 BTC
    expect(harness.sim.balances()).toEqual({ BTC: { free: '0.96605322', locked: '0' }, LTC: { free: '11.99725', locked: '0' } });
  });

  it('finds an order by id and by client order id, lists it open, cancels it and frees its lock', async () => {
    const placed = await harness.exchange.createOrder('LTC/BTC', 'limit', 'sell', 2.5, 0.0175, { clientOrderId: 'rest-sell-1' });
    const byId = await harness.exchange.fetchOrder(idOf(placed), 'LTC/BTC');
    const byClientId = await harness.exchange.fetchOrder('', 'LTC/BTC', { origClientOrderId: 'rest-sell-1' });
    expect(byId.id).toBe(placed.id);
    expect(byClientId.id).toBe(placed.id);
    expect(byClientId.clientOrderId).toBe('rest-sell-1');
    expect((await harness.exchange.fetchOpenOrders('LTC/BTC')).map((o) => o.clientOrderId)).toEqual(['rest-sell-1']);
    expect(harness.sim.balances()['LTC']).toEqual({ free: '9.49725', locked: '2.5' });

    const cancelled = await harness.exchange.cancelOrder(idOf(placed), 'LTC/BTC');
    expect(cancelled.status).toBe('canceled');
    expect(await harness.exchange.fetchOpenOrders('LTC/BTC')).toEqual([]);
    expect(harness.sim.balances()['LTC']).toEqual({ free: '11.99725', locked: '0' });
  });

  it('lists our trades exactly, paged from an id', async () => {
    const trades = await harness.exchange.fetchMyTrades('LTC/BTC');
    expect(trades.map((t) => [t.id, t.side, t.takerOrMaker, String(t.amount), String(t.price), t.fee?.currency])).toEqual([
      ['1', 'buy', 'taker', '2', '0.01700198', 'LTC'],
      ['2', 'buy', 'maker', '1', '0.01701001', 'LTC'],
      ['3', 'sell', 'maker', '1', '0.01708', 'BTC'],
    ]);
    exactly(trades[2]?.fee?.cost, '0.00001281');
    exactly(trades[2]?.cost, '0.01708');
    const fromTwo = await harness.exchange.fetchMyTrades('LTC/BTC', undefined, 1, { fromId: 2 });
    expect(fromTwo.map((t) => t.id)).toEqual(['2']);
  });

  it('fills a market sell at the bid and charges the taker fee in BTC, with the quote amount kept to 8 places', async () => {
    // price = open of candle 10 = 0.01717483; bid = floor(price × 0.999) = 0.01715765
    const order = await harness.exchange.createOrder('LTC/BTC', 'market', 'sell', 0.5);
    exactly(order.trades[0]?.price, '0.01715765');
    exactly(order.cost, '0.00857882'); // 0.008578825 rounded down to the asset's 8 places
    expect(order.fee?.currency).toBe('BTC');
    exactly(order.fee?.cost, '0.00000858'); // 0.00000857882 rounded half-even
    expect(harness.sim.balances()).toEqual({ BTC: { free: '0.97462346', locked: '0' }, LTC: { free: '11.49725', locked: '0' } });
  });
});

describe('Exchange simulator: partial fills', () => {
  it('fills a resting order in pieces of at most the configured share per candle', async () => {
    const harness = await startLtcSimulator({ partialFills: { maxFillFractionPerCandle: '0.4' } });
    try {
      const order = await harness.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0171);
      harness.sim.advanceTo(closeOf(1)); // candle 1 reaches 0.01705: the sell at 0.0171 stays
      harness.sim.advanceTo(closeOf(2)); // high 0.01725: 0.4 fills
      expect((await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC')).filled).toBe(0.4);
      harness.sim.advanceTo(closeOf(4));
      const done = await harness.exchange.fetchOrder(idOf(order), 'LTC/BTC');
      expect(done.status).toBe('closed');
      expect(harness.sim.trades().map((t) => t.qty)).toEqual(['0.4', '0.4', '0.2']);
      expect(harness.sim.balances()['LTC']).toEqual({ free: '9', locked: '0' });
    } finally {
      await harness.stop();
    }
  });
});
