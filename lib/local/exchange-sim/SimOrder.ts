import type { Decimal } from '../../domain/decimal.js';

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'LIMIT_MAKER' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
/**
 * EXPIRED: an IOC/FOK limit or a market order that could not fill whole; EXPIRED_IN_MATCH:
 * a resting order that self-trade prevention (EXPIRE_MAKER) took out of the book.
 */
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'EXPIRED_IN_MATCH';

/** Stop-loss and take-profit orders: the venue's "algo" orders, which wait for a trigger. */
export function isAlgoOrder(type: OrderType): boolean {
  return type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
}

/** One of our orders as the venue keeps it; amounts are exact decimals. */
export interface SimOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  /** The venue symbol, e.g. LTCBTC. */
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** As sent for LIMIT and the stop types; GTC for LIMIT_MAKER; absent for MARKET. */
  readonly timeInForce: TimeInForce | undefined;
  /** Limit price; zero for MARKET, as the venue reports it. */
  readonly price: Decimal;
  readonly stopPrice: Decimal;
  readonly origQty: Decimal;
  readonly origQuoteOrderQty: Decimal;
  executedQty: Decimal;
  cummulativeQuoteQty: Decimal;
  status: OrderStatus;
  /** A stop order is not working until its stop price is crossed. */
  isWorking: boolean;
  /** What is still locked for this order, in the asset it spends. */
  locked: Decimal;
  readonly time: number;
  updateTime: number;
  workingTime: number;
}

/** One fill of one of our orders. */
export interface SimTrade {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly qty: Decimal;
  readonly quoteQty: Decimal;
  readonly commission: Decimal;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isMaker: boolean;
}
