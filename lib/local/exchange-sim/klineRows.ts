import { type Candle, timeframeMs } from '../../domain/candle.js';
import { dec } from '../../domain/decimal.js';
import { lastOpenedIndex } from '../../domain/candlePrice.js';
import type { SimSeries } from './CandleTape.js';

export interface KlinesQuery {
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly limit: number;
}

type KlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

/**
 * GET /api/v3/klines over the candles that have opened by `now`, paged as the venue pages:
 * from startTime forward when it is given, otherwise the last `limit` up to endTime.
 * Gaps in the data stay gaps. The candle still forming at `now` is included, as the venue
 * includes it; having no intra-candle data, the simulator shows it as its open price with
 * zero volume, so nothing after `now` leaks.
 */
export function klineRows(series: SimSeries, now: number, query: KlinesQuery): KlineRow[] {
  const step = timeframeMs(series.timeframe);
  const candles = series.candles;
  const lastIndex = lastOpenedIndex(candles, Math.min(now, query.endTime ?? Infinity));
  const rows: KlineRow[] = [];
  if (lastIndex < 0) return rows;
  let first: number;
  let last: number;
  if (query.startTime !== undefined) {
    first = lastOpenedIndex(candles, query.startTime - 1) + 1;
    last = Math.min(lastIndex, first + query.limit - 1);
  } else {
    last = lastIndex;
    first = Math.max(0, last - query.limit + 1);
  }
  for (let i = first; i <= last; i++) {
    const candle = candles[i]!;
    const forming = candle.openTime + step > now;
    rows.push(toRow(forming ? formingView(candle) : candle, step));
  }
  return rows;
}

function formingView(candle: Candle): Candle {
  return { openTime: candle.openTime, open: candle.open, high: candle.open, low: candle.open, close: candle.open, volume: 0 };
}

function toRow(c: Candle, step: number): KlineRow {
  const volume = dec(c.volume);
  const quoteVolume = volume.times(dec(c.close)).toDecimalPlaces(8);
  return [
    c.openTime,
    dec(c.open).toFixed(8),
    dec(c.high).toFixed(8),
    dec(c.low).toFixed(8),
    dec(c.close).toFixed(8),
    volume.toFixed(8),
    c.openTime + step - 1,
    quoteVolume.toFixed(8),
    0,
    '0.00000000',
    '0.00000000',
    '0',
  ];
}
