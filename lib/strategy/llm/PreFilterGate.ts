import type { Timeframe } from '../../domain/candle.js';
import type { MarketSnapshot } from '../marketSnapshot.js';
import type { PreFilter } from './llmParams.js';

/** Whether the model is asked about a candle, by the configured pre-filter. */
export class PreFilterGate {
  /** Series → whether EMA12 was above EMA26 at the last candle seen. */
  private readonly fastAbove = new Map<string, boolean>();

  constructor(private readonly filter: PreFilter) {}

  /** For `every-n`, from the candle's open time alone, so a cold process asks on the same candles. */
  asksByTime(openTime: number, timeframeMs: number): boolean | undefined {
    if (this.filter.kind === 'every-candle') return true;
    if (this.filter.kind === 'every-n') return Math.floor(openTime / timeframeMs) % this.filter.everyNCandles === 0;
    return undefined;
  }

  /** For `indicator`: a cross of EMA12 over or under EMA26 since the last candle seen, or RSI14 at an extreme. */
  asksBySnapshot(snapshot: MarketSnapshot): boolean {
    if (this.filter.kind !== 'indicator') return true;
    const { ema12, ema26, rsi14 } = snapshot.indicators;
    const key = seriesKey(snapshot.symbol, snapshot.timeframe);
    let crossed = false;
    if (ema12 !== null && ema26 !== null) {
      const above = ema12 > ema26;
      const before = this.fastAbove.get(key);
      crossed = before !== undefined && before !== above;
      this.fastAbove.set(key, above);
    }
    const extreme = rsi14 !== null && (rsi14 <= this.filter.rsiLow || rsi14 >= this.filter.rsiHigh);
    return crossed || extreme;
  }
}

function seriesKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}#${timeframe}`;
}
