import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { venueErrors } from './errors.js';
import type { OrderSide } from './SimOrder.js';
import type { SymbolRules } from './SymbolRules.js';

const DEFAULT_MAX_QTY = dec('9000000');
/** NOTIONAL maxNotional when the market names no maxCost, as exchangeInfo advertises it. */
export const DEFAULT_MAX_NOTIONAL = '9000000';

export interface FilteredOrder {
  readonly side: OrderSide;
  readonly isMarket: boolean;
  readonly price: Decimal | undefined;
  readonly stopPrice: Decimal | undefined;
  readonly quantity: Decimal;
  /** The price the notional is taken at: the order's, or for a market order the average price. */
  readonly notionalPrice: Decimal;
  /** The average of previous trade prices over the rules' avgPriceMins. */
  readonly averagePrice: Decimal;
}

/**
 * The venue's symbol filters, in the order exchangeInfo lists them: PRICE_FILTER (price
 * and stopPrice), PERCENT_PRICE_BY_SIDE (price), LOT_SIZE, MARKET_LOT_SIZE (market
 * orders), NOTIONAL (its maximum for other than market orders). Throws the venue's -1013 rejection naming the filter.
 */
export function checkOrderFilters(market: Market, rules: SymbolRules, order: FilteredOrder): void {
  const maxPrice = dec(rules.maxPrice);
  for (const price of [order.price, order.stopPrice]) {
    if (price === undefined) continue;
    if (price.lt(market.priceStep) || price.gt(maxPrice) || !price.mod(market.priceStep).isZero()) throw venueErrors.filterFailure('PRICE_FILTER');
  }
  if (order.price !== undefined) {
    const bands = rules.percentPriceBySide;
    const [up, down] = order.side === 'BUY' ? [bands.bidMultiplierUp, bands.bidMultiplierDown] : [bands.askMultiplierUp, bands.askMultiplierDown];
    if (order.price.gt(order.averagePrice.times(up)) || order.price.lt(order.averagePrice.times(down))) throw venueErrors.filterFailure('PERCENT_PRICE_BY_SIDE');
  }
  const maxQty = market.maxAmount === undefined ? DEFAULT_MAX_QTY : dec(market.maxAmount);
  if (!withinLot(order.quantity, dec(market.minAmount), maxQty, dec(market.amountStep))) throw venueErrors.filterFailure('LOT_SIZE');
  if (order.isMarket) {
    const lot = rules.marketLotSize;
    if (!withinLot(order.quantity, dec(lot.minQty), dec(lot.maxQty), dec(lot.stepSize))) throw venueErrors.filterFailure('MARKET_LOT_SIZE');
  }
  const notional = order.quantity.times(order.notionalPrice);
  // filters.md NOTIONAL: minNotional ≤ price × quantity ≤ maxNotional; exchangeInfo says applyMinToMarket
  // true and applyMaxToMarket false, so a market order is held to the minimum only.
  const overMax = !order.isMarket && notional.gt(market.maxCost ?? DEFAULT_MAX_NOTIONAL);
  if (notional.lt(market.minCost) || overMax) throw venueErrors.filterFailure('NOTIONAL');
}

/** quantity ≥ minQty, ≤ maxQty, and a multiple of the step (a zero step disables that rule). */
function withinLot(quantity: Decimal, minQty: Decimal, maxQty: Decimal, step: Decimal): boolean {
  return quantity.gte(minQty) && quantity.lte(maxQty) && (step.isZero() || quantity.mod(step).isZero());
}
