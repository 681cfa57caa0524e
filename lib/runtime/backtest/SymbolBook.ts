import { ArrayCandleWindow } from '../../domain/candleWindow.js';
import type { Market } from '../../domain/market.js';
import type { CandleSeries } from './loadCandleFile.js';

/** Per-series replay state: the window that restarts at each gap, and the last close. */
export class SymbolBook {
  readonly window: ArrayCandleWindow;
  windowStart = 0;
  lastClose = 0;
  gaps = 0;

  constructor(
    readonly series: CandleSeries,
    readonly market: Market,
    readonly timeframeMs: number,
    private readonly windowSize: number,
  ) {
    this.window = new ArrayCandleWindow(series.candles, 0, 0);
  }

  /** Moves the window to end at candle `index`; a missing interval starts a new window. */
  advance(index: number): void {
    const candles = this.series.candles;
    const candle = candles[index];
    const previous = candles[index - 1];
    if (candle && previous && candle.openTime - previous.openTime !== this.timeframeMs) {
      this.windowStart = index;
      this.gaps++;
    }
    this.window.moveTo(Math.max(this.windowStart, index + 1 - this.windowSize), index + 1);
    if (candle) this.lastClose = candle.close;
  }
}
