import { type Timeframe, timeframeMs } from '../../../domain/candle.js';

/**
 * Each configured symbol's shortest timeframe: the series whose newest stored candle carries
 * the symbol's quote (`DynamoDbCandleStore.latestQuote` reads it there). Symbols in
 * configuration order.
 */
export function quoteTimeframes(symbols: readonly { readonly symbol: string; readonly timeframe: Timeframe }[]): Map<string, Timeframe> {
  const shortest = new Map<string, Timeframe>();
  for (const { symbol, timeframe } of symbols) {
    const known = shortest.get(symbol);
    if (known === undefined || timeframeMs(timeframe) < timeframeMs(known)) shortest.set(symbol, timeframe);
  }
  return shortest;
}
