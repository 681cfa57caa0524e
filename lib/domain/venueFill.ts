/**
 * The money of one fill as Binance books it. The exchange simulator and the paper venue
 * (the backtest's) both book fills with it, so a backtest's fills are the venue's to the
 * last satoshi.
 */
import { Decimal } from './decimal.js';

/** Binance's side names. */
export type VenueSide = 'BUY' | 'SELL';

/** The venue keeps every asset amount to 8 decimal places. */
export const ASSET_PLACES = 8;

export interface FillAmounts {
  /** price × qty, to 8 places rounded down: summing the fills of an order never exceeds its lock. */
  readonly quoteQty: Decimal;
  /** Charged in the asset received (base on a buy, quote on a sell), as Binance does without BNB. */
  readonly commission: Decimal;
  /** What the account receives after the commission. */
  readonly received: Decimal;
  /** What the account gives up. */
  readonly spent: Decimal;
}

/** The exact money of one fill. The commission is rounded half-even to 8 places. */
export function fillAmounts(side: VenueSide, price: Decimal, qty: Decimal, feeRate: Decimal): FillAmounts {
  const quoteQty = price.times(qty).toDecimalPlaces(ASSET_PLACES, Decimal.ROUND_DOWN);
  const gross = side === 'BUY' ? qty : quoteQty;
  const commission = gross.times(feeRate).toDecimalPlaces(ASSET_PLACES, Decimal.ROUND_HALF_EVEN);
  return {
    quoteQty,
    commission,
    received: gross.minus(commission),
    spent: side === 'BUY' ? quoteQty : qty,
  };
}

/** What a buy of `qty` at `price` locks: rounded up, so every fill's rounded-down cost fits. */
export function buyLock(price: Decimal, qty: Decimal): Decimal {
  return price.times(qty).toDecimalPlaces(ASSET_PLACES, Decimal.ROUND_UP);
}
