import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Balances } from './Balances.js';
import type { CandleTape } from './CandleTape.js';
import type { FillModel } from './FillModel.js';
import type { OrderBook } from './OrderBook.js';
import type { SymbolRules } from './SymbolRules.js';
import type { UnfilledOrderCount } from './UnfilledOrderCount.js';

export interface PartialFillOptions {
  /** At most this fraction of an order's quantity fills per candle, e.g. '0.25'. */
  readonly maxFillFractionPerCandle: string;
  /** When given, each candle fills a seeded random share of that maximum (at least one lot). */
  readonly seed?: number;
}

/** Everything the venue's trading logic reads and changes, shared by the engine and the routes. */
export interface VenueState {
  /** By venue symbol (LTCBTC); their fee rates are the ones charged. */
  readonly markets: ReadonlyMap<string, Market>;
  /** By venue symbol: the filters beyond the market's steps and limits. */
  readonly rules: ReadonlyMap<string, SymbolRules>;
  readonly fills: FillModel;
  /** REQUEST_WEIGHT per minute, as exchangeInfo advertises it. */
  readonly requestWeightLimit: number;
  readonly tape: CandleTape;
  readonly balances: Balances;
  readonly book: OrderBook;
  /** Market orders pay this fraction above the price (buy) or receive it below (sell). */
  readonly spread: Decimal;
  /** 'open': a client order id may be reused once its order is closed, as on Binance; 'all': never. */
  readonly clientOrderIdUniqueness: 'open' | 'all';
  readonly partialFills: PartialFillOptions | undefined;
  /** The account's rates, as GET /api/v3/account reports them. */
  readonly commissionRates: { readonly maker: Decimal; readonly taker: Decimal };
  /** The ORDERS rate limits exchangeInfo advertises, kept as the unfilled order count. */
  readonly orderCounts: UnfilledOrderCount;
  now(): number;
}

