import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, closeOf, ltcIntent, startGateway } from './ccxtSimFixture.js';

describe('CcxtExchange on the Binance simulator: orders', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(() => h.stop());

  const onVenue = (clientOrderId: string) => h.sim.orders().filter((o) => o.clientOrderId === clientOrderId);

  it('places a limit order under our client order id, finds it, lists it open, and cancels it', async () => {
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome).toMatchObject({
      kind: 'acknowledged',
      order: { clientOrderId: intent.clientOrderId, symbol: 'LTC/BTC', side: 'buy', type: 'limit', status: 'open', amount: '2', filled: '0', price: '0.0169' },
    });
    expect(await h.gateway.fetchOrderByClientId('LTC/BTC', intent.clientOrderId)).toMatchObject({ clientOrderId: intent.clientOrderId, status: 'open', amount: '2' });
    expect((await h.gateway.fetchOpenOrders('LTC/BTC')).map((o) => o.clientOrderId)).toContain(intent.clientOrderId);
    expect(h.sim.balances()['BTC']).toEqual({ free: '0.9662', locked: '0.0338' });

    await h.gateway.cancelOrder('LTC/BTC', intent.clientOrderId);
    expect(onVenue(intent.clientOrderId).map((o) => o.status)).toEqual(['CANCELED']);
    expect(await h.gateway.fetchOrderByClientId('LTC/BTC', intent.clientOrderId)).toMatchObject({ status: 'canceled' });
    expect(h.sim.balances()['BTC']).toEqual({ free: '1', locked: '0' });
  });

  it('says a client order id the venue never saw is not there', async () => {
    expect(await h.gateway.fetchOrderByClientId('LTC/BTC', 'never-sent')).toBeUndefined();
  });

  it('rounds an amount and a price that break the filters, and the venue accepts them', async () => {
    const intent = ltcIntent({ amount: '1.23456', price: '0.0169000099' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome).toMatchObject({ kind: 'acknowledged', order: { amount: '1.234', price: '0.0169' } });
    expect(onVenue(intent.clientOrderId)).toMatchObject([{ origQty: '1.234', price: '0.0169', status: 'NEW' }]);
    await h.gateway.cancelOrder('LTC/BTC', intent.clientOrderId);
  });

  it('refuses an order below the minimum notional before sending: the venue sees nothing', async () => {
    const intent = ltcIntent({ amount: '0.01', price: '0.009' });
    expect(await h.gateway.createOrder(intent)).toEqual({ kind: 'rejected', reason: 'notional 0.00009 (amount 0.01 × price 0.009) is below minCost 0.0001' });
    expect(onVenue(intent.clientOrderId)).toEqual([]);
    const small = ltcIntent({ amount: '0.0099', price: '0.0169' });
    expect(await h.gateway.createOrder(small)).toEqual({ kind: 'rejected', reason: 'amount 0.009 (from 0.0099, step 0.001) is below minAmount 0.01' });
    expect(onVenue(small.clientOrderId)).toEqual([]);
  });

  it('fills a market buy and reports the fill exactly, with its client order id', async () => {
    const since = h.sim.now();
    const intent = ltcIntent({ type: 'market', amount: '2', price: '0.017' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome).toMatchObject({ kind: 'acknowledged', order: { status: 'closed', filled: '2' } });
    const [trade] = h.sim.trades().filter((t) => t.orderId === Number(outcome.kind === 'acknowledged' ? outcome.order.exchangeOrderId : -1));
    expect(trade).toBeDefined();
    const fills = await h.gateway.fetchFills('LTC/BTC', since);
    expect(fills).toEqual([
      {
        id: String(trade!.id),
        clientOrderId: intent.clientOrderId,
        exchangeOrderId: String(trade!.orderId),
        symbol: 'LTC/BTC',
        side: 'buy',
        price: trade!.price,
        amount: '2',
        cost: trade!.quoteQty,
        fee: { cost: trade!.commission, currency: trade!.commissionAsset },
        timestamp: trade!.time,
      },
    ]);
  });

  it('reports a resting limit filled on a later candle, at its price', async () => {
    h.sim.advanceTo(closeOf(2));
    const since = h.sim.now();
    const intent = ltcIntent({ amount: '3', price: '0.01701001' });
    expect(await h.gateway.createOrder(intent)).toMatchObject({ kind: 'acknowledged', order: { status: 'open' } });
    h.sim.advanceTo(closeOf(7)); // candle 7's low is 0.01701001
    expect(await h.gateway.fetchOrderByClientId('LTC/BTC', intent.clientOrderId)).toMatchObject({ status: 'closed', filled: '3', average: '0.01701001' });
    const fills = (await h.gateway.fetchFills('LTC/BTC', since)).filter((f) => f.clientOrderId === intent.clientOrderId);
    expect(fills.map((f) => [f.price, f.amount, f.cost])).toEqual([['0.01701001', '3', '0.05103003']]);
  });
});
