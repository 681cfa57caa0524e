import { exchangeInfoBody } from './exchangeInfoBody.js';
import { venueErrors } from './errors.js';
import { klineRows } from './klineRows.js';
import { integerParam, limitParam, marketParam } from './requestParams.js';
import type { RouteHandler } from './Router.js';
import { bookTickerBody, dayTickerBody, priceTickerBody } from './tickerBodies.js';
import type { VenueState } from './VenueState.js';

/**
 * The unsigned market-data endpoints. The tickers answer for one symbol when `symbol`
 * is given and for all otherwise, as the venue does.
 */
export function publicRoutes(state: VenueState): Record<string, RouteHandler> {
  const markets = () => [...state.markets.values()];
  const oneOrAll = (params: URLSearchParams, body: (market: ReturnType<typeof marketParam>) => object): object =>
    params.has('symbol') ? body(marketParam(state, params)) : markets().map(body);
  return {
    'GET /api/v3/ping': () => ({}),
    'GET /api/v3/time': () => ({ serverTime: state.now() }),
    'GET /api/v3/exchangeInfo': (params) => {
      const wanted = params.get('symbol') ?? undefined;
      const chosen = wanted === undefined ? markets() : markets().filter((m) => `${m.base}${m.quote}` === wanted);
      if (wanted !== undefined && chosen.length === 0) throw venueErrors.invalidSymbol();
      return exchangeInfoBody(chosen, state.rules, { requestWeight: state.requestWeightLimit, orders: state.orderCounts.limits }, state.now());
    },
    'GET /api/v3/klines': (params) => {
      const market = marketParam(state, params);
      const series = state.tape.series(market.symbol, params.get('interval') ?? '');
      if (!series) throw venueErrors.invalidInterval();
      return klineRows(series, state.now(), {
        startTime: integerParam(params, 'startTime'),
        endTime: integerParam(params, 'endTime'),
        limit: limitParam(params, 500, 1000),
      });
    },
    'GET /api/v3/ticker/price': (params) => oneOrAll(params, (m) => priceTickerBody(state, m)),
    'GET /api/v3/ticker/bookTicker': (params) => oneOrAll(params, (m) => bookTickerBody(state, m)),
    'GET /api/v3/ticker/24hr': (params) => oneOrAll(params, (m) => dayTickerBody(state, m)),
  };
}
