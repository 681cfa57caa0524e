import { timeframeMs } from '../../domain/candle.js';
import { priceAt } from '../../domain/candlePrice.js';
import type { CandleSeries } from './loadCandleFile.js';

/**
 * The price a symbol trades at, at a time, by its finest series: what prices a replay's
 * orders, as the exchange simulator's tape does (see PaperExchangeOptions.priceAt).
 */
export function replayPriceAt(series: readonly CandleSeries[]): (symbol: string, time: number) => number | undefined {
  const tapes = new Map<string, { readonly candles: CandleSeries['candles']; readonly stepMs: number }>();
  for (const s of series) {
    const stepMs = timeframeMs(s.timeframe);
    const known = tapes.get(s.symbol);
    if (known === undefined || stepMs < known.stepMs) tapes.set(s.symbol, { candles: s.candles, stepMs });
  }
  return (symbol, time) => {
    const tape = tapes.get(symbol);
    return tape && priceAt(tape.candles, tape.stepMs, time);
  };
}
