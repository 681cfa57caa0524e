import type { Candle } from '../../domain/candle.js';
import type { BacktestConfig, ShadowConfig } from '../../domain/config.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import { MemoryShadowStore } from '../../adapters/memory/MemoryShadowStore.js';
import type { PaperExchangeOptions } from '../../adapters/paper/PaperExchange.js';
import type { Clock } from '../../ports/Clock.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { DecisionCycle } from '../../services/decision/DecisionCycle.js';
import { HandedWindows, type Shadow } from '../../services/decision/ShadowFleet.js';
import { equityOf } from '../../services/portfolio/valueEquity.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { createShadowBook } from '../shadow/createShadowBook.js';
import type { ShadowBookLedger } from '../shadow/ShadowBookLedger.js';
import type { ShadowVenue } from '../shadow/ShadowVenue.js';

export interface BacktestShadowOptions {
  readonly shadow: ShadowConfig;
  readonly strategy: Strategy;
  readonly config: BacktestConfig;
  readonly markets: readonly Market[];
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly priceAt: NonNullable<PaperExchangeOptions['priceAt']>;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * One shadow strategy in a backtest: the deployed shadow's book (its own DecisionCycle over a
 * virtual ledger and a paper venue with the run's starting balances and the backtest's fill
 * model), kept in a memory shadow store. Nothing it does reaches the live ledger or venue.
 */
export class BacktestShadow implements Shadow {
  readonly id: string;
  readonly store = new MemoryShadowStore();
  readonly exchange: ShadowVenue;
  readonly book: ShadowBookLedger;
  readonly windows = new HandedWindows();
  readonly cycle: DecisionCycle;
  decisionsSkipped = 0;

  constructor(readonly options: BacktestShadowOptions) {
    const { shadow, config } = options;
    this.id = shadow.id;
    const parts = createShadowBook({
      id: shadow.id,
      config: { ...config, strategy: { name: shadow.strategy, params: shadow.params } },
      strategy: options.strategy,
      store: this.store,
      books: () => this.store.loadBooks(),
      windows: this.windows,
      clock: options.clock,
      logger: options.logger,
      killSwitch: options.killSwitch,
      onSkipped: () => this.decisionsSkipped++,
      marketOf: (symbol) => {
        const market = options.markets.find((m) => m.symbol === symbol);
        if (market === undefined) throw new Error(`shadow ${shadow.id}: no market for ${symbol}`);
        return market;
      },
      startingBalances: options.startingBalances,
      slippagePct: config.execution.paperSlippagePct,
      priceAt: options.priceAt,
    });
    this.exchange = parts.venue;
    this.book = parts.ledger;
    this.cycle = parts.cycle;
  }

  /** The book's plans as the report reads them: those that ended closed, from the shadow store, and those still live. */
  get ledger(): { readonly closedPlans: readonly Plan[]; livePlans(): readonly Plan[] } {
    return { closedPlans: this.store.resolvedInOrder(this.id).filter((p) => p.status === 'closed'), livePlans: () => this.book.livePlans() };
  }

  get strategyName(): string {
    return this.options.strategy.name;
  }

  /** The virtual venue sees each candle close, as the live one does. */
  onCandle(symbol: string, candle: Candle): void {
    this.exchange.onCandle(symbol, candle);
  }

  equity(prices: ReadonlyMap<string, number>, quoteCurrency: string): Decimal {
    return equityOf(this.exchange.fetchBalances(), prices, quoteCurrency, prices.keys()).equity;
  }
}

export { shadowStrategyConfig } from '../shadow/shadowStrategyConfig.js';
