import type { Candle, Timeframe } from '../../domain/candle.js';
import { ExchangeCallError, ExchangeOrderNotFoundError, UnknownMarketError } from '../../domain/errors.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Clock } from '../../ports/Clock.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import type { OrderRequestResult } from './buildOrderRequest.js';
import { callWithRetries } from './callWithRetries.js';
import type { CcxtClient } from './CcxtClient.js';
import { type CcxtExchangeConfig, type CcxtExchangeConfigInput, CcxtExchangeConfigSchema } from './CcxtExchangeConfig.js';
import { type ExchangeCredentials, createCcxtClient, credentialStrings } from './createCcxtClient.js';
import { FillReader } from './FillReader.js';
import { type ClientOrderLookup, defaultClientOrderLookup, findOrderByClientId } from './findOrderByClientId.js';
import { MarketCache } from './MarketCache.js';
import { OrderSubmitter } from './OrderSubmitter.js';
import { PauseWindows } from './PauseWindows.js';
import { prepareOrder } from './prepareOrder.js';
import { neverLog, redactSecrets } from './redactSecrets.js';
import { retryFailedMarketLoads } from './retryFailedMarketLoads.js';
import { refuseUnreadableAnswers } from './refuseUnreadableAnswers.js';
import { retryAfterMs } from './retryAfterMs.js';
import { type RetryTiming, realRetryTiming } from './RetryPolicy.js';
import { toBalances } from './toBalances.js';
import { toClosedCandles } from './toClosedCandles.js';
import { toExchangeCallError } from './toExchangeCallError.js';
import { toLastPrice } from './toLastPrice.js';
import { decimalFrom, toOrder } from './toOrder.js';
import { VenueHold, type VenueHoldNotice } from './VenueHold.js';

export interface CcxtExchangeDeps {
  /** An already configured ccxt exchange (a simulator's, a test's); `fromConfig` builds one by id. */
  readonly client: CcxtClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing?: RetryTiming;
  /** Strings that must never reach a log or a reason: the API key and secret. */
  readonly secrets?: readonly string[];
  /** Hears when the venue bans us or asks for a long pause (a metric and an alarm in Lambda). */
  readonly onVenueHold?: (notice: VenueHoldNotice) => void;
}

export interface Quote {
  readonly bid?: string;
  readonly ask?: string;
  readonly last?: string;
}

/** The Exchange port over any ccxt exchange: exact rounding, classified errors, settled outcomes. */
export class CcxtExchange implements Exchange {
  readonly config: CcxtExchangeConfig;
  private readonly client: CcxtClient;
  private readonly markets: MarketCache;
  private readonly pause: PauseWindows;
  private readonly lookup: ClientOrderLookup;
  private readonly submitter: OrderSubmitter;
  private readonly fills: FillReader;
  private readonly hold: VenueHold;

  static async fromConfig(config: CcxtExchangeConfigInput, credentials: ExchangeCredentials | undefined, deps: Omit<CcxtExchangeDeps, 'client'>): Promise<CcxtExchange> {
    const parsed = CcxtExchangeConfigSchema.parse(config);
    const client = await createCcxtClient(parsed, credentials);
    return new CcxtExchange(parsed, { ...deps, client, secrets: [...(deps.secrets ?? []), ...credentialStrings(credentials)] });
  }

  constructor(
    config: CcxtExchangeConfigInput,
    private readonly deps: CcxtExchangeDeps,
  ) {
    this.config = CcxtExchangeConfigSchema.parse(config);
    this.client = deps.client;
    refuseUnreadableAnswers(this.client);
    neverLog(deps.secrets ?? []);
    retryFailedMarketLoads(this.client);
    const timing = deps.timing ?? realRetryTiming;
    this.hold = new VenueHold(deps.clock, deps.logger, deps.onVenueHold);
    const read = <T>(operation: string, call: () => Promise<T>): Promise<T> => this.read(operation, call);
    this.markets = new MarketCache(this.client, () => read('loadMarkets', () => this.client.loadMarkets()));
    this.pause = new PauseWindows(this.config.pause);
    const configured = this.config.clientOrderLookup;
    this.lookup = configured === undefined ? defaultClientOrderLookup(this.client.id) : configured === 'scanOrders' ? { kind: 'scanOrders' } : { kind: 'fetchOrder', param: 'origClientOrderId' };
    this.submitter = new OrderSubmitter({
      client: this.client,
      lookup: this.lookup,
      policy: this.config.retry,
      timing,
      clock: deps.clock,
      logger: deps.logger,
      retryAfterMs: () => this.retryAfter(),
      redact: (m) => this.redact(m),
      hold: this.hold,
    });
    this.fills = new FillReader(this.client, read, { pageLimit: this.config.tradesPageLimit, windowMs: this.config.tradesWindowMs, now: () => deps.clock.now() }, deps.logger);
  }

  /** A hold on the venue that another function recorded (the shared store), honoured from now on (VenueHold.restore). */
  restoreHold(shared: VenueHoldNotice): void {
    this.hold.restore(shared);
  }

  /** Tells `listener` of each new hold this gateway records: the shared store's writer. */
  onHold(listener: (notice: VenueHoldNotice) => void): void {
    this.hold.listen(listener);
  }

  async market(symbol: string): Promise<Market> {
    const market = await this.markets.market(symbol);
    if (market === undefined) throw new UnknownMarketError(this.client.id, symbol);
    return market;
  }

  async fetchBalances(): Promise<Balances> {
    return this.read('fetchBalance', async () => toBalances(await this.client.fetchBalance()));
  }

  async fetchLastPrice(symbol: string): Promise<number> {
    return this.read('fetchTicker', async () => toLastPrice(await this.client.fetchTicker(symbol), symbol));
  }

  async fetchQuote(symbol: string): Promise<Quote> {
    const t = await this.read('fetchTicker', () => this.client.fetchTicker(symbol));
    const [bid, ask, last] = [decimalFrom(t.bid), decimalFrom(t.ask), decimalFrom(t.last ?? t.close)];
    return { ...(bid ? { bid } : {}), ...(ask ? { ask } : {}), ...(last ? { last } : {}) };
  }

  /** Closed candles only: the one still forming is dropped. */
  async fetchClosedCandles(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]> {
    const rows = await this.read('fetchOHLCV', () => this.client.fetchOHLCV(symbol, timeframe, since, limit));
    return toClosedCandles(rows, timeframe, this.deps.clock.now());
  }

  async createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    const prepared = await this.prepare(intent);
    if (prepared.kind === 'refused') return this.refuse(intent, prepared.reason);
    const outcome = await this.submitter.send(prepared.request);
    if (outcome.kind === 'acknowledged') this.fills.remember(outcome.order.exchangeOrderId, outcome.order.clientOrderId);
    return outcome.kind === 'rejected' ? { kind: 'rejected', reason: outcome.reason } : outcome;
  }

  async fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<Order | undefined> {
    const order = await this.read('fetchOrderByClientId', async () => {
      const found = await findOrderByClientId(this.client, this.lookup, symbol, clientOrderId);
      return found === undefined ? undefined : toOrder(found, this.client.id, this.deps.clock.now(), { clientOrderId, mustEcho: true });
    });
    if (order !== undefined) this.fills.remember(order.exchangeOrderId, order.clientOrderId);
    return order;
  }

  /** Cancels our order; an order already closed or cancelled is left as it is. */
  async cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    const order = await this.fetchOrderByClientId(symbol, clientOrderId);
    if (order === undefined) throw new ExchangeOrderNotFoundError(symbol, clientOrderId);
    if (order.status !== 'open') return;
    try {
      await this.read('cancelOrder', () => this.client.cancelOrder(order.exchangeOrderId, symbol));
    } catch (error) {
      // Filled or cancelled between the lookup and the cancel: the venue's state is the answer.
      if (!(error instanceof ExchangeCallError && error.category === 'orderNotFound')) throw error;
      const after = await this.fetchOrderByClientId(symbol, clientOrderId);
      if (after?.status === 'open') throw error;
    }
  }

  async fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    return this.read('fetchOpenOrders', async () => (await this.client.fetchOpenOrders(symbol)).map((o) => toOrder(o, this.client.id, this.deps.clock.now())));
  }

  async fetchFills(symbol: string, since: number): Promise<readonly Fill[]> {
    const market = await this.market(symbol);
    try {
      return await this.fills.fillsSince(symbol, market.quote, since);
    } catch (error) {
      throw toExchangeCallError('fetchMyTrades', error, (m) => this.redact(m));
    }
  }

  private prepare(intent: OrderIntent): Promise<OrderRequestResult> {
    return prepareOrder(intent, {
      client: this.client,
      markets: this.markets,
      pause: this.pause,
      now: this.deps.clock.now(),
      stopLimitOffsetPct: this.config.stopLimitOffsetPct,
      lastPrice: (symbol) => this.fetchLastPrice(symbol),
      redact: (m) => this.redact(m),
    });
  }

  private refuse(intent: OrderIntent, reason: string): { kind: 'rejected'; reason: string } {
    this.deps.logger.warn({ clientOrderId: intent.clientOrderId, symbol: intent.symbol, reason }, 'order refused before sending');
    return { kind: 'rejected', reason };
  }

  private async read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await callWithRetries(operation, call, {
        policy: this.config.retry,
        timing: this.deps.timing ?? realRetryTiming,
        logger: this.deps.logger,
        retryAfterMs: () => this.retryAfter(),
        redact: (m) => this.redact(m),
        hold: this.hold,
      });
    } catch (error) {
      throw toExchangeCallError(operation, error, (m) => this.redact(m));
    }
  }

  private retryAfter(): number | undefined {
    return retryAfterMs(this.client.last_response_headers, this.deps.clock.now());
  }

  private redact(message: string): string {
    return redactSecrets(message, this.deps.secrets ?? []);
  }
}
