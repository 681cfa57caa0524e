import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, ltcIntent, startGateway } from './ccxtSimFixture.js';

const ORDER = 'POST /api/v3/order';

describe('CcxtExchange on the Binance simulator: faults', () => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  const onVenue = (clientOrderId: string) => h!.sim.orders().filter((o) => o.clientOrderId === clientOrderId);

  it('keeps exactly one order when the acknowledgement is lost: the lookup adopts it', async () => {
    h = await startGateway();
    h.sim.faults.inject({ endpoint: ORDER, kind: 'lostAck' });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: intent.clientOrderId, amount: '2', status: 'open' } });
    expect(onVenue(intent.clientOrderId)).toHaveLength(1);
  });

  it('keeps exactly one order under lost acknowledgements, a lost lookup and retries', async () => {
    h = await startGateway();
    h.sim.faults.inject({ endpoint: ORDER, kind: 'lostAck', times: 1 });
    h.sim.faults.inject({ endpoint: 'GET /api/v3/order', kind: 'serverError', times: 1 });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    // The lookup after the lost acknowledgement fails: the outcome is unknown, nothing is re-sent.
    expect((await h.gateway.createOrder(intent)).kind).toBe('unknown');
    expect(onVenue(intent.clientOrderId)).toHaveLength(1);
    // Settling it later by lookup finds the one order.
    expect(await h.gateway.fetchOrderByClientId('LTC/BTC', intent.clientOrderId)).toMatchObject({ status: 'open' });
    // A market entry whose every attempt loses its answer still ends as one order.
    h.sim.faults.inject({ endpoint: ORDER, kind: 'lostAck', times: 3 });
    const market = ltcIntent({ type: 'market', amount: '1', price: '0.017' });
    expect(await h.gateway.createOrder(market)).toMatchObject({ kind: 'acknowledged', order: { status: 'closed', filled: '1' } });
    expect(onVenue(market.clientOrderId)).toHaveLength(1);
  });

  it('loads the markets again after a failed load: one 502 on exchangeInfo does not fail the client for good', async () => {
    h = await startGateway({ retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 } });
    h.sim.faults.inject({ endpoint: 'GET /api/v3/exchangeInfo', kind: 'htmlError' });
    // fetchBalance needs the markets (ccxt loads them first): it fails with the 502...
    await expect(h.gateway.fetchBalances()).rejects.toThrow(/exchangeInfo 502 Bad Gateway/);
    // ...and the next calls load them again instead of sharing ccxt's rejected load.
    expect((await h.gateway.fetchBalances())['BTC']).toEqual({ free: '1', used: '0', total: '1' });
    expect(await h.gateway.market('LTC/BTC')).toMatchObject({ symbol: 'LTC/BTC' });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    expect((await h.gateway.createOrder(intent)).kind).toBe('acknowledged');
  });

  it('resends under the same client order id after a timeout the venue never acted on', async () => {
    h = await startGateway({}, {}, 300);
    h.sim.faults.inject({ endpoint: ORDER, kind: 'hang', hangMs: 1_000 });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: intent.clientOrderId } });
    expect(onVenue(intent.clientOrderId)).toHaveLength(1);
  });

  it("waits for the venue's Retry-After after a 429, then places the order", async () => {
    h = await startGateway();
    h.sim.faults.inject({ endpoint: ORDER, kind: 'rateLimit', retryAfterSeconds: 2 });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    expect((await h.gateway.createOrder(intent)).kind).toBe('acknowledged');
    expect(h.sleeps).toEqual([2_000]);
    expect(onVenue(intent.clientOrderId)).toHaveLength(1);
  });

  it('ends unknown when every attempt meets a 503, and the venue holds no order', async () => {
    h = await startGateway({ retry: { maxAttempts: 2, baseDelayMs: 1 } });
    h.sim.faults.inject({ endpoint: ORDER, kind: 'serverError', times: 5 });
    const intent = ltcIntent({ amount: '2', price: '0.0169' });
    const outcome = await h.gateway.createOrder(intent);
    expect(outcome.kind).toBe('unknown');
    expect(outcome.kind === 'unknown' && outcome.reason).toMatch(/^retries exhausted after 2 attempts: ExchangeNotAvailable: /);
    expect(onVenue(intent.clientOrderId)).toEqual([]);
  });

  it('rests a stop as a stop-loss-limit, and refuses one the price has already passed without placing it', async () => {
    h = await startGateway({ stopLimitOffsetPct: 0.01 });
    const last = await h.gateway.fetchLastPrice('LTC/BTC');
    const passed = ltcIntent({ leg: 'stop', side: 'sell', type: 'stop_market', amount: '1', stopPrice: String(last * 1.01), price: undefined });
    const refused = await h.gateway.createOrder(passed);
    expect(refused).toMatchObject({ kind: 'rejected' });
    expect(refused.kind === 'rejected' && refused.reason).toMatch(/would trigger immediately/i);
    expect(onVenue(passed.clientOrderId)).toEqual([]);

    const resting = ltcIntent({ leg: 'stop', side: 'sell', type: 'stop_market', amount: '1', stopPrice: '0.0150', price: undefined });
    const placed = await h.gateway.createOrder(resting);
    expect(placed).toMatchObject({ kind: 'acknowledged', order: { type: 'stop_market', status: 'open', stopPrice: '0.015' } });
    expect(onVenue(resting.clientOrderId)).toMatchObject([{ type: 'STOP_LOSS_LIMIT', origQty: '1', stopPrice: '0.015', price: '0.01485' }]);
  });
});
