import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Candle } from '../../domain/candle.js';
import { CorruptRecordError } from '../../domain/errors.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Clock } from '../../ports/Clock.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import { PaperExchange, type PaperVenueState } from '../paper/PaperExchange.js';
import { PaperMarketsSchema, PaperVenueStateSchema } from '../paper/paperVenueSchemas.js';

export interface DynamoDbPaperVenueOptions {
  readonly client: DynamoDBDocumentClient;
  /** The bot's state table; the venue is one item in its own partition, outside the ledger's. */
  readonly tableName: string;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly slippagePct: number;
  readonly clock: Clock;
  /** How long a read may serve later reads in the same process. @default 2000 */
  readonly cacheMs?: number;
  /** Ended orders and fills kept for lookups; their effect on balances is kept regardless. @default 200 */
  readonly keep?: number;
}

export const PAPER_VENUE_KEY = { pk: 'PAPER', sk: 'VENUE' } as const;
const MAX_WRITE_ATTEMPTS = 5;

interface Loaded {
  readonly venue: PaperExchange;
  readonly markets: Readonly<Record<string, Market>>;
  /** 0 when the item does not exist yet. */
  readonly version: number;
  readonly readAt: number;
}

/**
 * The paper venue of a deployed bot in paper mode: a PaperExchange whose balances, orders
 * and fills live in one DynamoDB item, so capture (which fills resting orders against the
 * candles it stores) and decide (which places orders) share it across invocations.
 * Every change is a conditional write on the item's version, redone on a fresh read when
 * another writer got there first; reads are served from a read at most `cacheMs` old.
 */
export class DynamoDbPaperVenue implements Exchange {
  private cached?: Loaded;
  /** Candles decide is deciding on: the venue's latest price without a write per candle. */
  private readonly observed = new Map<string, Candle>();

  constructor(private readonly options: DynamoDbPaperVenueOptions) {}

  /**
   * capture: records the market and fills the resting orders these closed candles reach;
   * returns the fills made. With no resting order on the symbol and its market already
   * recorded there is nothing to change, and nothing is written: the item is written only
   * when something happens, not once a minute per symbol.
   */
  async advance(symbol: string, market: Market, candles: readonly Candle[]): Promise<readonly Fill[]> {
    const loaded = await this.read();
    const resting = await loaded.venue.fetchOpenOrders(symbol);
    if (resting.length === 0 && JSON.stringify(loaded.markets[symbol]) === JSON.stringify(market)) return [];
    return this.change((venue) => {
      for (const candle of candles) venue.onCandle(symbol, candle);
      return venue.takeFills();
    }, { [symbol]: market });
  }

  /** decide: the closed candle being decided is the venue's latest price for the symbol (kept in memory). */
  observe(symbol: string, candle: Candle): void {
    const known = this.observed.get(symbol);
    if (known === undefined || known.openTime < candle.openTime) this.observed.set(symbol, candle);
    this.cached?.venue.setLastCandle(symbol, candle);
  }

  async market(symbol: string): Promise<Market> {
    const { markets } = await this.read();
    const market = markets[symbol];
    if (market === undefined) throw new Error(`paper venue: no market for ${symbol} yet (capture records it on its first run)`);
    return market;
  }

  async fetchBalances(): Promise<Balances> {
    return (await this.read()).venue.fetchBalances();
  }

  async fetchLastPrice(symbol: string): Promise<number> {
    return (await this.read()).venue.fetchLastPrice(symbol);
  }

  createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    return this.change((venue) => venue.createOrder(intent));
  }

  async fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<Order | undefined> {
    return (await this.read()).venue.fetchOrderByClientId(symbol, clientOrderId);
  }

  cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    return this.change((venue) => venue.cancelOrder(symbol, clientOrderId));
  }

  async fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    return (await this.read()).venue.fetchOpenOrders(symbol);
  }

  async fetchFills(symbol: string, since: number): Promise<readonly Fill[]> {
    return (await this.read()).venue.fetchFills(symbol, since);
  }

  private async read(): Promise<Loaded> {
    const cached = this.cached;
    if (cached !== undefined && this.options.clock.now() - cached.readAt < (this.options.cacheMs ?? 2000)) return cached;
    return this.load();
  }

  private async change<T>(apply: (venue: PaperExchange) => T | Promise<T>, newMarkets: Readonly<Record<string, Market>> = {}): Promise<T> {
    // A read older than cacheMs would only cost a failed conditional write before the fresh read.
    let loaded = await this.read();
    for (let attempt = 1; ; attempt++) {
      const markets = { ...loaded.markets, ...newMarkets };
      // The cached venue must not carry a change whose write failed: work on a copy.
      const venue = PaperExchange.fromState(loaded.venue.toState(), this.exchangeOptions(markets));
      for (const [symbol, candle] of this.observed) venue.setLastCandle(symbol, candle);
      const result = await apply(venue);
      try {
        await this.save(venue, markets, loaded.version);
        return result;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
        loaded = await this.load();
      }
    }
  }

  private async load(): Promise<Loaded> {
    const { client, tableName, clock } = this.options;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: PAPER_VENUE_KEY, ConsistentRead: true }));
    const readAt = clock.now();
    if (Item === undefined) {
      const venue = new PaperExchange(this.exchangeOptions({}, this.options.startingBalances));
      return (this.cached = { venue, markets: {}, version: 0, readAt });
    }
    const state = parseJson(PaperVenueStateSchema, Item.state, 'state');
    const markets = parseJson(PaperMarketsSchema, Item.markets, 'markets');
    const venue = PaperExchange.fromState(state, this.exchangeOptions(markets));
    for (const [symbol, candle] of this.observed) venue.setLastCandle(symbol, candle);
    return (this.cached = { venue, markets, version: Number(Item.version), readAt });
  }

  private async save(venue: PaperExchange, markets: Readonly<Record<string, Market>>, version: number): Promise<void> {
    const { client, tableName, clock } = this.options;
    const state: PaperVenueState = venue.toState(this.options.keep ?? 200);
    const now = clock.now();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...PAPER_VENUE_KEY, version: version + 1, updatedAt: now, state: JSON.stringify(state), markets: JSON.stringify(markets) },
        ...(version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } }),
      }),
    );
    this.cached = { venue, markets, version: version + 1, readAt: now };
  }

  private exchangeOptions(markets: Readonly<Record<string, Market>>, balances: Readonly<Record<string, string>> = {}) {
    return { markets: Object.values(markets), balances, slippagePct: this.options.slippagePct };
  }
}

function parseJson<T>(schema: z.ZodType<T>, text: unknown, attribute: string): T {
  const where = `${PAPER_VENUE_KEY.pk}/${PAPER_VENUE_KEY.sk}`;
  let json: unknown;
  try {
    json = JSON.parse(String(text));
  } catch {
    throw new CorruptRecordError('paper venue', where, `${attribute} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptRecordError('paper venue', where, `${attribute}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
