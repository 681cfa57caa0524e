import { FixedKillSwitch } from '../../adapters/memory/FixedKillSwitch.js';
import type { TradingConfig } from '../../domain/config.js';
import type { Plan } from '../../domain/plan.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { Clock } from '../../ports/Clock.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { ShadowBook, ShadowStore } from '../../ports/ShadowStore.js';
import { DecisionCycle } from '../../services/decision/DecisionCycle.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { ShadowBookLedger } from './ShadowBookLedger.js';
import { ShadowVenue, type ShadowVenueOptions } from './ShadowVenue.js';

export interface ShadowBookOptions extends ShadowVenueOptions {
  readonly id: string;
  /** The shadow's strategy config in place of the main one; risk and execution as the live book's. */
  readonly config: TradingConfig;
  readonly strategy: Strategy;
  readonly store: ShadowStore;
  readonly books: () => Promise<ReadonlyMap<string, ShadowBook>>;
  readonly windows: CandleWindows;
  readonly clock: Clock;
  readonly logger: Logger;
  /** @default RUN: the kill switch guards real orders, and a shadow sends none. */
  readonly killSwitch?: KillSwitch;
  /** Where a skipped decision (a candle decided too late) is counted; shadows record no decisions. */
  readonly onSkipped?: () => void;
  /** Told of each plan that resolved, once stored. */
  readonly onResolved?: (plan: Plan) => void;
}

export interface ShadowBookParts {
  readonly venue: ShadowVenue;
  readonly ledger: ShadowBookLedger;
  readonly cycle: DecisionCycle;
}

/** A shadow's own DecisionCycle over its virtual ledger and virtual venue, kept in the shadow store. */
export function createShadowBook(options: ShadowBookOptions): ShadowBookParts {
  const venue = new ShadowVenue(options);
  const ledger = new ShadowBookLedger({ id: options.id, store: options.store, venue, books: options.books, ...(options.onResolved ? { onResolved: options.onResolved } : {}) });
  const cycle = new DecisionCycle({
    ledger,
    exchange: venue,
    killSwitch: options.killSwitch ?? new FixedKillSwitch('RUN'),
    clock: options.clock,
    config: options.config,
    strategy: options.strategy,
    windows: options.windows,
    recordSkipped: () => {
      options.onSkipped?.();
      return Promise.resolve();
    },
    logger: options.logger,
  });
  return { venue, ledger, cycle };
}
