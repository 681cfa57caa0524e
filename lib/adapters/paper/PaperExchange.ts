import type { Awaitable } from '../../domain/awaitable.js';
import type { Candle } from '../../domain/candle.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { marketFigures } from '../../domain/marketFigures.js';
import { type Fill, type Order, type OrderIntent, type SubmissionOutcome, orderWith } from '../../domain/order.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import { type FillAmounts, type VenueSide, buyLock, fillAmounts } from '../../domain/venueFill.js';
import { PaperAccount } from './PaperAccount.js';
import { limitIsMarketable, restingFillIn, touchPrice } from './fillPrice.js';
import { paperFill } from './paperFill.js';
import { PaperFillLog } from './PaperFillLog.js';
import { paperOrderFilters } from './paperOrderFilters.js';
import { type RestingStop, restingQuietBand, restingStopFill } from './restingStopFill.js';
import { type QuietBand, WHOLE_RANGE } from '../../domain/quietBand.js';
import type { PaperVenueState } from './paperVenueState.js';

export type { PaperVenueState } from './paperVenueState.js';

export interface PaperExchangeOptions {
  readonly markets: readonly Market[];
  readonly balances: Readonly<Record<string, string>>;
  /** Fraction a taker pays beyond the price: the spread of the venue the run stands for. */
  readonly slippagePct: number;
  /**
   * The price a symbol trades at, at a time, where the venue can know it: the backtest's
   * candles (the open of the candle in progress, the last close in a gap). With it, market
   * orders and marketable limits fill when placed, as on the venue; without it (the deployed
   * paper venue, which sees closed candles only) they fill at the next candle's open.
   */
  readonly priceAt?: (symbol: string, time: number) => number | undefined;
  /** A stop rests as a stop-limit this fraction beyond its trigger, as the gateway sends it (DEFAULT_STOP_LIMIT_OFFSET). */
  readonly stopLimitOffset?: number;
}

/** An order resting on the paper venue; a stop's matching state is restingStopFill's. */
interface RestingOrder extends RestingStop {
  order: Order;
  readonly reserveAsset: string;
  reserved: Decimal;
}

/**
 * A venue in memory, driven by candles, that books money as Binance does (`fillAmounts`):
 * amounts floored to the market's step and checked against its minimums, the commission
 * charged in the asset received at the taker rate (maker for a resting limit), the quote
 * amount kept to 8 places. A market order fills at the price when placed (see `priceAt`);
 * a resting order only against candles that open after it was placed, and a stop that the
 * market already passed is refused, as the venue refuses it. A stop rests as the venue's
 * stop-loss-limit and fills as the exchange simulator fills it (`stopLimitInCandle`), dated
 * at the open of the candle that reached it. Balances move exactly.
 */
export class PaperExchange implements Exchange {
  private readonly markets = new Map<string, Market>();
  private readonly account: PaperAccount;
  private readonly orders = new Map<string, Order>();
  private readonly resting = new Map<string, RestingOrder[]>();
  private readonly lastCandle = new Map<string, Candle>();
  private readonly fills = new PaperFillLog();
  private nextOrderId = 1;
  /** The venue's spread as a decimal, parsed once. */
  private readonly spread: Decimal;

  constructor(private readonly options: PaperExchangeOptions) {
    for (const m of options.markets) this.markets.set(m.symbol, m);
    this.account = new PaperAccount(options.balances);
    this.spread = dec(options.slippagePct);
  }

  /** A venue restored from `toState()`, with the markets it trades. */
  static fromState(state: PaperVenueState, options: PaperExchangeOptions): PaperExchange {
    const venue = new PaperExchange({ ...options, balances: state.totals });
    for (const order of state.orders) venue.orders.set(order.clientOrderId, orderWith(order));
    for (const { clientOrderId, reserveAsset, reserved, working } of state.resting) {
      const order = venue.orders.get(clientOrderId);
      if (order === undefined || order.status !== 'open') throw new Error(`paper venue state: resting order ${clientOrderId} is not an open order`);
      const queue = venue.resting.get(order.symbol) ?? [];
      queue.push({ order, reserveAsset, reserved: dec(reserved), ...(working ? { working } : {}) });
      venue.resting.set(order.symbol, queue);
      venue.account.reserve(reserveAsset, reserved);
    }
    for (const [symbol, candle] of Object.entries(state.lastCandles)) venue.lastCandle.set(symbol, candle);
    for (const fill of state.fills) venue.fills.record(fill);
    venue.fills.markAllTaken();
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
      totals: this.account.totalsAsText(),
      orders: [...open, ...ended.slice(Math.max(0, ended.length - keep))],
      resting: [...this.resting.values()].flat().map((r) => ({ clientOrderId: r.order.clientOrderId, reserveAsset: r.reserveAsset, reserved: toDecimalString(r.reserved), ...(r.working ? { working: true as const } : {}) })),
      lastCandles: Object.fromEntries(this.lastCandle),
      fills: this.fills.newest(keep),
      nextOrderId: this.nextOrderId,
    };
  }

  /** Fills what the candle reaches; `takeFills` hands the fills over. */
  onCandle(symbol: string, candle: Candle): void {
    const previousClose = this.lastCandle.get(symbol)?.close;
    this.lastCandle.set(symbol, candle);
    const queue = this.resting.get(symbol);
    if (queue === undefined || queue.length === 0) return;
    // Most candles leave every order resting: the queue is copied only once one leaves it.
    let stillResting: RestingOrder[] | undefined;
    for (let i = 0; i < queue.length; i++) {
      const resting = queue[i] as RestingOrder;
      const rests = !this.tryFill(resting, candle, previousClose) && resting.order.status === 'open';
      if (rests) stillResting?.push(resting);
      else stillResting ??= queue.slice(0, i);
    }
    if (stillResting !== undefined) this.resting.set(symbol, stillResting);
  }

  /** Replay only: the band a candle of the symbol must stay inside to leave its resting orders as they are (restingQuietBand). */
  quietBand(symbol: string): QuietBand | undefined {
    const queue = this.resting.get(symbol);
    if (queue === undefined || queue.length === 0) return WHOLE_RANGE;
    const market = this.markets.get(symbol);
    return market && restingQuietBand(queue, market, this.options.stopLimitOffset);
  }

  /** Records the symbol's latest closed candle without matching orders against it (its orders were matched elsewhere). */
  setLastCandle(symbol: string, candle: Candle): void {
    const known = this.lastCandle.get(symbol);
    if (known === undefined || known.openTime < candle.openTime) this.lastCandle.set(symbol, candle);
  }

  /** The fills made since the last call, oldest first: on a candle, or at once when an order was placed. */
  takeFills(): readonly Fill[] {
    return this.fills.take();
  }

  /** At once: the venue holds its markets. */
  market(symbol: string): Market {
    const m = this.markets.get(symbol);
    if (!m) throw new Error(`paper exchange: unknown symbol ${symbol}`);
    return m;
  }

  /** At once, and the same object until a fill, an order or a cancel moves a balance. */
  fetchBalances(): Balances {
    return this.account.balances();
  }

  fetchLastPrice(symbol: string): Promise<number> {
    const candle = this.lastCandle.get(symbol);
    return candle ? Promise.resolve(candle.close) : Promise.reject(new Error(`paper exchange: no price yet for ${symbol}`));
  }

  createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    return Promise.resolve(this.place(intent));
  }

  /** At once: the decision cycle settles nothing, synchronously, while a plan's order rests. */
  fetchOrderByClientId(_symbol: string, clientOrderId: string): Awaitable<Order | undefined> {
    return this.orders.get(clientOrderId);
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
    return Promise.resolve(this.fills.since(symbol, since));
  }

  private place(intent: OrderIntent): SubmissionOutcome {
    const market = this.markets.get(intent.symbol);
    if (!market) return { kind: 'rejected', reason: `unknown symbol ${intent.symbol}` };
    if (this.orders.get(intent.clientOrderId)?.status === 'open') return { kind: 'rejected', reason: 'duplicate client order id' };
    const priceNow = this.options.priceAt?.(intent.symbol, intent.createdAt);
    const reference = priceNow ?? this.lastCandle.get(intent.symbol)?.close ?? Number(intent.price ?? 0);
    const filtered = paperOrderFilters(intent, market, reference);
    if ('refused' in filtered) return { kind: 'rejected', reason: filtered.refused };
    const { amount } = filtered;

    // Every field written, in orderWith's order: one shape for every order of the venue.
    const order: Order = {
      clientOrderId: intent.clientOrderId,
      exchangeOrderId: String(this.nextOrderId),
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      status: 'open',
      amount: toDecimalString(amount),
      filled: '0',
      price: intent.type === 'limit' ? intent.price : undefined,
      stopPrice: intent.stopPrice,
      average: undefined,
      timestamp: intent.createdAt,
    };
    if (priceNow !== undefined && intent.type !== 'stop_market') {
      const touch = touchPrice(priceNow, intent.side, market, this.options.slippagePct);
      if (intent.type === 'market' || limitIsMarketable(intent, touch)) return this.takeAtOnce(order, market, touch);
    }
    const reserveAsset = intent.side === 'buy' ? market.quote : market.base;
    const reserve = intent.side === 'buy' ? buyLock(intent.type === 'limit' ? dec(order.price ?? reference) : touchPrice(reference, 'buy', market, this.options.slippagePct), amount) : amount;
    const free = this.account.free(reserveAsset);
    if (reserve.gt(free)) return { kind: 'rejected', reason: `insufficient ${reserveAsset}: needs ${reserve.toFixed()}, ${free.toFixed()} free` };
    this.nextOrderId++;
    this.orders.set(order.clientOrderId, order);
    this.account.reserve(reserveAsset, reserve);
    const queue = this.resting.get(intent.symbol) ?? [];
    queue.push({ order, reserveAsset, reserved: reserve });
    this.resting.set(intent.symbol, queue);
    return { kind: 'acknowledged', order };
  }

  /** A taker order filled in full when placed, or refused whole when the account cannot pay. */
  private takeAtOnce(order: Order, market: Market, price: Decimal): SubmissionOutcome {
    const money = fillAmounts(venueSide(order.side), price, dec(order.amount), marketFigures(market).takerFeeRate);
    const spendAsset = order.side === 'buy' ? market.quote : market.base;
    if (money.spent.gt(this.account.free(spendAsset))) return { kind: 'rejected', reason: `insufficient ${spendAsset}: needs ${money.spent.toFixed()}, ${this.account.free(spendAsset).toFixed()} free` };
    this.nextOrderId++;
    const resting: RestingOrder = { order, reserveAsset: spendAsset, reserved: ZERO };
    this.book(resting, market, price, money, order.timestamp);
    return { kind: 'acknowledged', order: resting.order };
  }

  /** Fills a resting order from one candle, if the candle reaches it; false when it did not fill. */
  private tryFill(resting: RestingOrder, candle: Candle, previousClose: number | undefined): boolean {
    const order = resting.order;
    const market = this.markets.get(order.symbol);
    if (!market) return false;
    // A market order waited for the price at its time: this candle's open, or in a gap the close before it.
    if (order.type === 'market') {
      const priceThen = candle.openTime > order.timestamp && previousClose !== undefined ? previousClose : candle.open;
      return this.fillResting(resting, market, touchPrice(priceThen, order.side, market, this.options.slippagePct), true, order.timestamp);
    }
    // The venue matches a resting order only against trading after it was placed.
    if (candle.openTime < order.timestamp) return false;
    if (order.type === 'stop_market') return this.tryStop(resting, market, candle);
    const fill = restingFillIn(order, candle, market, this.options.slippagePct);
    return fill !== undefined && this.fillResting(resting, market, fill.price, fill.taker, candle.openTime);
  }

  private tryStop(resting: RestingOrder, market: Market, candle: Candle): boolean {
    const result = restingStopFill(resting, candle, market, this.spread, this.options.stopLimitOffset);
    if (result.working) resting.working = true;
    return result.fill !== undefined && this.fillResting(resting, market, result.fill.price, result.fill.taker, candle.openTime);
  }

  private fillResting(resting: RestingOrder, market: Market, price: Decimal, taker: boolean, timestamp: number): boolean {
    const order = resting.order;
    const { takerFeeRate, makerFeeRate } = marketFigures(market);
    const money = fillAmounts(venueSide(order.side), price, dec(order.amount), taker ? takerFeeRate : makerFeeRate);
    this.release(resting);
    if (money.spent.gt(this.account.free(resting.reserveAsset))) {
      this.finish(resting, 'rejected');
      return false;
    }
    this.book(resting, market, price, money, timestamp);
    return true;
  }

  /** Moves the balances by one whole fill and closes its order. */
  private book(resting: RestingOrder, market: Market, price: Decimal, money: FillAmounts, timestamp: number): void {
    const order = resting.order;
    const buy = order.side === 'buy';
    this.account.move(buy ? market.quote : market.base, money.spent.negated());
    this.account.move(buy ? market.base : market.quote, money.received);
    const fill = paperFill(order, market, price, money, timestamp);
    this.fills.record(fill);
    resting.order = orderWith(order, { status: 'closed', filled: order.amount, average: fill.price });
    this.orders.set(order.clientOrderId, resting.order);
  }

  private finish(resting: RestingOrder, status: 'canceled' | 'rejected'): void {
    this.release(resting);
    resting.order = orderWith(resting.order, { status });
    this.orders.set(resting.order.clientOrderId, resting.order);
  }

  private release(resting: RestingOrder): void {
    this.account.reserve(resting.reserveAsset, resting.reserved.negated());
    resting.reserved = ZERO;
  }
}

function venueSide(side: Order['side']): VenueSide {
  return side === 'buy' ? 'BUY' : 'SELL';
}
