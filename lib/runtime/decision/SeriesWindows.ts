import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import { ArrayCandleWindow, type CandleWindow } from '../../domain/candleWindow.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';

/** Where a cold window comes from: the stored candles of a series before a time. */
export type CandleHistory = (symbol: string, timeframe: Timeframe, from: number, to: number) => Promise<readonly Candle[]>;

interface Series {
  candles: Candle[];
}

/**
 * The strategy's window per symbol and timeframe, kept between candles while the process
 * lives (a warm Lambda container): only a cold series reads its history. A gap or a
 * candle out of order starts the window again from what is stored.
 */
export class SeriesWindows implements CandleWindows {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly size: number,
    private readonly history: CandleHistory,
  ) {}

  async advance(symbol: string, timeframe: Timeframe, candle: Candle): Promise<CandleWindow> {
    const key = `${symbol}#${timeframe}`;
    const step = timeframeMs(timeframe);
    const known = this.series.get(key);
    const last = known?.candles[known.candles.length - 1];
    let series: Series;
    if (known && last && candle.openTime === last.openTime) {
      // The same candle again (a decision retried): the window is already where it should be.
      series = known;
      series.candles[series.candles.length - 1] = candle;
    } else if (known && last && candle.openTime === last.openTime + step) {
      series = known;
      series.candles.push(candle);
      if (series.candles.length > this.size * 2) series.candles.splice(0, series.candles.length - this.size);
    } else {
      series = { candles: await this.cold(symbol, timeframe, candle, step) };
      this.series.set(key, series);
    }
    const start = Math.max(0, series.candles.length - this.size);
    return new ArrayCandleWindow(series.candles, start, series.candles.length);
  }

  /** The stored candles just before this one, cut at the last gap, then this candle. */
  private async cold(symbol: string, timeframe: Timeframe, candle: Candle, step: number): Promise<Candle[]> {
    const stored = await this.history(symbol, timeframe, candle.openTime - (this.size - 1) * step, candle.openTime);
    const contiguous: Candle[] = [candle];
    for (let i = stored.length - 1, expected = candle.openTime - step; i >= 0; i--, expected -= step) {
      const previous = stored[i];
      if (previous?.openTime !== expected) break;
      contiguous.push(previous);
    }
    return contiguous.reverse();
  }
}
