import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VenueError } from '../../../../lib/local/exchange-sim/errors.js';
import { FaultInjector } from '../../../../lib/local/exchange-sim/FaultInjector.js';
import { klineRows } from '../../../../lib/local/exchange-sim/klineRows.js';
import { verifySignature } from '../../../../lib/local/exchange-sim/verifySignature.js';

describe('Class: FaultInjector', () => {
  it('hits only its endpoint, only as many times as asked', () => {
    const faults = new FaultInjector();
    faults.inject({ endpoint: 'POST /api/v3/order', kind: 'lostAck', times: 2 });
    expect(faults.take('GET /api/v3/order')).toBeUndefined();
    expect([1, 2, 3].map(() => faults.take('POST /api/v3/order')?.kind)).toEqual(['lostAck', 'lostAck', undefined]);
    expect(faults.counts().byEndpoint).toEqual({ 'POST /api/v3/order lostAck': 2 });
  });

  it('draws the same random faults from the same seed', () => {
    const pattern = (seed: number) => {
      const faults = new FaultInjector();
      faults.random({ probability: 0.3, kinds: ['hang', 'serverError', 'rateLimit'], seed });
      return Array.from({ length: 40 }, () => faults.take('GET /api/v3/account')?.kind ?? '-');
    };
    expect(pattern(7)).toEqual(pattern(7));
    expect(pattern(7)).not.toEqual(pattern(8));
    expect(pattern(7).filter((k) => k !== '-').length).toBeGreaterThan(3);
  });
});

describe('Function: verifySignature', () => {
  const auth = { apiKey: 'k'.repeat(64), secret: 's3cr3t' };
  const sign = (payload: string, secret = auth.secret) => createHmac('sha256', secret).update(payload).digest('hex');
  const codeOf = (run: () => void): number | undefined => {
    try {
      run();
      return undefined;
    } catch (error) {
      return (error as VenueError).code;
    }
  };

  it('accepts the HMAC of the query followed by the body, as ccxt signs a POST', () => {
    const body = 'symbol=LTCBTC&side=BUY&timestamp=1700000000000';
    expect(codeOf(() => verifySignature(auth, { apiKeyHeader: auth.apiKey, query: '', body: `${body}&signature=${sign(body)}` }))).toBeUndefined();
  });

  it('answers a missing or malformed key -2014, a foreign key -2015, a bad signature -1022', () => {
    const query = 'timestamp=1';
    const signed = `${query}&signature=${sign(query)}`;
    expect(codeOf(() => verifySignature(auth, { apiKeyHeader: undefined, query: signed, body: '' }))).toBe(-2014);
    expect(codeOf(() => verifySignature(auth, { apiKeyHeader: 'no spaces allowed', query: signed, body: '' }))).toBe(-2014);
    expect(codeOf(() => verifySignature(auth, { apiKeyHeader: 'x'.repeat(64), query: signed, body: '' }))).toBe(-2015);
    expect(codeOf(() => verifySignature(auth, { apiKeyHeader: auth.apiKey, query: `${query}&signature=${sign(query, 'other')}`, body: '' }))).toBe(-1022);
  });
});

describe('Function: klineRows', () => {
  const series = {
    symbol: 'X/BTC',
    timeframe: '1m' as const,
    candles: [0, 1, 3, 4].map((i) => ({ openTime: i * 60_000, open: 1 + i, high: 2 + i, low: 0.5, close: 1.5 + i, volume: 10 })),
  };

  it('keeps gaps, stops at the clock, and shows the forming candle flat at its open', () => {
    const rows = klineRows(series, 3.5 * 60_000, { startTime: undefined, endTime: undefined, limit: 10 });
    expect(rows.map((r) => r[0] / 60_000)).toEqual([0, 1, 3]);
    expect(rows[2]?.slice(1, 6)).toEqual(['4.00000000', '4.00000000', '4.00000000', '4.00000000', '0.00000000']);
    expect(rows[1]?.[6]).toBe(2 * 60_000 - 1);
  });
});
