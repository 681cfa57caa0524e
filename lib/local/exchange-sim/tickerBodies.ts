import { timeframeMs } from '../../domain/candle.js';
import { Decimal, ZERO, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { lastOpenedIndex } from '../../domain/candlePrice.js';
import { venueSymbol } from './exchangeInfoBody.js';
import { quoteAround } from '../../domain/venueQuote.js';
import type { VenueState } from './VenueState.js';
import { venueDecimal } from './venueDecimal.js';

const DAY_MS = 86_400_000;

/** The price and the simulator's quote around it, or undefined before the data starts. */
function priceAndQuote(state: VenueState, market: Market): { last: Decimal; bid: Decimal; ask: Decimal } | undefined {
  const last = state.tape.priceAt(market.symbol, state.now());
  return last ? { last, ...quoteAround(market, last, state.spread) } : undefined;
}

/** GET /api/v3/ticker/price. */
export function priceTickerBody(state: VenueState, market: Market): object {
  const quote = priceAndQuote(state, market);
  return { symbol: venueSymbol(market), price: venueDecimal(quote?.last ?? ZERO) };
}

/** GET /api/v3/ticker/bookTicker; the quantities are nominal, the simulator has no depth. */
export function bookTickerBody(state: VenueState, market: Market): object {
  const quote = priceAndQuote(state, market);
  return {
    symbol: venueSymbol(market),
    bidPrice: venueDecimal(quote?.bid ?? ZERO),
    bidQty: '1000.00000000',
    askPrice: venueDecimal(quote?.ask ?? ZERO),
    askQty: '1000.00000000',
  };
}

/** GET /api/v3/ticker/24hr over the candles that closed in the last 24 hours, and the price now. */
export function dayTickerBody(state: VenueState, market: Market): object {
  const now = state.now();
  const quote = priceAndQuote(state, market);
  const series = state.tape.matchingSeries(market.symbol);
  const step = series ? timeframeMs(series.timeframe) : DAY_MS;
  let high = quote?.last ?? ZERO;
  let low = quote?.last ?? ZERO;
  let volume = ZERO;
  let quoteVolume = ZERO;
  let open = quote?.last ?? ZERO;
  if (series) {
    const lastClosed = lastOpenedIndex(series.candles, now - step);
    for (let i = lastClosed; i >= 0; i--) {
      const c = series.candles[i]!;
      if (c.openTime < now - DAY_MS) break;
      open = dec(c.open);
      high = Decimal.max(high, c.high);
      low = Decimal.min(low, c.low);
      volume = volume.plus(c.volume);
      quoteVolume = quoteVolume.plus(dec(c.volume).times(c.close));
    }
  }
  const last = quote?.last ?? ZERO;
  const change = last.minus(open);
  return {
    symbol: venueSymbol(market),
    priceChange: venueDecimal(change),
    priceChangePercent: open.isZero() ? '0.000' : change.dividedBy(open).times(100).toFixed(3),
    weightedAvgPrice: venueDecimal(volume.isZero() ? last : quoteVolume.dividedBy(volume).toDecimalPlaces(8)),
    prevClosePrice: venueDecimal(open),
    lastPrice: venueDecimal(last),
    lastQty: '0.00000000',
    bidPrice: venueDecimal(quote?.bid ?? ZERO),
    bidQty: '1000.00000000',
    askPrice: venueDecimal(quote?.ask ?? ZERO),
    askQty: '1000.00000000',
    openPrice: venueDecimal(open),
    highPrice: venueDecimal(high),
    lowPrice: venueDecimal(low),
    volume: venueDecimal(volume.toDecimalPlaces(8)),
    quoteVolume: venueDecimal(quoteVolume.toDecimalPlaces(8)),
    openTime: now - DAY_MS,
    closeTime: now,
    firstId: -1,
    lastId: -1,
    count: 0,
  };
}
