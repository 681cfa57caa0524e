import { createHmac } from 'node:crypto';
import { BadRequest, DDoSProtection } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHarness, startLtcSimulator } from './simFixture.js';

interface Answer {
  readonly status: number;
  readonly body: { code?: number; msg?: string } & Record<string, unknown>;
}

/**
 * A request as sent on the wire, not through ccxt (which would drop or reorder what we want to
 * send): `query` and `body` are raw form strings; a signed request gets timestamp (in the body,
 * or the query when there is no body) and the HMAC of query + body as its signature.
 */
async function send(h: SimHarness, method: string, path: string, parts: { query?: string; body?: string; signed?: boolean }): Promise<Answer> {
  let query = parts.query ?? '';
  let body = parts.body ?? '';
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (parts.signed !== false) {
    const stamp = `timestamp=${Date.now()}`;
    if (body !== '' || method === 'POST') body = body === '' ? stamp : `${body}&${stamp}`;
    else query = query === '' ? stamp : `${query}&${stamp}`;
    const signature = createHmac('sha256', h.sim.secret).update(query + body).digest('hex');
    if (body !== '') body = `${body}&signature=${signature}`;
    else query = `${query}&signature=${signature}`;
    headers['X-MBX-APIKEY'] = h.sim.apiKey;
  }
  const response = await fetch(`${h.sim.url}${path}${query === '' ? '' : `?${query}`}`, { method, headers, ...(body === '' ? {} : { body }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const LIMIT_BUY = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.0169';

describe('Exchange simulator: the parameters each endpoint reads', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startLtcSimulator();
  });
  afterAll(() => h.stop());

  it('refuses a new order with a parameter the venue does not read (-1104, every sent name counted, signature and timestamp too), placing nothing', async () => {
    const before = h.sim.orders().length;
    // 6 order parameters and an unknown one, plus timestamp and signature: 9 sent, 8 read.
    expect(await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&created=1613138460000` })).toEqual({
      status: 400,
      body: { code: -1104, msg: "Not all sent parameters were read; read '8' parameter(s) but was sent '9'." },
    });
    // A misspelt mandatory parameter is an unread one, before the missing timeInForce is noticed: the venue
    // answered this very request so (binance/binance-connector-python#172).
    const misspelt = await send(h, 'POST', '/api/v3/order', { body: LIMIT_BUY.replace('timeInForce', 'timeInforce') });
    expect(misspelt.body).toEqual({ code: -1104, msg: "Not all sent parameters were read; read '7' parameter(s) but was sent '8'." });
    expect(h.sim.orders()).toHaveLength(before);
  });

  it('answers ccxt extra params the venue does not know with -1104, a BadRequest', async () => {
    const extra = h.exchange.privatePostOrder({ symbol: 'LTCBTC', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '0.0169', test: false });
    await expect(extra).rejects.toThrow(BadRequest);
    await expect(extra).rejects.toThrow('Not all sent parameters were read');
  });

  it('refuses an unread parameter on public and signed reads alike', async () => {
    expect((await send(h, 'GET', '/api/v3/klines', { query: 'symbol=LTCBTC&interval=5m&depth=5', signed: false })).body).toEqual({
      code: -1104,
      msg: "Not all sent parameters were read; read '2' parameter(s) but was sent '3'.",
    });
    expect((await send(h, 'GET', '/api/v3/order', { query: 'symbol=LTCBTC&order_id=1' })).body).toMatchObject({ code: -1104 });
    expect((await send(h, 'GET', '/api/v3/klines', { query: 'symbol=LTCBTC&interval=5m&limit=2', signed: false })).status).toBe(200);
  });

  it('refuses a parameter sent twice in the query or twice in the body (-1101); one in both query and body is read from the query', async () => {
    const twice = await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&quantity=2` });
    expect(twice).toEqual({ status: 400, body: { code: -1101, msg: 'Duplicate values for a parameter detected.' } });
    expect((await send(h, 'GET', '/api/v3/ticker/price', { query: 'symbol=LTCBTC&symbol=ETHBTC', signed: false })).body).toMatchObject({ code: -1101 });
    const both = await send(h, 'POST', '/api/v3/order', { query: 'quantity=2', body: LIMIT_BUY });
    expect(both).toMatchObject({ status: 200, body: { origQty: '2.00000000', status: 'NEW' } });
  });

  it('refuses the order features the advertised symbol does not allow with the venue\'s -2010 messages', async () => {
    const refusal = async (extra: string) => (await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&${extra}` })).body;
    expect(await refusal('icebergQty=0.5')).toEqual({ code: -2010, msg: 'Iceberg orders are not supported for this symbol.' });
    expect(await refusal('trailingDelta=100')).toEqual({ code: -2010, msg: 'Trailing stop orders are not supported for this symbol.' });
    expect(await refusal('pegPriceType=PRIMARY_PEG')).toEqual({ code: -2010, msg: 'Pegged orders are not supported for this symbol.' });
  });

  it('refuses, rather than ignores, a documented parameter the simulator does not model; accepts the default self-trade prevention mode', async () => {
    expect((await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&strategyId=7` })).body).toEqual({ code: -1, msg: "The exchange simulator does not implement parameter 'strategyId'." });
    expect((await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&selfTradePreventionMode=NONE` })).body).toMatchObject({ code: -1 });
    expect((await send(h, 'GET', '/api/v3/ticker/price', { query: 'symbols=["LTCBTC"]', signed: false })).body).toMatchObject({ code: -1 });
    const placed = await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&selfTradePreventionMode=EXPIRE_MAKER&newOrderRespType=RESULT` });
    expect(placed).toMatchObject({ status: 200, body: { selfTradePreventionMode: 'EXPIRE_MAKER' } });
    const cancel = await send(h, 'DELETE', '/api/v3/order', { query: `symbol=LTCBTC&orderId=${String(placed.body['orderId'])}&cancelRestrictions=ONLY_NEW` });
    expect(cancel.body).toMatchObject({ code: -1 });
  });
});

describe("Exchange simulator: spot's client order id and id patterns", () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startLtcSimulator();
  });
  afterAll(() => h.stop());

  it("refuses a client order id outside ^[a-zA-Z0-9-_]{1,36}$ (a dot, a colon, a slash, 37 characters) with -1100 quoting that pattern", async () => {
    const before = h.sim.orders().length;
    for (const id of ['bot.1', 'bot:1', 'bot/1', 'a'.repeat(37)]) {
      expect((await send(h, 'POST', '/api/v3/order', { body: `${LIMIT_BUY}&newClientOrderId=${encodeURIComponent(id)}` })).body).toEqual({
        code: -1100,
        msg: "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.",
      });
    }
    expect(h.sim.orders()).toHaveLength(before);
    const placed = await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { clientOrderId: `ab-_${'9'.repeat(32)}` });
    expect(placed.clientOrderId).toBe(`ab-_${'9'.repeat(32)}`);
  });

  it("checks a cancel's own newClientOrderId the same way, and quotes the LONG pattern for a malformed orderId", async () => {
    const placed = await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169);
    const cancel = await send(h, 'DELETE', '/api/v3/order', { query: `symbol=LTCBTC&orderId=${String(placed.id)}&newClientOrderId=cancel.1` });
    expect(cancel.body).toMatchObject({ code: -1100, msg: "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'." });
    expect((await send(h, 'GET', '/api/v3/order', { query: 'symbol=LTCBTC&orderId=12a' })).body).toEqual({
      code: -1100,
      msg: "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.",
    });
    expect((await send(h, 'DELETE', '/api/v3/order', { query: `symbol=LTCBTC&orderId=${String(placed.id)}&newClientOrderId=cancel-1` })).body).toMatchObject({ status: 'CANCELED', clientOrderId: 'cancel-1' });
  });
});

describe('Exchange simulator: the unfilled order count (ORDERS rate limits)', () => {
  const threePerTenSeconds = [
    { interval: 'SECOND', intervalNum: 10, limit: 3 },
    { interval: 'DAY', intervalNum: 1, limit: 200_000 },
  ] as const;
  let h: SimHarness;
  beforeAll(async () => {
    h = await startLtcSimulator({ orderRateLimits: threePerTenSeconds });
  });
  afterAll(() => h.stop());

  it('advertises the ORDERS limits it keeps, and refuses a new order over the count with 429 -1015 and a Retry-After; a cancel gives nothing back', async () => {
    const limits = (await h.exchange.publicGetExchangeInfo()) as { rateLimits: { rateLimitType: string; limit: number }[] };
    expect(limits.rateLimits.filter((l) => l.rateLimitType === 'ORDERS')).toEqual([
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 3 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
    ]);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.1, 0.0169)).id);
    await h.exchange.cancelOrder(String(ids[0]), 'LTC/BTC');
    const before = h.sim.orders().length;
    const refused = await fetch(`${h.sim.url}/api/v3/order`, signedInit(h, LIMIT_BUY));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('10'); // the replayed clock stands at a candle close, a 10-second boundary
    expect(await refused.json()).toEqual({ code: -1015, msg: 'Too many new orders; current limit is 3 orders per 10 SECOND.' });
    const viaCcxt = h.exchange.createOrder('LTC/BTC', 'market', 'buy', 1);
    await expect(viaCcxt).rejects.toThrow(DDoSProtection); // ccxt reads the 429 before the code, as from the venue
    await expect(viaCcxt).rejects.toThrow('Too many new orders');
    expect(h.sim.orders()).toHaveLength(before);
    h.sim.advanceTo(h.sim.now() + 10_000);
    expect((await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.1, 0.0169)).status).toBe('open');
  });

  it('takes an order off the count at its first fill, so orders that trade at once never fill it', async () => {
    h.sim.advanceTo(h.sim.now() + 10_000);
    await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.1, 0.0169);
    await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.1, 0.0169);
    for (let i = 0; i < 5; i++) expect((await h.exchange.createOrder('LTC/BTC', 'market', 'buy', 0.1)).status).toBe('closed');
    await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 0.1, 0.0169);
    await expect(h.exchange.createOrder('LTC/BTC', 'market', 'buy', 0.1)).rejects.toThrow('Too many new orders; current limit is 3 orders per 10 SECOND.');
  });
});

/** A signed POST of `body` as fetch options. */
function signedInit(h: SimHarness, body: string): RequestInit {
  const stamped = `${body}&timestamp=${Date.now()}`;
  const signature = createHmac('sha256', h.sim.secret).update(stamped).digest('hex');
  return { method: 'POST', headers: { 'X-MBX-APIKEY': h.sim.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `${stamped}&signature=${signature}` };
}
