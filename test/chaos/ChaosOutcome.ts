import type { SimOrderView, SimTradeView } from '../../lib/local/exchange-sim/index.js';
import type { LogLine } from '../../lib/local/runtime/LocalTelemetry.js';
import type { LocalLedger } from '../../lib/local/runtime/readLocalLedger.js';

/** Everything the invariants look at once a chaos run has ended and reconciliation has run. */
export interface ChaosOutcome {
  readonly venue: {
    readonly orders: readonly SimOrderView[];
    readonly trades: readonly SimTradeView[];
    /** Free plus locked, by asset. */
    readonly totals: Readonly<Record<string, string>>;
    /** By unified symbol: the price now. */
    readonly lastPrices: Readonly<Record<string, string | undefined>>;
  };
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly ledger: LocalLedger;
  /** `symbol#timeframe` of every series the bot decides. */
  readonly decidedSeries: ReadonlySet<string>;
  /** `symbol timeframe openTime` of every candle that closed while the bot ran and must have been decided. */
  readonly expectedCandles: readonly string[];
  /** decide's `decided`, `decision skipped` and `already decided` lines. */
  readonly decisionLines: readonly LogLine[];
  /** `symbol timeframe openTime` of the decision records in the telemetry table. */
  readonly storedDecisions: ReadonlySet<string>;
  /** Bodies of the messages the queue dead-lettered. */
  readonly deadLetters: readonly string[];
  readonly reconciliation: { readonly status: string; readonly error?: string } | undefined;
  /** The bot's state after reconciliation (ACTIVE, HALTED, ...) and why, when not ACTIVE. */
  readonly bot: { readonly status: string; readonly reason?: string };
}
