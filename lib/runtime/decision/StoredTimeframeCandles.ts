import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import type { TimeframeCandles } from '../../ports/TimeframeCandles.js';
import type { CandleHistory } from './SeriesWindows.js';

/**
 * Every configured timeframe's candles read from the candle store (the Lambda and local
 * decider): one query of `count` candles per other timeframe, made only when a strategy asks.
 */
export class StoredTimeframeCandles implements TimeframeCandles {
  private readonly timeframes = new Map<string, Timeframe[]>();

  constructor(
    symbols: readonly { readonly symbol: string; readonly timeframe: Timeframe }[],
    private readonly history: CandleHistory,
  ) {
    for (const { symbol, timeframe } of symbols) {
      const known = this.timeframes.get(symbol) ?? [];
      if (!known.includes(timeframe)) this.timeframes.set(symbol, [...known, timeframe]);
    }
  }

  timeframesOf(symbol: string): readonly Timeframe[] {
    return this.timeframes.get(symbol) ?? [];
  }

  async closedBy(symbol: string, timeframe: Timeframe, closedBy: number, count: number): Promise<readonly Candle[]> {
    const step = timeframeMs(timeframe);
    // Open times from closedBy - count·step to closedBy - step: the last `count` periods, closed by then.
    return this.history(symbol, timeframe, closedBy - count * step, closedBy - step + 1);
  }
}
