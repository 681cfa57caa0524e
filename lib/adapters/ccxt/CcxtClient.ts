import type { MarketInterface, OHLCV, Order, Ticker, Trade } from 'ccxt';

/** The market fields the gateway reads. */
export type CcxtMarket = Pick<MarketInterface, 'symbol' | 'base' | 'quote' | 'spot' | 'active' | 'precision' | 'limits' | 'taker' | 'maker' | 'info'>;
export type CcxtOrder = Pick<
  Order,
  'id' | 'clientOrderId' | 'timestamp' | 'status' | 'symbol' | 'type' | 'side' | 'price' | 'average' | 'amount' | 'filled' | 'stopPrice' | 'triggerPrice'
> &
  /** The venue's own answer, as ccxt keeps it. */
  Partial<Pick<Order, 'info'>>;
/** `cost` is what the venue reports moving in the quote currency; some venues report none. */
export type CcxtTrade = Pick<Trade, 'id' | 'order' | 'timestamp' | 'symbol' | 'side' | 'price' | 'amount' | 'fee'> & Partial<Pick<Trade, 'cost'>>;
export type CcxtTicker = Pick<Ticker, 'last' | 'close' | 'bid' | 'ask'>;
/** ccxt's balance structure: `{ BTC: { free, used, total }, free: {…}, used: {…}, total: {…}, info }`. */
export type CcxtBalances = Readonly<Record<string, unknown>>;
export type CcxtParams = Record<string, unknown>;

/**
 * The slice of a ccxt Exchange instance the gateway uses: a real `ccxt.binance` satisfies it,
 * and so does a small fake in a unit test.
 */
export interface CcxtClient {
  readonly id: string;
  readonly has: Readonly<Record<string, boolean | 'emulated' | undefined>>;
  readonly precisionMode: number | undefined;
  /** Set by ccxt from each response, error responses included, before it raises. */
  readonly last_response_headers?: Record<string, string> | undefined;
  loadMarkets(reload?: boolean): Promise<Readonly<Record<string, CcxtMarket | undefined>>>;
  fetchOHLCV(symbol: string, timeframe?: string, since?: number, limit?: number): Promise<OHLCV[]>;
  fetchTicker(symbol: string): Promise<CcxtTicker>;
  fetchBalance(): Promise<CcxtBalances>;
  createOrder(symbol: string, type: string, side: string, amount: number, price?: number, params?: CcxtParams): Promise<CcxtOrder>;
  fetchOrder(id: string, symbol?: string, params?: CcxtParams): Promise<CcxtOrder>;
  cancelOrder(id: string, symbol?: string, params?: CcxtParams): Promise<unknown>;
  fetchOpenOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtOrder[]>;
  fetchClosedOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtOrder[]>;
  fetchMyTrades(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtTrade[]>;
}
