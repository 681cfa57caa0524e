import { type Awaitable, andThen } from '../../domain/awaitable.js';
import type { Candle, Timeframe } from '../../domain/candle.js';
import type { ShadowConfig, StrategyConfig, TradingConfig } from '../../domain/config.js';
import type { Market } from '../../domain/market.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import type { ShadowBook, ShadowStore } from '../../ports/ShadowStore.js';
import { HandedWindows, type Shadow, type ShadowDecider, ShadowFleet } from '../../services/decision/ShadowFleet.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { shadowStrategyConfig } from './shadowStrategyConfig.js';
import { type ShadowBookParts, createShadowBook } from './createShadowBook.js';
import { closedPlanLogFields } from '../lambda/closedPlanLogFields.js';

export interface StoredShadowFleetOptions {
  readonly shadows: readonly ShadowConfig[];
  readonly store: ShadowStore;
  /** The live book's trading config: the shadows' risk and execution rules. */
  readonly config: TradingConfig;
  /** A symbol's precision and limits, from the live venue (read once per symbol; nothing is sent). */
  readonly marketOf: (symbol: string) => Awaitable<Market>;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly loadStrategy: (config: StrategyConfig) => Promise<Strategy>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * A shadow of the deployed or local bot: it decides each candle the live cycle decided, on
 * the live window, after its virtual venue has seen the candle; its book is read from the
 * shadow store on its first candle.
 */
export class StoredShadow implements Shadow {
  readonly cycle: ShadowDecider;

  constructor(
    readonly id: string,
    readonly book: ShadowBookParts,
    /** The windows port `book.cycle` reads. */
    readonly windows: HandedWindows,
  ) {
    this.cycle = { decide: (symbol, timeframe, candle) => this.decide(symbol, timeframe, candle) };
  }

  private decide(symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<unknown> {
    return andThen(this.book.ledger.ready(), () => {
      this.book.venue.onCandle(symbol, candle);
      return this.book.cycle.decide(symbol, timeframe, candle);
    });
  }
}

/** The configured shadows over the shadow store, their books read in one look on the first candle; undefined when none is configured. */
export async function createStoredShadowFleet(options: StoredShadowFleetOptions): Promise<ShadowFleet | undefined> {
  if (options.shadows.length === 0) return undefined;
  let books: Promise<ReadonlyMap<string, ShadowBook>> | undefined;
  const loadBooks = () =>
    (books ??= options.store.loadBooks().catch((error: unknown) => {
      books = undefined;
      throw error;
    }));
  const shadows = await Promise.all(
    options.shadows.map(async (shadow) => {
      const strategyConfig = shadowStrategyConfig(shadow);
      const strategy = await options.loadStrategy(strategyConfig);
      const windows = new HandedWindows();
      const book = createShadowBook({
        id: shadow.id,
        config: { ...options.config, strategy: strategyConfig },
        strategy,
        store: options.store,
        books: loadBooks,
        windows,
        clock: options.clock,
        logger: options.logger,
        marketOf: options.marketOf,
        startingBalances: options.startingBalances,
        slippagePct: options.config.execution.paperSlippagePct,
        // The live book's "plan closed" line, with the book: the dashboard sets them side by side.
        onResolved: (plan) => options.logger.info({ book: shadow.id, ...closedPlanLogFields(plan) }, 'plan closed'),
      });
      return new StoredShadow(shadow.id, book, windows);
    }),
  );
  return new ShadowFleet(shadows, options.logger);
}
