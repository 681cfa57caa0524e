import { BaseError, DDoSProtection, ExchangeNotAvailable, NetworkError, OperationFailed, RequestTimeout } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHarness, startLtcSimulator } from './simFixture.js';

describe('Exchange simulator: injected faults as ccxt sees them', () => {
  let harness: SimHarness;
  beforeAll(async () => {
    harness = await startLtcSimulator({}, 300);
  });
  afterAll(() => harness.stop());

  const buy = (clientOrderId: string) => harness.exchange.createOrder('LTC/BTC', 'market', 'buy', 0.1, undefined, { clientOrderId });

  it('answers a 503 that ccxt reads as ExchangeNotAvailable, without placing the order', async () => {
    harness.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'serverError' });
    await expect(buy('f-503')).rejects.toThrow(ExchangeNotAvailable);
    expect(harness.sim.orders().some((o) => o.clientOrderId === 'f-503')).toBe(false);
  });

  it('answers a 5xx with a venue code by that code: -1001 is OperationFailed', async () => {
    harness.sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'serverError', status: 500, body: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' } });
    await expect(harness.exchange.fetchBalance()).rejects.toThrow(OperationFailed);
  });

  it('answers a 429 with Retry-After that ccxt reads as DDoSProtection', async () => {
    harness.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'rateLimit', retryAfterSeconds: 7 });
    await expect(buy('f-429')).rejects.toThrow(DDoSProtection);
    const headers = harness.exchange.last_response_headers as Record<string, string>;
    expect(headers['Retry-After'] ?? headers['retry-after']).toBe('7');
  });

  it('hangs past the client timeout, which ccxt reads as RequestTimeout', async () => {
    harness.sim.faults.inject({ endpoint: 'GET /api/v3/openOrders', kind: 'hang', hangMs: 2_000 });
    await expect(harness.exchange.fetchOpenOrders('LTC/BTC')).rejects.toThrow(RequestTimeout);
  });

  it('loses the acknowledgement of an order it placed: ccxt gets a NetworkError, the order exists on the venue', async () => {
    harness.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'lostAck' });
    await expect(buy('f-lost')).rejects.toThrow(NetworkError);
    const found = await harness.exchange.fetchOrder('', 'LTC/BTC', { origClientOrderId: 'f-lost' });
    expect(found.status).toBe('closed');
    expect(harness.sim.orders().filter((o) => o.clientOrderId === 'f-lost')).toHaveLength(1);
  });

  it('answers a 502 HTML page that ccxt reads as ExchangeNotAvailable', async () => {
    harness.sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'htmlError' });
    await expect(harness.exchange.fetchBalance()).rejects.toThrow(ExchangeNotAvailable);
  });

  it('cuts a 200 JSON body short; ccxt does not raise one of its own errors for it', async () => {
    harness.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'malformedJson' });
    const outcome = await buy('f-cut').then(
      () => 'resolved',
      (error: unknown) => (error instanceof BaseError ? 'ccxt error' : 'other error'),
    );
    expect(outcome).toBe('other error');
    expect(harness.sim.orders().some((o) => o.clientOrderId === 'f-cut')).toBe(true);
  });

  it('counts every injected fault by kind and endpoint', () => {
    const counts = harness.sim.faults.counts();
    expect(counts.byKind).toEqual({ serverError: 2, rateLimit: 1, hang: 1, lostAck: 1, malformedJson: 1, htmlError: 1, serverErrorAfterExecution: 0, backendTimeout: 0, disconnected: 0, ipBan: 0 });
    expect(counts.total).toBe(7);
    expect(counts.byEndpoint['POST /api/v3/order lostAck']).toBe(1);
  });
});

describe('Exchange simulator: seeded random faults', () => {
  async function faultPattern(seed: number): Promise<string[]> {
    const harness = await startLtcSimulator({ faults: { random: { probability: 0.5, kinds: ['serverError', 'rateLimit'], seed, endpoints: ['GET /api/v3/ticker/24hr'] } } });
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        outcomes.push(await harness.exchange.fetchTicker('LTC/BTC').then(() => 'ok', (error: Error) => error.constructor.name));
      }
      expect(harness.sim.faults.counts().total).toBe(outcomes.filter((o) => o !== 'ok').length);
      return outcomes;
    } finally {
      await harness.stop();
    }
  }

  it('fails the same requests the same way for the same seed', async () => {
    const first = await faultPattern(42);
    expect(await faultPattern(42)).toEqual(first);
    expect(first).toContain('ok');
    expect(first.some((o) => o !== 'ok')).toBe(true);
  });
});
