import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../../lib/ports/Logger.js';
import { latestPrices, storedPrices } from '../../../../../lib/runtime/lambda/heartbeat/latestPrices.js';
import { isSeriesFresh, seriesHealth } from '../../../../../lib/runtime/lambda/heartbeat/seriesHealth.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2024, 0, 2, 12, 0, 30);

describe('Function: storedPrices', () => {
  it("takes the newest of a symbol's series: the captured quote's last, else the candle's close", () => {
    const prices = storedPrices([
      { symbol: 'ETH/BTC', timeframe: '1m', latest: { openTime: NOW - 90_000, close: 0.0711, capturedAt: NOW - 20_000, quote: { last: '0.07123' } } },
      { symbol: 'ETH/BTC', timeframe: '1h', latest: { openTime: NOW - 3_630_000, close: 0.07, capturedAt: NOW - 1_800_000 } },
      { symbol: 'LTC/BTC', timeframe: '5m', latest: { openTime: NOW - 330_000, close: 0.0171 } },
      { symbol: 'SOL/BTC', timeframe: '5m' },
    ]);
    expect(prices).toEqual(
      new Map([
        ['ETH/BTC', { price: '0.07123', at: NOW - 20_000 }],
        ['LTC/BTC', { price: '0.0171', at: NOW - 30_000 }],
      ]),
    );
  });
});

describe('Function: latestPrices', () => {
  it('uses a fresh stored price as it is, asks the venue for a stale one, and falls back to the stale one', async () => {
    const stored = new Map([
      ['ETH/BTC', { price: '0.07123', at: NOW - MINUTE }],
      ['LTC/BTC', { price: '0.0171', at: NOW - 10 * MINUTE }],
      ['SOL/BTC', { price: '0.002', at: NOW - 10 * MINUTE }],
    ]);
    const venueLastPrice = vi.fn((symbol: string) => (symbol === 'LTC/BTC' ? Promise.resolve(0.01715) : Promise.reject(new Error('down'))));
    const prices = await latestPrices(['ETH/BTC', 'LTC/BTC', 'SOL/BTC', 'XRP/BTC'], stored, { now: NOW, freshMs: 2 * MINUTE, venueLastPrice, logger: silentLogger });
    expect(prices).toEqual(
      new Map([
        ['ETH/BTC', { price: '0.07123', at: NOW - MINUTE, source: 'stored' }],
        ['LTC/BTC', { price: '0.01715', at: NOW, source: 'venue' }],
        ['SOL/BTC', { price: '0.002', at: NOW - 10 * MINUTE, source: 'stale' }],
      ]),
    );
    expect(venueLastPrice.mock.calls.map(([s]) => s)).toEqual(['LTC/BTC', 'SOL/BTC', 'XRP/BTC']);
  });
});

describe('Function: isSeriesFresh', () => {
  it('allows one timeframe plus two capture periods since the newest candle closed', () => {
    const openTime = Date.UTC(2024, 0, 2, 11, 0);
    const closed = openTime + 3_600_000;
    expect(isSeriesFresh(closed + 3_600_000 + 2 * MINUTE, openTime, '1h', MINUTE)).toBe(true);
    expect(isSeriesFresh(closed + 3_600_000 + 2 * MINUTE + 1, openTime, '1h', MINUTE)).toBe(false);
    expect(isSeriesFresh(closed, undefined, '1h', MINUTE)).toBe(false);
  });

  it('reports capture and decision ages', () => {
    const health = seriesHealth({ symbol: 'ETH/BTC', timeframe: '1m', latest: { openTime: NOW - 90_000, close: 0.07, capturedAt: NOW - 25_000 }, lastDecidedAt: NOW - 24_000 }, NOW, MINUTE);
    expect(health).toEqual({ symbol: 'ETH/BTC', timeframe: '1m', lastOpenTime: NOW - 90_000, captureAgeMs: 25_000, decisionAgeMs: 24_000, fresh: true });
  });
});
