import type { Candle } from '../../domain/candle.js';
import type { BacktestConfig, ShadowConfig } from '../../domain/config.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { MemoryLedgerStore } from '../../adapters/memory/MemoryLedgerStore.js';
import { PaperExchange, type PaperExchangeOptions } from '../../adapters/paper/PaperExchange.js';
import type { Clock } from '../../ports/Clock.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import { DecisionCycle } from '../../services/decision/DecisionCycle.js';
import { HandedWindows, type Shadow } from '../../services/decision/ShadowFleet.js';
import { equityOf } from '../../services/portfolio/valueEquity.js';
import type { Strategy } from '../../strategy/Strategy.js';

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
 * One shadow strategy in a backtest: its own DecisionCycle over a memory ledger (its shadow
 * store) and a paper venue with the run's starting balances and the backtest's fill model.
 * Nothing it does reaches the live ledger or the live venue.
 */
export class BacktestShadow implements Shadow {
  readonly id: string;
  readonly ledger = new MemoryLedgerStore();
  readonly exchange: PaperExchange;
  readonly windows = new HandedWindows();
  readonly cycle: DecisionCycle;
  decisionsSkipped = 0;

  constructor(readonly options: BacktestShadowOptions) {
    const { shadow, config } = options;
    this.id = shadow.id;
    this.exchange = new PaperExchange({
      markets: options.markets,
      balances: options.startingBalances,
      slippagePct: config.execution.paperSlippagePct,
      priceAt: options.priceAt,
    });
    this.cycle = new DecisionCycle({
      ledger: this.ledger,
      exchange: this.exchange,
      killSwitch: options.killSwitch,
      clock: options.clock,
      config: { ...config, strategy: { name: shadow.strategy, params: shadow.params } },
      strategy: options.strategy,
      windows: this.windows,
      recordSkipped: () => {
        this.decisionsSkipped++;
        return Promise.resolve();
      },
      logger: options.logger,
    });
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

/** A shadow's strategy config: its checkpoint, when it names one, goes to the strategy as a param. */
export function shadowStrategyConfig(shadow: ShadowConfig): { name: string; params: Record<string, unknown> } {
  return { name: shadow.strategy, params: shadow.checkpoint === undefined ? shadow.params : { ...shadow.params, checkpoint: shadow.checkpoint } };
}
