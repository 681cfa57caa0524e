import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import { lastOpenedIndex, priceAt } from '../../domain/candlePrice.js';
import { type Decimal, dec } from '../../domain/decimal.js';

export interface SimSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
}

/** A candle that has fully happened, for matching our orders against. */
export interface CrossedCandle {
  readonly symbol: string;
  readonly candle: Candle;
  readonly closeTime: number;
}

/**
 * The replayed market data: candle series by symbol and timeframe. The finest timeframe
 * of a symbol prices and matches its orders.
 *
 * The price at time t is the open of the candle in progress at t, or, in a gap or after
 * the data ends, the close of the last candle that ended by t: never anything that
 * happens after t.
 */
export class CandleTape {
  private readonly bySymbol = new Map<string, SimSeries[]>();

  constructor(series: readonly SimSeries[]) {
    for (const s of series) {
      if (s.candles.length === 0) throw new Error(`series ${s.symbol} ${s.timeframe} has no candles`);
      const list = this.bySymbol.get(s.symbol) ?? [];
      if (list.some((other) => other.timeframe === s.timeframe)) throw new Error(`series ${s.symbol} ${s.timeframe} given twice`);
      list.push(s);
      list.sort((a, b) => timeframeMs(a.timeframe) - timeframeMs(b.timeframe));
      this.bySymbol.set(s.symbol, list);
    }
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  series(symbol: string, timeframe: string): SimSeries | undefined {
    return this.bySymbol.get(symbol)?.find((s) => s.timeframe === timeframe);
  }

  /** The finest series of a symbol. */
  matchingSeries(symbol: string): SimSeries | undefined {
    return this.bySymbol.get(symbol)?.[0];
  }

  /** The close time of the first candle of all series: the default start of the clock. */
  firstClose(): number {
    let first = Infinity;
    for (const list of this.bySymbol.values()) {
      for (const s of list) first = Math.min(first, s.candles[0]!.openTime + timeframeMs(s.timeframe));
    }
    return first;
  }

  /** See `priceAt` of lib/domain/candlePrice.ts, on the symbol's finest series. */
  priceAt(symbol: string, time: number): Decimal | undefined {
    const s = this.matchingSeries(symbol);
    const price = s && priceAt(s.candles, timeframeMs(s.timeframe), time);
    return price === undefined ? undefined : dec(price);
  }

  /** The last candle of the symbol's finest series that closed by `time`. */
  lastClosed(symbol: string, time: number): Candle | undefined {
    const s = this.matchingSeries(symbol);
    if (!s) return undefined;
    const index = lastOpenedIndex(s.candles, time - timeframeMs(s.timeframe));
    return index < 0 ? undefined : s.candles[index];
  }

  /**
   * The venue's "average of previous trade prices": the volume-weighted average of the
   * closes of the candles that closed in the `minutes` before `time`; the price at `time`
   * when none did, none traded, or `minutes` is 0.
   */
  averagePrice(symbol: string, time: number, minutes: number): Decimal | undefined {
    const s = this.matchingSeries(symbol);
    const last = this.priceAt(symbol, time);
    if (!s || minutes <= 0) return last;
    const step = timeframeMs(s.timeframe);
    let volume = dec(0);
    let turnover = dec(0);
    for (let i = lastOpenedIndex(s.candles, time - step); i >= 0; i--) {
      const c = s.candles[i]!;
      if (c.openTime + step <= time - minutes * 60_000) break;
      volume = volume.plus(c.volume);
      turnover = turnover.plus(dec(c.close).times(c.volume));
    }
    return volume.isZero() ? last : turnover.dividedBy(volume);
  }

  /** Candles of every symbol's matching series that close in (after, until], by close time. */
  crossedBetween(after: number, until: number): CrossedCandle[] {
    const crossed: CrossedCandle[] = [];
    for (const [symbol] of this.bySymbol) {
      const s = this.matchingSeries(symbol)!;
      const step = timeframeMs(s.timeframe);
      let i = Math.max(0, lastOpenedIndex(s.candles, after - step) + 1);
      for (; i < s.candles.length; i++) {
        const candle = s.candles[i]!;
        const closeTime = candle.openTime + step;
        if (closeTime > until) break;
        if (closeTime > after) crossed.push({ symbol, candle, closeTime });
      }
    }
    return crossed.sort((a, b) => a.closeTime - b.closeTime || a.symbol.localeCompare(b.symbol));
  }
}
