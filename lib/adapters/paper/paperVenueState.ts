import type { Candle } from '../../domain/candle.js';
import type { Fill, Order } from '../../domain/order.js';

/** Everything a paper venue holds, as plain JSON: what DynamoDbPaperVenue stores between invocations. */
export interface PaperVenueState {
  readonly totals: Readonly<Record<string, string>>;
  /** Orders the venue knows, open first; ended ones kept for lookups by client order id. */
  readonly orders: readonly Order[];
  /** Client order id and amount reserved of each resting (open) order; `working` for a stop triggered and left as a limit. */
  readonly resting: readonly { readonly clientOrderId: string; readonly reserveAsset: string; readonly reserved: string; readonly working?: true }[];
  readonly lastCandles: Readonly<Record<string, Candle>>;
  readonly fills: readonly Fill[];
  readonly nextOrderId: number;
}
