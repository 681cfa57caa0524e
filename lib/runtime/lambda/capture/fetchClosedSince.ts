import { type Candle, type Timeframe, timeframeMs } from '../../../domain/candle.js';

/** Candles per request: within every major venue's kline limit (Binance allows 1000). */
export const CANDLES_PER_REQUEST = 500;

export type FetchClosedCandles = (symbol: string, timeframe: Timeframe, since?: number, limit?: number) => Promise<readonly Candle[]>;

/**
 * Every closed candle that opened at or after `since` (up to `now`), oldest first, page
 * after page. Each request asks for no more than can have closed, plus the one still
 * forming, which the venue may count in its limit. Stops at the first page that brings
 * nothing new, so a venue with a gap at the end of its data cannot loop it.
 */
export async function fetchClosedSince(fetch: FetchClosedCandles, symbol: string, timeframe: Timeframe, since: number, now: number): Promise<Candle[]> {
  const step = timeframeMs(timeframe);
  const candles: Candle[] = [];
  let from = since;
  while (from + step <= now) {
    const closable = Math.floor((now - from) / step);
    const page = await fetch(symbol, timeframe, from, Math.min(CANDLES_PER_REQUEST, closable + 1));
    const fresh = page.filter((c) => c.openTime >= from).sort((a, b) => a.openTime - b.openTime);
    const last = fresh[fresh.length - 1];
    if (last === undefined) break;
    candles.push(...fresh);
    from = last.openTime + step;
  }
  return candles;
}
