import type { RiskConfig } from '../../domain/config.js';
import type { Decimal } from '../../domain/decimal.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { Market } from '../../domain/market.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import type { Plan } from '../../domain/plan.js';

export type { DailyRiskState };

/** Everything risk needs to judge one proposal; built by the caller, read only. */
export interface RiskContext {
  readonly now: number;
  readonly killSwitch: KillSwitchState;
  readonly config: RiskConfig;
  /** The proposal's market: precision, limits and fees. */
  readonly market: Market;
  /** Total equity in the quote currency. */
  readonly equity: Decimal;
  /** Free quote balance that can pay for an entry. */
  readonly quoteFree: Decimal;
  /** This bot's live plans (approved, entering, open, exiting), every symbol. */
  readonly livePlans: readonly Plan[];
  /** Quote value held or committed per symbol. */
  readonly exposureBySymbol: ReadonlyMap<string, Decimal>;
  readonly daily: DailyRiskState;
  /** Symbol → time of its last stop-out exit. */
  readonly lastStopOutAt: ReadonlyMap<string, number>;
  /** The candles decided on, newest last: what a volatility sizer measures. */
  readonly window?: CandleWindow;
}
