import * as z from 'zod';
import { PaperExchange, type PaperExchangeOptions } from '../../adapters/paper/PaperExchange.js';
import { PaperVenueStateSchema } from '../../adapters/paper/paperVenueSchemas.js';
import { type Awaitable, andThen } from '../../domain/awaitable.js';
import type { Candle } from '../../domain/candle.js';
import { CorruptRecordError } from '../../domain/errors.js';
import { type Market, MarketSchema } from '../../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';

export interface ShadowVenueOptions {
  /** A symbol's precision and limits: asked once per symbol and process (the live venue has them at hand; nothing is sent). */
  readonly marketOf: (symbol: string) => Awaitable<Market>;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly slippagePct: number;
  /** The backtest's price at a time; by default the close of the newest candle seen, the price when the candle after it opens. */
  readonly priceAt?: PaperExchangeOptions['priceAt'];
  /** Ended orders and fills kept in the stored state. @default 20 */
  readonly keep?: number;
}

const StoredVenueSchema = z.strictObject({ state: PaperVenueStateSchema, markets: z.array(MarketSchema) });

/**
 * A shadow's virtual venue: a PaperExchange (the backtest's fill model: a market order fills
 * when placed at the price then, resting orders against later candles), restored from and
 * saved to the shadow store as JSON. It never reaches a real venue: the only thing it asks of
 * one is a market's precision and limits.
 */
export class ShadowVenue implements Exchange {
  private venue: PaperExchange;
  private readonly markets = new Map<string, Market>();
  /** The newest candle seen of each symbol: what a restored venue is brought up to. */
  private readonly latest = new Map<string, Candle>();

  constructor(private readonly options: ShadowVenueOptions) {
    this.venue = this.fresh();
  }

  /** Back to a stored state (undefined: a new book with the starting balances), brought up to the candles seen since. */
  restore(stored: string | undefined, where: string): void {
    if (stored === undefined) {
      this.venue = this.fresh();
    } else {
      const parsed = StoredVenueSchema.safeParse(parseJson(stored, where));
      if (!parsed.success) throw new CorruptRecordError('shadow store', where, `venue: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      for (const market of parsed.data.markets) this.markets.set(market.symbol, market);
      this.venue = PaperExchange.fromState(parsed.data.state, this.exchangeOptions());
    }
    for (const [symbol, candle] of this.latest) this.venue.onCandle(symbol, candle);
  }

  /** The venue as stored. */
  toJson(): string {
    return JSON.stringify({ state: this.venue.toState(this.options.keep ?? 20), markets: [...this.markets.values()] });
  }

  /** Fills what the candle reaches, as the venue would have while the candle traded. */
  onCandle(symbol: string, candle: Candle): void {
    const known = this.latest.get(symbol);
    if (known !== undefined && known.openTime >= candle.openTime) return;
    this.latest.set(symbol, candle);
    this.venue.onCandle(symbol, candle);
  }

  market(symbol: string): Awaitable<Market> {
    const known = this.markets.get(symbol);
    if (known !== undefined) return known;
    return andThen(this.options.marketOf(symbol), (market) => {
      this.markets.set(symbol, market);
      // The paper venue takes its markets when made: made again with this one, state kept.
      this.venue = PaperExchange.fromState(this.venue.toState(), this.exchangeOptions());
      return market;
    });
  }

  fetchBalances(): Balances {
    return this.venue.fetchBalances();
  }

  fetchLastPrice(symbol: string): Promise<number> {
    return this.venue.fetchLastPrice(symbol);
  }

  createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    return this.venue.createOrder(intent);
  }

  fetchOrderByClientId(symbol: string, clientOrderId: string): Awaitable<Order | undefined> {
    return this.venue.fetchOrderByClientId(symbol, clientOrderId);
  }

  cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    return this.venue.cancelOrder(symbol, clientOrderId);
  }

  fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    return this.venue.fetchOpenOrders(symbol);
  }

  fetchFills(symbol: string, since: number): Promise<readonly Fill[]> {
    return this.venue.fetchFills(symbol, since);
  }

  private fresh(): PaperExchange {
    return new PaperExchange({ ...this.exchangeOptions(), balances: this.options.startingBalances });
  }

  private exchangeOptions(): PaperExchangeOptions {
    return {
      markets: [...this.markets.values()],
      balances: {},
      slippagePct: this.options.slippagePct,
      priceAt: this.options.priceAt ?? ((symbol) => this.latest.get(symbol)?.close),
    };
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CorruptRecordError('shadow store', where, 'venue is not JSON');
  }
}
