import type { Candle, Timeframe } from '../../domain/candle.js';
import type { CandleSeries } from '../backtest/loadCandleFile.js';

/**
 * A series' candles as six float64s each ([openTime, open, high, low, close, volume], row after
 * row) in a SharedArrayBuffer: decoded once by the main thread and handed to every worker
 * without a copy, where an array of candle objects would be structured-cloned into each one.
 * A float64 holds every figure a candle file can (JSON numbers, openTime in ms) exactly.
 */
export interface SharedCandleSeries {
  readonly file: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly rows: Float64Array;
}

const FIELDS = 6;

export function shareCandleSeries(series: readonly CandleSeries[]): SharedCandleSeries[] {
  return series.map(({ file, symbol, timeframe, candles }) => {
    const rows = new Float64Array(new SharedArrayBuffer(candles.length * FIELDS * Float64Array.BYTES_PER_ELEMENT));
    for (let i = 0, at = 0; i < candles.length; i++, at += FIELDS) {
      const candle = candles[i] as Candle;
      rows[at] = candle.openTime;
      rows[at + 1] = candle.open;
      rows[at + 2] = candle.high;
      rows[at + 3] = candle.low;
      rows[at + 4] = candle.close;
      rows[at + 5] = candle.volume;
    }
    return { file, symbol, timeframe, rows };
  });
}

/** The candle objects the engine reads, made once per worker from the shared rows. */
export function unshareCandleSeries(shared: readonly SharedCandleSeries[]): CandleSeries[] {
  return shared.map(({ file, symbol, timeframe, rows }) => {
    const candles = new Array<Candle>(rows.length / FIELDS);
    for (let i = 0, at = 0; i < candles.length; i++, at += FIELDS) {
      candles[i] = { openTime: rows[at] as number, open: rows[at + 1] as number, high: rows[at + 2] as number, low: rows[at + 3] as number, close: rows[at + 4] as number, volume: rows[at + 5] as number };
    }
    return { file, symbol, timeframe, candles };
  });
}
