import { describe, expect, it } from 'vitest';
import { fetchClosedSince } from '../../../../../lib/runtime/lambda/capture/fetchClosedSince.js';
import { STALE_AFTER_TIMEFRAMES } from '../../../../../lib/domain/candleTiming.js';
import { selectDecidable } from '../../../../../lib/runtime/lambda/capture/selectDecidable.js';
import { runWithConcurrency } from '../../../../../lib/runtime/lambda/capture/runWithConcurrency.js';
import { quoteTimeframes } from '../../../../../lib/runtime/lambda/capture/quoteTimeframes.js';
import { FakeVenue, MINUTE, T0, candle } from './captureFakes.js';

describe('Function: fetchClosedSince', () => {
  it('pages through a history longer than one request, each page asking no more than can have closed', async () => {
    const now = T0 + 30_000;
    const venue = new FakeVenue({ now: () => now });
    const since = T0 - 1_200 * MINUTE;

    const candles = await fetchClosedSince(venue.fetchClosedCandles, 'LTC/BTC', '1m', since, now);

    expect(candles.map((c) => c.openTime)).toEqual(Array.from({ length: 1_200 }, (_, i) => since + i * MINUTE));
    expect(venue.fetches.map((f) => [f.since, f.limit])).toEqual([
      [since, 500],
      [since + 500 * MINUTE, 500],
      [since + 1_000 * MINUTE, 201],
    ]);
  });

  it('asks nothing when no candle can have closed since, and stops at a page with nothing new', async () => {
    const venue = new FakeVenue({ now: () => T0 + 30_000 });
    expect(await fetchClosedSince(venue.fetchClosedCandles, 'LTC/BTC', '1m', T0, T0 + 30_000)).toEqual([]);
    expect(venue.fetches).toEqual([]);

    const stuck = (_s: string, _t: string, since?: number) => Promise.resolve(since === T0 - 2 * MINUTE ? [candle(T0 - 2 * MINUTE)] : []);
    expect(await fetchClosedSince(stuck, 'LTC/BTC', '1m', T0 - 2 * MINUTE, T0 + 30_000)).toEqual([candle(T0 - 2 * MINUTE)]);
  });
});

describe('Function: selectDecidable', () => {
  const now = T0;
  const closedAgo = (timeframes: number, extraMs = 0) => candle(now - (timeframes + 1) * MINUTE - extraMs);

  it(`publishes every new candle, and counts as stale one closed more than ${STALE_AFTER_TIMEFRAMES} timeframes ago, not one closed exactly then`, () => {
    const boundary = closedAgo(STALE_AFTER_TIMEFRAMES);
    const older = closedAgo(STALE_AFTER_TIMEFRAMES, 1);
    expect(selectDecidable([older, boundary], '1m', false, now)).toEqual({ decide: [older, boundary], stale: [older] });
  });

  it('publishes the outbox an earlier run left first, stale or not', () => {
    const left = closedAgo(6);
    expect(selectDecidable([closedAgo(0)], '1m', false, now, [left])).toEqual({ decide: [left, closedAgo(0)], stale: [left] });
  });

  it('on a first capture treats all but the newest candle as history', () => {
    const history = [closedAgo(2), closedAgo(1), closedAgo(0)];
    expect(selectDecidable(history, '1m', true, now)).toEqual({ decide: [closedAgo(0)], stale: [] });
    expect(selectDecidable([closedAgo(9), closedAgo(8)], '1m', true, now)).toEqual({ decide: [closedAgo(8)], stale: [closedAgo(8)] });
  });
});

describe('Function: quoteTimeframes', () => {
  it("picks each symbol's shortest timeframe", () => {
    const symbols = [
      { symbol: 'LTC/BTC', timeframe: '1h' as const },
      { symbol: 'ETH/BTC', timeframe: '1d' as const },
      { symbol: 'LTC/BTC', timeframe: '15m' as const },
    ];
    expect([...quoteTimeframes(symbols)]).toEqual([
      ['LTC/BTC', '15m'],
      ['ETH/BTC', '1d'],
    ]);
  });
});

describe('Function: runWithConcurrency', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < n; i++) await Promise.resolve();
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});
