import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../../lib/domain/candle.js';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { runWindow } from '../../../../lib/local/cli/runWindow.js';
import type { CandleSeries } from '../../../../lib/runtime/backtest/loadCandleFile.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 2026-01-01 00:00 UTC. */
const T0 = Date.UTC(2026, 0, 1);

const candle = (openTime: number): Candle => ({ openTime, open: 1, high: 1, low: 1, close: 1, volume: 1 });

/** `count` candles every `step` from `first`, but for the open times in `missing`. */
function series(timeframe: Timeframe, first: number, step: number, count: number, missing: readonly number[] = []): CandleSeries {
  const candles: Candle[] = [];
  for (let i = 0; i < count; i++) {
    const openTime = first + i * step;
    if (!missing.includes(openTime)) candles.push(candle(openTime));
  }
  return { file: `data/LTC_BTC-${timeframe}.json`, symbol: 'LTC/BTC', timeframe, candles };
}

describe('Function: runWindow', () => {
  it('starts once the series has windowSize candles behind it and runs the given hours', () => {
    expect(runWindow([series('5m', T0, 5 * MINUTE, 300)], 100, 2)).toEqual({ from: T0 + 500 * MINUTE, to: T0 + 500 * MINUTE + 2 * HOUR, gaps: 0 });
  });

  it('starts on the next minute when the data is not on one', () => {
    const window = runWindow([series('1m', T0 + 30_000, MINUTE, 100)], 10, 0.5);

    expect(window).toEqual({ from: T0 + 11 * MINUTE, to: T0 + 41 * MINUTE, gaps: 0 });
  });

  it('starts when the last series to fill its window has', () => {
    const fiveMinutes = series('5m', T0, 5 * MINUTE, 1000);
    const hourly = series('1h', T0 - 2 * HOUR, HOUR, 100);

    // 5m: T0 + 50 min; 1h: T0 - 2 h + 10 h.
    expect(runWindow([fiveMinutes, hourly], 10, 1)).toEqual({ from: T0 + 8 * HOUR, to: T0 + 9 * HOUR, gaps: 0 });
    expect(runWindow([hourly, fiveMinutes], 10, 1).from).toBe(T0 + 8 * HOUR);
  });

  it('stops at the end of the first series to end, before the hours run out', () => {
    // Closes at T0 + 30 * 5 min.
    const short = series('5m', T0, 5 * MINUTE, 30);
    const long = series('1m', T0, MINUTE, 1000);

    expect(runWindow([long, short], 20, 24)).toEqual({ from: T0 + 100 * MINUTE, to: T0 + 150 * MINUTE, gaps: 0 });
  });

  it('counts the candles missing within the window only, over every series', () => {
    const step = 5 * MINUTE;
    // from = T0 + 10 min, to = T0 + 70 min; T0 + 5 min is history, T0 + 85 min is after the run.
    const fiveMinutes = series('5m', T0, step, 21, [T0 + 5 * MINUTE, T0 + 30 * MINUTE, T0 + 40 * MINUTE, T0 + 45 * MINUTE, T0 + 85 * MINUTE]);
    // from = T0 + 2 min; T0 + 1 min is history, T0 + 100 min after the run.
    const oneMinute = series('1m', T0, MINUTE, 200, [T0 + MINUTE, T0 + 20 * MINUTE, T0 + 100 * MINUTE]);

    expect(runWindow([fiveMinutes], 2, 1)).toEqual({ from: T0 + 10 * MINUTE, to: T0 + 70 * MINUTE, gaps: 3 });
    expect(runWindow([oneMinute], 2, 1)).toEqual({ from: T0 + 2 * MINUTE, to: T0 + 62 * MINUTE, gaps: 1 });
    expect(runWindow([fiveMinutes, oneMinute], 2, 1)).toEqual({ from: T0 + 10 * MINUTE, to: T0 + 70 * MINUTE, gaps: 4 });
  });

  it('counts a gap right after the last candle of history as missing', () => {
    // from = T0 + 10 min: the candle opening then is the first of the run.
    expect(runWindow([series('5m', T0, 5 * MINUTE, 30, [T0 + 10 * MINUTE])], 2, 1).gaps).toBe(1);
  });

  it('counts a candle missing just before the end of the window, whose successor opens after it', () => {
    // from = T0 + 10 min, to = T0 + 70 min; the candle opening at T0 + 65 min is missing.
    expect(runWindow([series('5m', T0, 5 * MINUTE, 21, [T0 + 65 * MINUTE])], 2, 1).gaps).toBe(1);
  });

  it('refuses too few candles for the window and something to trade on, naming --data and the files', () => {
    let error: unknown;
    try {
      runWindow([series('5m', T0, 5 * MINUTE, 100), series('1h', T0, HOUR, 3)], 3, 24);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('--data');
    expect((error as InvalidInputError).message).toBe(
      '--data: not enough candles: a run needs windowSize (3) candles of history and some to trade on; got data/LTC_BTC-5m.json (100 candles), data/LTC_BTC-1h.json (3 candles)',
    );
  });

  it('refuses a series with no candles', () => {
    expect(() => runWindow([series('5m', T0, 5 * MINUTE, 0)], 2, 1)).toThrow(InvalidInputError);
  });
});
