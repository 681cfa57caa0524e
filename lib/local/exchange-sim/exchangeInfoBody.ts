import { dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { DEFAULT_MAX_NOTIONAL } from './checkOrderFilters.js';
import type { SymbolRules } from './SymbolRules.js';
import type { OrderRateLimit } from './UnfilledOrderCount.js';

/** The venue's symbol for a market: LTC/BTC → LTCBTC. */
export function venueSymbol(market: Pick<Market, 'base' | 'quote'>): string {
  return `${market.base}${market.quote}`;
}

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'];

/** Decimal places of a step such as 0.001 (3); ccxt reads the steps, people read these. */
function places(step: string): number {
  return dec(step).decimalPlaces();
}

/** GET /api/v3/exchangeInfo: the fields ccxt's parseMarket reads, shaped like the venue's answer. */
export function exchangeInfoBody(
  markets: readonly Market[],
  rules: ReadonlyMap<string, SymbolRules>,
  limits: { readonly requestWeight: number; readonly orders: readonly OrderRateLimit[] },
  serverTime: number,
): object {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.requestWeight },
      ...limits.orders.map((l) => ({ rateLimitType: 'ORDERS', interval: l.interval, intervalNum: l.intervalNum, limit: l.limit })),
    ],
    exchangeFilters: [],
    symbols: markets.map((m) => symbolBody(m, rules.get(venueSymbol(m))!)),
  };
}

function symbolBody(m: Market, rules: SymbolRules): object {
  const band = rules.percentPriceBySide;
  const lot = rules.marketLotSize;
  return {
      symbol: venueSymbol(m),
      status: 'TRADING',
      baseAsset: m.base,
      baseAssetPrecision: 8,
      quoteAsset: m.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ORDER_TYPES,
      icebergAllowed: false,
      ocoAllowed: false,
      otoAllowed: false,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      amendAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: dec(m.priceStep).toFixed(8), maxPrice: dec(rules.maxPrice).toFixed(8), tickSize: dec(m.priceStep).toFixed(Math.max(8, places(m.priceStep))) },
        {
          filterType: 'LOT_SIZE',
          minQty: dec(m.minAmount).toFixed(8),
          maxQty: dec(m.maxAmount ?? '9000000').toFixed(8),
          stepSize: dec(m.amountStep).toFixed(Math.max(8, places(m.amountStep))),
        },
        {
          filterType: 'MARKET_LOT_SIZE',
          minQty: dec(lot.minQty).toFixed(8),
          maxQty: dec(lot.maxQty).toFixed(8),
          stepSize: dec(lot.stepSize).toFixed(Math.max(8, places(lot.stepSize))),
        },
        {
          filterType: 'PERCENT_PRICE_BY_SIDE',
          bidMultiplierUp: band.bidMultiplierUp,
          bidMultiplierDown: band.bidMultiplierDown,
          askMultiplierUp: band.askMultiplierUp,
          askMultiplierDown: band.askMultiplierDown,
          avgPriceMins: band.avgPriceMins,
        },
        {
          filterType: 'NOTIONAL',
          minNotional: dec(m.minCost).toFixed(8),
          applyMinToMarket: true,
          maxNotional: dec(m.maxCost ?? DEFAULT_MAX_NOTIONAL).toFixed(8),
          applyMaxToMarket: false,
          avgPriceMins: 5,
        },
        { filterType: 'MAX_NUM_ORDERS', maxNumOrders: rules.maxNumOrders },
        { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: rules.maxNumAlgoOrders },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'NONE'],
  };
}
