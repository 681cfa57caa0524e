import type { Decimal } from '../../domain/decimal.js';

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP_LOSS_LIMIT';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED';

/** One of our orders as the venue keeps it; amounts are exact decimals. */
export interface SimOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  /** The venue symbol, e.g. LTCBTC. */
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** GTC for LIMIT and STOP_LOSS_LIMIT; absent for MARKET. */
  readonly timeInForce: 'GTC' | undefined;
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
