import type { Candle } from '../../domain/candle.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import { feeFor } from '../../domain/fee.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import { fillPriceIn } from './fillPrice.js';

export interface PaperExchangeOptions {
  readonly markets: readonly Market[];
  readonly balances: Readonly<Record<string, string>>;
  /** Fraction a market or stop fill pays against the reference price. */
  readonly slippagePct: number;
}

/** Everything a paper venue holds, as plain JSON: what DynamoDbPaperVenue stores between invocations. */
export interface PaperVenueState {
  readonly totals: Readonly<Record<string, string>>;
  /** Orders the venue knows, open first; ended ones kept for lookups by client order id. */
  readonly orders: readonly Order[];
  /** Client order id and amount reserved of each resting (open) order. */
  readonly resting: readonly { readonly clientOrderId: string; readonly reserveAsset: string; readonly reserved: string }[];
  readonly lastCandles: Readonly<Record<string, Candle>>;
  readonly fills: readonly Fill[];
  readonly nextOrderId: number;
}

interface RestingOrder {
  order: Order;
  readonly reserveAsset: string;
  reserved: Decimal;
}

/**
 * A venue in memory, driven by candles: market orders fill at the next candle's open,
 * stops and limits when a candle reaches them (the candle that closed before they were
 * placed included, since the bot decides after the close). Fees are charged in the quote
 * currency at the market's taker rate (maker for limits). Balances move exactly.
 */
export class PaperExchange implements Exchange {
  private readonly markets = new Map<string, Market>();
  private readonly totals = new Map<string, Decimal>();
  private readonly reserved = new Map<string, Decimal>();
  private readonly orders = new Map<string, Order>();
  private readonly resting = new Map<string, RestingOrder[]>();
  private readonly lastCandle = new Map<string, Candle>();
  private readonly fills: Fill[] = [];
  /** The fills of each symbol, oldest first: what `fetchFills` searches. */
  private readonly fillsBySymbol = new Map<string, Fill[]>();
  /** The balances as last reported, until something moves them. */
  private balances: Balances | undefined;
  private newFills: Fill[] = [];
  private newlyUnfilled: Order[] = [];
  private nextOrderId = 1;

  constructor(private readonly options: PaperExchangeOptions) {
    for (const m of options.markets) this.markets.set(m.symbol, m);
    for (const [asset, amount] of Object.entries(options.balances)) this.totals.set(asset, dec(amount));
  }

  /** A venue restored from `toState()`, with the markets it trades. */
  static fromState(state: PaperVenueState, options: PaperExchangeOptions): PaperExchange {
    const venue = new PaperExchange({ ...options, balances: state.totals });
    for (const order of state.orders) venue.orders.set(order.clientOrderId, order);
    for (const { clientOrderId, reserveAsset, reserved } of state.resting) {
      const order = venue.orders.get(clientOrderId);
      if (order === undefined || order.status !== 'open') throw new Error(`paper venue state: resting order ${clientOrderId} is not an open order`);
      const queue = venue.resting.get(order.symbol) ?? [];
      queue.push({ order, reserveAsset, reserved: dec(reserved) });
      venue.resting.set(order.symbol, queue);
      venue.reserved.set(reserveAsset, (venue.reserved.get(reserveAsset) ?? ZERO).plus(reserved));
    }
    for (const [symbol, candle] of Object.entries(state.lastCandles)) venue.lastCandle.set(symbol, candle);
    for (const fill of state.fills) venue.recordFill(fill);
    venue.nextOrderId = state.nextOrderId;
    return venue;
  }

  /**
   * The venue as plain JSON. Ended orders and fills beyond the newest `keep` of each are
   * dropped (their effect on balances stays), so the stored state stays bounded.
   */
  toState(keep = Number.POSITIVE_INFINITY): PaperVenueState {
    const all = [...this.orders.values()];
    const open = all.filter((o) => o.status === 'open');
    const ended = all.filter((o) => o.status !== 'open').sort((a, b) => a.timestamp - b.timestamp);
    return {
      totals: Object.fromEntries([...this.totals].map(([asset, total]) => [asset, toDecimalString(total)])),
      orders: [...open, ...ended.slice(Math.max(0, ended.length - keep))],
      resting: [...this.resting.values()].flat().map((r) => ({ clientOrderId: r.order.clientOrderId, reserveAsset: r.reserveAsset, reserved: toDecimalString(r.reserved) })),
      lastCandles: Object.fromEntries(this.lastCandle),
      fills: this.fills.slice(Math.max(0, this.fills.length - keep)),
      nextOrderId: this.nextOrderId,
    };
  }

  /** Fills what the candle reaches; `takeFills` hands the fills over. */
  onCandle(symbol: string, candle: Candle): void {
    this.lastCandle.set(symbol, candle);
    const queue = this.resting.get(symbol);
    if (queue === undefined || queue.length === 0) return;
    const stillResting: RestingOrder[] = [];
    for (const resting of queue) {
      if (!this.tryFill(resting, candle) && resting.order.status === 'open') stillResting.push(resting);
    }
    this.resting.set(symbol, stillResting);
  }

  /** Records the symbol's latest closed candle without matching orders against it (its orders were matched elsewhere). */
  setLastCandle(symbol: string, candle: Candle): void {
    const known = this.lastCandle.get(symbol);
    if (known === undefined || known.openTime < candle.openTime) this.lastCandle.set(symbol, candle);
  }

  /** The fills made since the last call, oldest first: on a candle, or at once when an order was placed. */
  takeFills(): readonly Fill[] {
    if (this.newFills.length === 0) return NO_FILLS;
    const fills = this.newFills;
    this.newFills = [];
    return fills;
  }

  /** Orders that ended without a fill (rejected at the fill, or cancelled) since the last call. */
  takeUnfilledOrders(): readonly Order[] {
    if (this.newlyUnfilled.length === 0) return NO_ORDERS;
    const orders = this.newlyUnfilled;
    this.newlyUnfilled = [];
    return orders;
  }

  /** Free balance now, for a runtime that sizes entries without awaiting. */
  freeBalance(asset: string): Decimal {
    return this.free(asset);
  }

  /** At once: the venue holds its markets. */
  market(symbol: string): Market {
    const m = this.markets.get(symbol);
    if (!m) throw new Error(`paper exchange: unknown symbol ${symbol}`);
    return m;
  }

  /** At once, and the same object until a fill, an order or a cancel moves a balance. */
  fetchBalances(): Balances {
    if (this.balances !== undefined) return this.balances;
    const result: Record<string, { free: string; used: string; total: string }> = {};
    for (const [asset, total] of this.totals) {
      const used = this.reserved.get(asset) ?? ZERO;
      result[asset] = { free: toDecimalString(total.minus(used)), used: toDecimalString(used), total: toDecimalString(total) };
    }
    return (this.balances = result);
  }

  fetchLastPrice(symbol: string): Promise<number> {
    const candle = this.lastCandle.get(symbol);
    return candle ? Promise.resolve(candle.close) : Promise.reject(new Error(`paper exchange: no price yet for ${symbol}`));
  }

  createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    return Promise.resolve(this.place(intent));
  }

  fetchOrderByClientId(_symbol: string, clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.orders.get(clientOrderId));
  }

  cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    const queue = this.resting.get(symbol) ?? [];
    const index = queue.findIndex((r) => r.order.clientOrderId === clientOrderId);
    if (index >= 0) {
      const [resting] = queue.splice(index, 1);
      if (resting) this.finish(resting, 'canceled');
    }
    return Promise.resolve();
  }

  fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    return Promise.resolve([...this.orders.values()].filter((o) => o.status === 'open' && (symbol === undefined || o.symbol === symbol)));
  }

  fetchFills(symbol: string, since: number): Promise<readonly Fill[]> {
    const fills = this.fillsBySymbol.get(symbol) ?? NO_FILLS;
    let low = 0;
    let high = fills.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((fills[mid] as Fill).timestamp < since) low = mid + 1;
      else high = mid;
    }
    return Promise.resolve(fills.slice(low));
  }

  private place(intent: OrderIntent): SubmissionOutcome {
    const market = this.markets.get(intent.symbol);
    if (!market) return { kind: 'rejected', reason: `unknown symbol ${intent.symbol}` };
    if (this.orders.get(intent.clientOrderId)?.status === 'open') return { kind: 'rejected', reason: 'duplicate client order id' };
    const reserveAsset = intent.side === 'buy' ? market.quote : market.base;
    const reference = this.lastCandle.get(intent.symbol)?.close ?? Number(intent.price ?? 0);
    const reserve =
      intent.side === 'buy'
        ? dec(intent.amount).times(intent.price ?? reference).times(dec(1).plus(this.options.slippagePct)).times(dec(1).plus(market.takerFeeRate))
        : dec(intent.amount);
    const free = (this.totals.get(reserveAsset) ?? ZERO).minus(this.reserved.get(reserveAsset) ?? ZERO);
    if (reserve.gt(free)) return { kind: 'rejected', reason: `insufficient ${reserveAsset}: needs ${reserve.toFixed()}, ${free.toFixed()} free` };

    const order: Order = {
      clientOrderId: intent.clientOrderId,
      exchangeOrderId: String(this.nextOrderId++),
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      status: 'open',
      amount: intent.amount,
      filled: '0',
      ...(intent.type === 'limit' && intent.price !== undefined ? { price: intent.price } : {}),
      ...(intent.stopPrice !== undefined ? { stopPrice: intent.stopPrice } : {}),
      timestamp: intent.createdAt,
    };
    this.orders.set(order.clientOrderId, order);
    this.reserve(reserveAsset, reserve);
    const resting: RestingOrder = { order, reserveAsset, reserved: reserve };
    const last = this.lastCandle.get(intent.symbol);
    // A stop or limit that the closed candle already reached was triggered while the bot decided.
    if (intent.type !== 'market' && last !== undefined && this.tryFill(resting, last)) return { kind: 'acknowledged', order };
    const queue = this.resting.get(intent.symbol) ?? [];
    queue.push(resting);
    this.resting.set(intent.symbol, queue);
    return { kind: 'acknowledged', order };
  }

  private tryFill(resting: RestingOrder, candle: Candle): Fill | undefined {
    const order = resting.order;
    const market = this.markets.get(order.symbol);
    if (!market) return undefined;
    const price = fillPriceIn(order, candle, market, this.options.slippagePct);
    if (price === undefined) return undefined;
    const amount = dec(order.amount);
    const cost = price.times(amount);
    const fee = feeFor(market, order.type, cost);
    this.release(resting);
    if (order.side === 'buy' && cost.plus(fee).gt(this.free(market.quote))) {
      this.finish(resting, 'rejected');
      return undefined;
    }
    const sign = order.side === 'buy' ? 1 : -1;
    this.move(market.base, amount.times(sign));
    this.move(market.quote, cost.times(-sign).minus(fee));
    // A fill cannot come before its order: one placed during this candle fills at the order's time.
    const timestamp = Math.max(candle.openTime, order.timestamp);
    const fill: Fill = {
      id: `${order.exchangeOrderId}-1`,
      clientOrderId: order.clientOrderId,
      exchangeOrderId: order.exchangeOrderId,
      symbol: order.symbol,
      side: order.side,
      price: toDecimalString(price),
      amount: order.amount,
      cost: toDecimalString(cost),
      fee: { cost: toDecimalString(fee), currency: market.quote },
      timestamp,
    };
    this.recordFill(fill);
    this.newFills.push(fill);
    resting.order = { ...order, status: 'closed', filled: order.amount, average: fill.price };
    this.orders.set(order.clientOrderId, resting.order);
    return fill;
  }

  private finish(resting: RestingOrder, status: 'canceled' | 'rejected'): void {
    this.release(resting);
    resting.order = { ...resting.order, status };
    this.orders.set(resting.order.clientOrderId, resting.order);
    this.newlyUnfilled.push(resting.order);
  }

  private release(resting: RestingOrder): void {
    this.reserve(resting.reserveAsset, resting.reserved.negated());
    resting.reserved = ZERO;
  }

  private reserve(asset: string, amount: Decimal): void {
    this.reserved.set(asset, (this.reserved.get(asset) ?? ZERO).plus(amount));
    this.balances = undefined;
  }

  /** Kept in time order per symbol (a fill restored from state may come late). */
  private recordFill(fill: Fill): void {
    this.fills.push(fill);
    const bySymbol = this.fillsBySymbol.get(fill.symbol) ?? [];
    this.fillsBySymbol.set(fill.symbol, bySymbol);
    let at = bySymbol.length;
    while (at > 0 && (bySymbol[at - 1] as Fill).timestamp > fill.timestamp) at--;
    bySymbol.splice(at, 0, fill);
  }

  private free(asset: string): Decimal {
    return (this.totals.get(asset) ?? ZERO).minus(this.reserved.get(asset) ?? ZERO);
  }

  private move(asset: string, delta: Decimal): void {
    this.totals.set(asset, (this.totals.get(asset) ?? ZERO).plus(delta));
    this.balances = undefined;
  }
}

const NO_FILLS: readonly Fill[] = Object.freeze([]);
const NO_ORDERS: readonly Order[] = Object.freeze([]);
