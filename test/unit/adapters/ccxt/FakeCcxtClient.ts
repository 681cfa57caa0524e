import type { OHLCV } from 'ccxt';
import { OrderNotFound } from 'ccxt';
import type { CcxtBalances, CcxtClient, CcxtMarket, CcxtOrder, CcxtParams, CcxtTicker, CcxtTrade } from '../../../../lib/adapters/ccxt/CcxtClient.js';

/** ETH/BTC as ccxt reports Binance's, in TICK_SIZE precision. */
export function aCcxtMarket(overrides: Partial<CcxtMarket> = {}): CcxtMarket {
  return {
    symbol: 'ETH/BTC',
    base: 'ETH',
    quote: 'BTC',
    spot: true,
    active: true,
    precision: { amount: 0.0001, price: 0.00001 },
    limits: { amount: { min: 0.0001, max: 100000 }, cost: { min: 0.0001, max: undefined }, price: { min: 0.00001, max: 1000 } },
    taker: 0.001,
    maker: 0.001,
    info: { orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] },
    ...overrides,
  };
}

export interface CreateCall {
  readonly symbol: string;
  readonly type: string;
  readonly side: string;
  readonly amount: number;
  readonly price: number | undefined;
  readonly params: CcxtParams;
}

/** A step the fake takes on a createOrder call: place the order, fail before it, or place it and lose the answer. */
export type CreateStep = 'place' | { readonly fail: Error } | { readonly placeThenFail: Error };

/**
 * A ccxt-like client with scripted answers. Orders are kept by client order id, so a test can
 * count how many the "venue" holds.
 */
export class FakeCcxtClient implements CcxtClient {
  id = 'binance';
  has: Record<string, boolean | undefined> = { createStopLimitOrder: true };
  precisionMode: number | undefined = 4;
  last_response_headers: Record<string, string> | undefined = undefined;
  markets: Record<string, CcxtMarket> = { 'ETH/BTC': aCcxtMarket() };
  readonly orders = new Map<string, CcxtOrder>();
  readonly createCalls: CreateCall[] = [];
  createSteps: CreateStep[] = [];
  lookupFailures: Error[] = [];
  loadMarketsCalls = 0;
  ohlcv: OHLCV[] = [];
  ticker: CcxtTicker = { last: 0.05, close: 0.05, bid: 0.04999, ask: 0.05001 };
  balance: CcxtBalances = {};
  trades: CcxtTrade[] = [];
  fetchOrderCalls: Array<{ id: string; params: CcxtParams | undefined }> = [];
  private nextId = 1;

  async loadMarkets(): Promise<Record<string, CcxtMarket>> {
    this.loadMarketsCalls++;
    await Promise.resolve();
    return this.markets;
  }

  fetchOHLCV(): Promise<OHLCV[]> {
    return Promise.resolve(this.ohlcv);
  }

  fetchTicker(): Promise<CcxtTicker> {
    return Promise.resolve(this.ticker);
  }

  fetchBalance(): Promise<CcxtBalances> {
    return Promise.resolve(this.balance);
  }

  createOrder(symbol: string, type: string, side: string, amount: number, price?: number, params: CcxtParams = {}): Promise<CcxtOrder> {
    this.createCalls.push({ symbol, type, side, amount, price, params });
    const step = this.createSteps.shift() ?? 'place';
    if (typeof step === 'object' && 'fail' in step) return Promise.reject(step.fail);
    const order = this.place(symbol, type, side, amount, price, params);
    if (typeof step === 'object') return Promise.reject(step.placeThenFail);
    return Promise.resolve(order);
  }

  fetchOrder(id: string, _symbol?: string, params?: CcxtParams): Promise<CcxtOrder> {
    this.fetchOrderCalls.push({ id, params });
    const failure = this.lookupFailures.shift();
    if (failure !== undefined) return Promise.reject(failure);
    const clientOrderId = params?.['origClientOrderId'];
    const found = typeof clientOrderId === 'string' ? this.orders.get(clientOrderId) : [...this.orders.values()].find((o) => o.id === id);
    return found ? Promise.resolve(found) : Promise.reject(new OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}'));
  }

  cancelOrder(id: string): Promise<unknown> {
    const order = [...this.orders.values()].find((o) => o.id === id);
    if (order === undefined) return Promise.reject(new OrderNotFound('binance Unknown order sent.'));
    if (order.clientOrderId) this.orders.set(order.clientOrderId, { ...order, status: 'canceled' });
    return Promise.resolve({});
  }

  fetchOpenOrders(): Promise<CcxtOrder[]> {
    return Promise.resolve([...this.orders.values()].filter((o) => o.status === 'open'));
  }

  fetchClosedOrders(): Promise<CcxtOrder[]> {
    return Promise.resolve([...this.orders.values()].filter((o) => o.status !== 'open'));
  }

  /** Each fetchMyTrades' startTime and `until` (Binance's endTime), in order. */
  readonly tradeQueries: { since: number | undefined; until: number | undefined }[] = [];

  fetchMyTrades(_symbol?: string, since?: number, limit?: number, params: CcxtParams = {}): Promise<CcxtTrade[]> {
    const until = typeof params['until'] === 'number' ? params['until'] : undefined;
    this.tradeQueries.push({ since, until });
    const inWindow = this.trades.filter((t) => (t.timestamp ?? 0) >= (since ?? 0) && (until === undefined || (t.timestamp ?? 0) <= until));
    return Promise.resolve(inWindow.slice(0, limit));
  }

  private place(symbol: string, type: string, side: string, amount: number, price: number | undefined, params: CcxtParams): CcxtOrder {
    const clientOrderId = typeof params['clientOrderId'] === 'string' ? params['clientOrderId'] : `x-${this.nextId}`;
    const triggerPrice = typeof params['triggerPrice'] === 'number' ? params['triggerPrice'] : undefined;
    const order: CcxtOrder = {
      id: String(this.nextId++),
      clientOrderId,
      timestamp: 1_700_000_000_000,
      status: 'open',
      symbol,
      type,
      side,
      price,
      average: undefined,
      amount,
      filled: 0,
      stopPrice: triggerPrice,
      triggerPrice,
    };
    this.orders.set(clientOrderId, order);
    return order;
  }
}
