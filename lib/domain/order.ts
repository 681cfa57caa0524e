export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop_market';
/** entry opens the plan; exit closes it (target, trailing, age, flatten); stop is the protective stop. */
export type OrderLeg = 'entry' | 'exit' | 'stop';

/** What we mean to send, written (conditionally, by client order id) before it is sent. */
export interface OrderIntent {
  readonly clientOrderId: string;
  readonly botId: string;
  readonly planId: string;
  readonly leg: OrderLeg;
  readonly attempt: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly amount: string;
  /** Limit price; for a market order, the price the decision expected (for slippage). */
  readonly price?: string;
  readonly stopPrice?: string;
  readonly createdAt: number;
}

/** How a submission ended: `unknown` must be settled by a lookup before anything else is sent. */
export type SubmissionOutcome =
  | { readonly kind: 'acknowledged'; readonly order: Order }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export type OrderStatus = 'open' | 'closed' | 'canceled' | 'rejected' | 'expired';

/** The exchange's view of one of our orders. */
export interface Order {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly amount: string;
  readonly filled: string;
  readonly price?: string;
  readonly stopPrice?: string;
  readonly average?: string;
  readonly timestamp: number;
}

/**
 * The order in the one shape every order we make has, with `changes` made: each field
 * written in this order, an absent one undefined. Orders made by spreads (a closed order
 * gaining its average price, a price only when limit) came in many shapes, and each read
 * of one was megamorphic; a spread that adds a field is also V8's slow copy.
 */
export function orderWith(order: Order, changes: Partial<Order> = {}): Order {
  return {
    clientOrderId: changes.clientOrderId ?? order.clientOrderId,
    exchangeOrderId: changes.exchangeOrderId ?? order.exchangeOrderId,
    symbol: changes.symbol ?? order.symbol,
    side: changes.side ?? order.side,
    type: changes.type ?? order.type,
    status: changes.status ?? order.status,
    amount: changes.amount ?? order.amount,
    filled: changes.filled ?? order.filled,
    price: 'price' in changes ? changes.price : order.price,
    stopPrice: 'stopPrice' in changes ? changes.stopPrice : order.stopPrice,
    average: 'average' in changes ? changes.average : order.average,
    timestamp: changes.timestamp ?? order.timestamp,
  };
}

export interface Fee {
  readonly cost: string;
  readonly currency: string;
}

export interface Fill {
  readonly id: string;
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: string;
  readonly amount: string;
  /** price × amount, exact. */
  readonly cost: string;
  readonly fee: Fee;
  readonly timestamp: number;
}
