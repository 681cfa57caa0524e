import { timeframeMs, type Candle, type Timeframe } from '../domain/candle.js';
import type { CandleWindow } from '../domain/candleWindow.js';

/** A strategy's indicators for one series, fed one closed candle at a time. */
export interface IndicatorSet {
  add(candle: Candle): void;
}

interface Series<S> {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly stepMs: number;
  /** The indicators have seen every candle from firstOpenTime to lastOpenTime, and no other. */
  firstOpenTime: number;
  lastOpenTime: number;
  indicators: S;
}

/**
 * Keeps a strategy's indicators per symbol and timeframe between calls, so the usual
 * call (the window moved on by one candle) costs one `add`. Anything else — a cold
 * start, a window restarted after a gap, an older candle redelivered, a window reaching
 * further back than the indicators — rebuilds them from the whole window.
 *
 * When the window grew from the same first candle the result is exactly the cold one.
 * When it slid forward, the indicators still carry the candles that left it: they
 * differ from a cold rebuild by the weight of those candles, which decays geometrically
 * (about 1e-10 for EMA26 over a 300-candle window). Rebuilding on every slide would make
 * each call cost a whole window.
 */
export class IncrementalIndicators<S extends IndicatorSet> {
  private readonly bySymbol = new Map<string, Map<Timeframe, Series<S>>>();
  /** The series asked for last: a backtest of one series, or a batch of one symbol, asks for it again and again. */
  private lastSeries: Series<S> | undefined;

  constructor(private readonly createIndicators: () => S) {}

  /** The indicators for this series, having seen every candle of a non-empty window. */
  advance(symbol: string, timeframe: Timeframe, window: CandleWindow): S {
    const newestOpenTime = window.last().openTime;
    const firstOpenTime = window.at(0).openTime;
    const series = this.seriesOf(symbol, timeframe);
    // The window is contiguous, so first <= lastOpenTime means it still holds the last candle seen.
    const continues = firstOpenTime >= series.firstOpenTime && firstOpenTime <= series.lastOpenTime;
    if (continues && newestOpenTime === series.lastOpenTime) return series.indicators;
    if (continues && newestOpenTime === series.lastOpenTime + series.stepMs) {
      series.indicators.add(window.last());
      series.lastOpenTime = newestOpenTime;
      return series.indicators;
    }
    return this.rebuild(series, window);
  }

  /**
   * Feeds the candles of [from, to) one by one, as `advance` would on a window sliding over
   * them, while `quiet` holds for the indicators after each; returns the index of the first
   * candle after which it did not (fed already), or of the first not fed: a gap, or `to`. Feeds
   * nothing unless the indicators have seen exactly the candles up to the one before `from`.
   */
  feedWhile(symbol: string, timeframe: Timeframe, candles: readonly Candle[], from: number, to: number, quiet: (indicators: S) => boolean): number {
    const series = this.seriesOf(symbol, timeframe);
    if (from === 0 || candles[from - 1]?.openTime !== series.lastOpenTime) return from;
    for (let i = from; i < to; i++) {
      const candle = candles[i] as Candle;
      if (candle.openTime !== series.lastOpenTime + series.stepMs) return i;
      series.indicators.add(candle);
      series.lastOpenTime = candle.openTime;
      if (!quiet(series.indicators)) return i;
    }
    return to;
  }

  private rebuild(series: Series<S>, window: CandleWindow): S {
    const indicators = this.createIndicators();
    for (let i = 0; i < window.length; i++) indicators.add(window.at(i));
    series.indicators = indicators;
    series.firstOpenTime = window.at(0).openTime;
    series.lastOpenTime = window.last().openTime;
    return indicators;
  }

  private seriesOf(symbol: string, timeframe: Timeframe): Series<S> {
    const last = this.lastSeries;
    if (last !== undefined && last.symbol === symbol && last.timeframe === timeframe) return last;
    let byTimeframe = this.bySymbol.get(symbol);
    if (byTimeframe === undefined) {
      byTimeframe = new Map();
      this.bySymbol.set(symbol, byTimeframe);
    }
    let series = byTimeframe.get(timeframe);
    if (series === undefined) {
      // NaN never matches an open time, so the first call rebuilds.
      series = { symbol, timeframe, stepMs: timeframeMs(timeframe), firstOpenTime: NaN, lastOpenTime: NaN, indicators: this.createIndicators() };
      byTimeframe.set(timeframe, series);
    }
    return (this.lastSeries = series);
  }
}
