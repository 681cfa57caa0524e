import { BadRequest, DDoSProtection, ExchangeNotAvailable, InvalidNonce, OperationFailed, RequestTimeout } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCcxtBinance } from '../../../../lib/local/exchange-sim/index.js';
import { type SimHarness, closeOf, startLtcSimulator } from './simFixture.js';

const usedWeight = (h: SimHarness) => Number(h.exchange.last_response_headers?.['X-Mbx-Used-Weight-1m']);
const retryAfter = (h: SimHarness) => h.exchange.last_response_headers?.['Retry-After'];

describe('Exchange simulator: request weights, 429 and the 418 ban, through ccxt', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("reports the weight used on every answer, at the venue's weights per endpoint", async () => {
    h = await startLtcSimulator(); // loadMarkets: exchangeInfo, 20
    await h.exchange.fetchTicker('LTC/BTC'); // ticker/24hr with a symbol: 2
    expect(usedWeight(h)).toBe(22);
    await h.exchange.fetchBalance(); // account: 20
    expect(usedWeight(h)).toBe(42);
    await h.exchange.fetchOpenOrders(); // openOrders without a symbol: 80
    expect(usedWeight(h)).toBe(122);
    expect(h.sim.usedWeight()).toBe(122);
    // A new minute of the replayed clock starts a new window.
    h.sim.advanceTo(h.sim.now() + 60_000);
    await h.exchange.fetchTime(); // 1
    expect(usedWeight(h)).toBe(1);
  });

  it('answers 429 with Retry-After over the limit, and bans with 418 a client that calls again in the same window', async () => {
    h = await startLtcSimulator({ requestWeight: { limit: 30 } });
    for (let i = 0; i < 10; i++) await h.exchange.fetchTime(); // 20 + 10 = 30: at the limit
    const limited = h.exchange.fetchTime();
    await expect(limited).rejects.toThrow(DDoSProtection);
    await expect(limited).rejects.toThrow(/429 .*Too much request weight used; current limit is 30 request weight per 1 MINUTE/);
    expect(retryAfter(h)).toBe('60'); // the window ends with the replayed minute
    const ignored = h.exchange.fetchTime();
    await expect(ignored).rejects.toThrow(/418 .*Way too much request weight used; IP banned until/);
    expect(retryAfter(h)).toBe('120');
    // Still banned a minute later; the ban ends after its two minutes.
    h.sim.advanceTo(h.sim.now() + 60_000);
    await expect(h.exchange.fetchTime()).rejects.toThrow(/418 /);
    expect(retryAfter(h)).toBe('60');
    h.sim.advanceTo(h.sim.now() + 60_000);
    expect(await h.exchange.fetchTime()).toBe(h.sim.now());
  });

  it('doubles the ban for a repeat offender', async () => {
    h = await startLtcSimulator({ requestWeight: { limit: 21 } });
    await h.exchange.fetchTime();
    await expect(h.exchange.fetchTime()).rejects.toThrow(/429 /);
    await expect(h.exchange.fetchTime()).rejects.toThrow(/418 /);
    h.sim.advanceTo(closeOf(1)); // past the first 2-minute ban... and into a new window
    h.sim.advanceTo(h.sim.now() + 60_000);
    for (let i = 0; i < 21; i++) await h.exchange.fetchTime();
    await expect(h.exchange.fetchTime()).rejects.toThrow(/429 /);
    await expect(h.exchange.fetchTime()).rejects.toThrow(/418 /);
    expect(retryAfter(h)).toBe('240');
  });

  it("keeps under the venue's limit with ccxt's own rate limiter on, where the same burst without it is refused", async () => {
    // 6000 a minute scaled to a 3-second window on the wall clock (ccxt's limiter runs on real time),
    // plus ccxt's allowance of one request beyond its pace.
    const requestWeight = { limit: 310, windowMs: 3_000, clock: 'wall' as const };
    h = await startLtcSimulator({ requestWeight });
    const throttled = connectCcxtBinance(h.sim, { enableRateLimit: true });
    await throttled.loadMarkets();
    let highest = 0;
    for (let i = 0; i < 200; i++) {
      await throttled.fetchTicker('LTC/BTC');
      highest = Math.max(highest, Number(throttled.last_response_headers?.['X-Mbx-Used-Weight-1m']));
    }
    expect(highest).toBeGreaterThan(150); // the burst did press on the limit
    expect(highest).toBeLessThanOrEqual(310);

    const unthrottled = connectCcxtBinance(h.sim, { enableRateLimit: false });
    await unthrottled.loadMarkets().catch(() => undefined);
    const burst = Array.from({ length: 200 }, () => unthrottled.fetchTicker('LTC/BTC').then(() => 'ok', (e: unknown) => (e instanceof DDoSProtection ? 'refused' : String(e))));
    expect(new Set(await Promise.all(burst))).toContain('refused');
  }, 30_000);
});

describe('Exchange simulator: timing of signed requests, on the wall clock', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('answers -1021 (InvalidNonce) for a timestamp outside the recvWindow or ahead of the server, however the replayed clock stands', async () => {
    h = await startLtcSimulator();
    h.exchange.options['timeDifference'] = 20_000; // stamps 20 s in the past; ccxt's recvWindow is 10 s
    await expect(h.exchange.fetchBalance()).rejects.toThrow(InvalidNonce);
    await expect(h.exchange.fetchBalance()).rejects.toThrow('Timestamp for this request is outside of the recvWindow.');
    h.exchange.options['timeDifference'] = -2_000;
    await expect(h.exchange.fetchBalance()).rejects.toThrow("Timestamp for this request was 1000ms ahead of the server's time.");
    h.exchange.options['timeDifference'] = 0;
    expect((await h.exchange.fetchBalance())['BTC']).toMatchObject({ free: 1 });
  });

  it("refuses a recvWindow over 60000 with -1131, which only Binance spot's error table maps (BadRequest)", async () => {
    h = await startLtcSimulator();
    const refused = h.exchange.fetchBalance({ recvWindow: 60_001 });
    await expect(refused).rejects.toThrow(BadRequest);
    await expect(refused).rejects.toThrow('recvWindow must be less than 60000');
  });

  it('connects ccxt on Binance spot URLs under a host that never resolves, and refuses any other host', async () => {
    h = await startLtcSimulator();
    expect(h.exchange.urls['api']).toMatchObject({ public: 'https://api.exchange-sim.invalid/api/v3', private: 'https://api.exchange-sim.invalid/api/v3' });
    const fetchOther = h.exchange.fetchImplementation as (url: string, init: object) => Promise<unknown>;
    await expect(fetchOther('https://api.binance.com/api/v3/time', {})).rejects.toThrow("refuses https://api.binance.com");
  });
});

describe('Exchange simulator: the venue faults whose outcome the client cannot know', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });
  const ORDER = 'POST /api/v3/order';

  it('places the order and answers 5xx (ExchangeNotAvailable): execution status UNKNOWN', async () => {
    h = await startLtcSimulator();
    h.sim.faults.inject({ endpoint: ORDER, kind: 'serverErrorAfterExecution' });
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { clientOrderId: 'placed-5xx' })).rejects.toThrow(ExchangeNotAvailable);
    expect(h.sim.orders().map((o) => [o.clientOrderId, o.status])).toEqual([['placed-5xx', 'NEW']]);
  });

  it('places the order and answers -1007 (RequestTimeout); answers -1001 (OperationFailed) without placing it', async () => {
    h = await startLtcSimulator();
    h.sim.faults.inject({ endpoint: ORDER, kind: 'backendTimeout' });
    const timedOut = h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { clientOrderId: 'placed-1007' });
    await expect(timedOut).rejects.toThrow(RequestTimeout);
    await expect(timedOut).rejects.toThrow('-1007');
    h.sim.faults.inject({ endpoint: ORDER, kind: 'disconnected' });
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { clientOrderId: 'lost-1001' })).rejects.toThrow(OperationFailed);
    expect(h.sim.orders().map((o) => o.clientOrderId)).toEqual(['placed-1007']);
  });

  it('answers an injected ipBan with 418 and a two-minute Retry-After', async () => {
    h = await startLtcSimulator();
    h.sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'ipBan' });
    await expect(h.exchange.fetchBalance()).rejects.toThrow(/418 .*IP banned until/);
    expect(retryAfter(h)).toBe('120');
  });
});
