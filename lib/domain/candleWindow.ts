import type { Candle } from './candle.js';

/**
 * The recent contiguous candles of one symbol, oldest first. It never spans a gap:
 * whoever feeds it starts a new window when a candle is missing.
 */
export interface CandleWindow {
  readonly length: number;
  /** 0 is the oldest candle in the window; length - 1 the newest. */
  at(index: number): Candle;
  last(): Candle;
}

/** A window over a slice of an array, without copying: the backtest's and a loaded page's view. */
export class ArrayCandleWindow implements CandleWindow {
  constructor(
    private readonly candles: readonly Candle[],
    private start: number,
    private end: number,
  ) {}

  static of(candles: readonly Candle[]): ArrayCandleWindow {
    return new ArrayCandleWindow(candles, 0, candles.length);
  }

  get length(): number {
    return this.end - this.start;
  }

  at(index: number): Candle {
    const candle = this.candles[this.start + index];
    if (candle === undefined || index < 0 || index >= this.length) throw new RangeError(`candle ${index} is outside the window`);
    return candle;
  }

  last(): Candle {
    return this.at(this.length - 1);
  }

  /** Moves the window to [start, end) of the same array. */
  moveTo(start: number, end: number): void {
    this.start = start;
    this.end = end;
  }
}
