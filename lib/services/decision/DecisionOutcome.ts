import type { Candle, Timeframe } from '../../domain/candle.js';
import type { DecisionRecord } from '../../domain/decisionRecord.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Plan } from '../../domain/plan.js';

export interface SettlementOutcome {
  /** Plans moved by fills or ended orders settled before the candle was judged. */
  readonly settled: readonly Plan[];
  readonly settledFills: number;
}

export type DecisionOutcome =
  | ({
      readonly kind: 'decided';
      readonly record: DecisionRecord;
      /** Nothing settled, judged or sent: the record has no verdicts, exits or orders, and is built only when read. */
      readonly quiet?: boolean;
    } & SettlementOutcome)
  | { readonly kind: 'skipped'; readonly record: DecisionRecord }
  | { readonly kind: 'duplicate' };

export const DUPLICATE: DecisionOutcome = Object.freeze({ kind: 'duplicate' });

const NONE: readonly never[] = Object.freeze([]);

/** The record of a candle the bot did not decide: reconciliation holds the bot, it is halted, or the candle is stale. */
export function skippedRecord(
  botId: string,
  decision: { readonly symbol: string; readonly timeframe: Timeframe; readonly candle: Candle; readonly now: number; readonly killSwitch: KillSwitchState },
  openPlans: number,
  skipped: string,
): DecisionRecord {
  const { symbol, timeframe, candle, now, killSwitch } = decision;
  return { botId, symbol, timeframe, candleOpenTime: candle.openTime, decidedAt: now, close: candle.close, killSwitch, openPlans, exits: NONE, verdicts: NONE, orders: NONE, skipped };
}
