import { Decimal, dec } from '../../domain/decimal.js';
import type { Candle } from '../../domain/candle.js';
import type { Market } from '../../domain/market.js';

/**
 * A symbol's filters beyond what the Market carries, as the venue's exchangeInfo lists
 * them. The defaults are LTCBTC's on Binance (PERCENT_PRICE_BY_SIDE 5 / 0.2 over 5
 * minutes, at most 200 open orders of which 5 stop orders, MARKET_LOT_SIZE without a step).
 */
export interface SymbolRules {
  /** PRICE_FILTER maxPrice for price and stopPrice. */
  readonly maxPrice: string;
  readonly percentPriceBySide: {
    readonly bidMultiplierUp: string;
    readonly bidMultiplierDown: string;
    readonly askMultiplierUp: string;
    readonly askMultiplierDown: string;
    /** Minutes of trades the average price is taken over; 0 means the last price. */
    readonly avgPriceMins: number;
  };
  /** MARKET_LOT_SIZE; a stepSize of 0 disables the step rule, as on the venue. */
  readonly marketLotSize: { readonly minQty: string; readonly maxQty: string; readonly stepSize: string };
  /** MAX_NUM_ORDERS: open orders of any type on the symbol. */
  readonly maxNumOrders: number;
  /** MAX_NUM_ALGO_ORDERS: open stop-loss and take-profit orders on the symbol. */
  readonly maxNumAlgoOrders: number;
}

export type SymbolRulesInput = Partial<Omit<SymbolRules, 'percentPriceBySide' | 'marketLotSize'>> & {
  readonly percentPriceBySide?: Partial<SymbolRules['percentPriceBySide']>;
  readonly marketLotSize?: Partial<SymbolRules['marketLotSize']>;
};

const MIN_MAX_PRICE = dec('1000');

/**
 * The rules of one symbol: the given ones over the defaults. The default maxPrice is the
 * smallest power of ten at least 1000 times the highest price of the replayed candles (and
 * at least 1000), so no pair is refused for trading at its own price.
 */
export function symbolRules(market: Market, candles: readonly Candle[], given: SymbolRulesInput = {}): SymbolRules {
  const highest = candles.reduce((max, c) => (c.high > max ? c.high : max), 0);
  const wanted = dec(highest).times(1000);
  const maxPrice = wanted.lte(MIN_MAX_PRICE) ? MIN_MAX_PRICE : new Decimal(10).pow(Math.ceil(Math.log10(wanted.toNumber())));
  return {
    maxPrice: given.maxPrice ?? maxPrice.toFixed(),
    percentPriceBySide: { bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5, ...given.percentPriceBySide },
    marketLotSize: { minQty: '0', maxQty: market.maxAmount ?? '9000000', stepSize: '0', ...given.marketLotSize },
    maxNumOrders: given.maxNumOrders ?? 200,
    maxNumAlgoOrders: given.maxNumAlgoOrders ?? 5,
  };
}
