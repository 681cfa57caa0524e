import { timeframeMs } from '../../../domain/candle.js';
import { dec, toDecimalString } from '../../../domain/decimal.js';
import type { Logger } from '../../../ports/Logger.js';
import type { SeriesReading } from './seriesHealth.js';

/** A symbol's price and where it came from: `stored` by capture, asked of the `venue`, or a `stale` stored one. */
export interface PricePoint {
  readonly price: string;
  readonly at: number;
  readonly source: 'stored' | 'venue' | 'stale';
}

/**
 * Each symbol's newest stored price over its series: the quote's last price captured with
 * the newest candle, else that candle's close. `at` is the capture time (the candle's close
 * time when the item has none).
 */
export function storedPrices(readings: readonly SeriesReading[]): Map<string, { readonly price: string; readonly at: number }> {
  const prices = new Map<string, { price: string; at: number }>();
  for (const { symbol, timeframe, latest } of readings) {
    if (!latest) continue;
    const at = latest.capturedAt ?? latest.openTime + timeframeMs(timeframe);
    const known = prices.get(symbol);
    if (known && known.at >= at) continue;
    prices.set(symbol, { price: latest.quote?.last ?? toDecimalString(dec(latest.close)), at });
  }
  return prices;
}

export interface LatestPriceDeps {
  readonly now: number;
  /** A stored price at most this old is used as it is. */
  readonly freshMs: number;
  /** The venue's last price; undefined when there is no venue to ask. */
  readonly venueLastPrice?: (symbol: string) => Promise<number>;
  readonly logger: Logger;
}

/**
 * The latest price of each symbol: the stored one while fresh (capture writes it every
 * run that closes a candle, so a one-minute series costs no venue call), else the venue's
 * last price, else the stored one however old (`stale`). A symbol with neither has no price.
 */
export async function latestPrices(symbols: readonly string[], stored: ReadonlyMap<string, { readonly price: string; readonly at: number }>, deps: LatestPriceDeps): Promise<Map<string, PricePoint>> {
  const points = await Promise.all(
    symbols.map(async (symbol): Promise<[string, PricePoint | undefined]> => {
      const known = stored.get(symbol);
      if (known && deps.now - known.at <= deps.freshMs) return [symbol, { ...known, source: 'stored' }];
      if (deps.venueLastPrice) {
        try {
          return [symbol, { price: toDecimalString(dec(await deps.venueLastPrice(symbol))), at: deps.now, source: 'venue' }];
        } catch (error) {
          deps.logger.warn({ symbol, err: error }, 'no last price from the venue');
        }
      }
      return [symbol, known ? { ...known, source: 'stale' } : undefined];
    }),
  );
  return new Map(points.filter((p): p is [string, PricePoint] => p[1] !== undefined));
}
