import { timeframeMs } from '../../domain/candle.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { CandleSeries } from '../../runtime/backtest/loadCandleFile.js';
import { runStart } from '../../runtime/backtest/runStart.js';

export interface RunWindow {
  readonly from: number;
  readonly to: number;
  /** Candles missing from the data that would open within the window, over every series. */
  readonly gaps: number;
}

const MINUTE = 60_000;

/**
 * When a local run over candle files starts and ends: it starts once every series has a
 * full strategy window behind it (capture's first run stores that much history), on a
 * minute, and runs `hours` of simulated time or until the first series ends.
 */
export function runWindow(series: readonly CandleSeries[], windowSize: number, hours: number): RunWindow {
  const ends = series.map((s) => (s.candles.at(-1)?.openTime ?? 0) + timeframeMs(s.timeframe));
  const from = runStart(series, windowSize);
  const to = Math.min(from + hours * 60 * MINUTE, ...ends);
  if (to <= from) {
    const short = series.map((s) => `${s.file} (${s.candles.length} candles)`).join(', ');
    throw new InvalidInputError('--data', `not enough candles: a run needs windowSize (${windowSize}) candles of history and some to trade on; got ${short}`);
  }
  return { from, to, gaps: series.reduce((n, s) => n + missingCandles(s, from, to), 0) };
}

/** The series' candle slots that open within [from, to), less the candles there. */
function missingCandles(series: CandleSeries, from: number, to: number): number {
  const step = timeframeMs(series.timeframe);
  const origin = series.candles[0]?.openTime ?? 0;
  const firstSlot = Math.ceil((from - origin) / step);
  const endSlot = Math.ceil((to - origin) / step);
  const present = series.candles.filter((c) => c.openTime >= from && c.openTime < to).length;
  return Math.max(0, endSlot - firstSlot) - present;
}
