import type { BotManagedCause } from './botManagedStop.js';
import type { Timeframe } from './candle.js';
import type { RiskRejection } from './riskRejection.js';

export type PlanSide = 'long' | 'short';

export const PLAN_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'entering',
  'open',
  'exiting',
  'closed',
  'cancelled',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export type ExitReason = 'stop' | 'target' | 'trailing_stop' | 'max_age' | 'flatten';

/** What a strategy proposes; prices are the strategy's floats, rounded later by risk. */
export interface PlanProposal {
  readonly symbol: string;
  readonly side: PlanSide;
  readonly entry: number;
  readonly stop: number;
  readonly target: number;
  /** Trails the stop this fraction below the highest high since entry (0.02 = 2 %). */
  readonly trailingStopPct?: number;
  readonly maxAgeMs?: number;
  /** Probability, in [0, 1], that the target is reached before the stop; from a model strategy. */
  readonly pWin?: number;
  readonly reason: string;
}

/**
 * A trade from proposal to close. Money fields are decimal strings (exact, and stored as
 * they are); `version` guards every update against a lost race.
 */
export interface Plan {
  readonly id: string;
  readonly botId: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly strategy: string;
  readonly side: PlanSide;
  readonly status: PlanStatus;
  readonly reason: string;
  /** Open time of the candle whose close produced the proposal. */
  readonly candleOpenTime: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
  /** Rounded by market precision once approved. */
  readonly entry: string;
  readonly stop: string;
  readonly target: string;
  readonly trailingStopPct?: string;
  readonly maxAgeMs?: number;
  /** The proposal's probability that the target is reached before the stop, kept for the calibration monitor. */
  readonly pWin?: number;
  /** Base amount approved by risk. */
  readonly amount?: string;
  /** The stop in force now: starts at `stop`, only ever tightens as the trail moves. */
  readonly activeStop?: string;
  /** Highest high (long) seen since the entry filled, for the trailing stop. */
  readonly highWatermark?: string;
  readonly rejection?: RiskRejection;
  /** The stop order resting on the venue for this plan: leg `stop` at `attempt`, which is the plan's `exitAttempt` while it rests. */
  readonly restingStop?: RestingStop;
  /**
   * Why the plan's stop is checked by the bot although stops are `exchange`, in words: the venue
   * refused the stop, its limit on resting stops was reached, or the position is under the
   * minimum order. Cleared once a stop rests. A refused stop is never sent again at its level.
   */
  readonly botManagedStop?: string;
  /** The same, for decide to act on (see BotManagedCause); a plan stored before it was kept has the words alone. */
  readonly botManagedCause?: BotManagedCause;
  readonly entryAttempt: number;
  readonly exitAttempt: number;
  readonly openedAt?: number;
  readonly filledAmount?: string;
  readonly avgEntryPrice?: string;
  readonly exitReason?: ExitReason;
  readonly closedAt?: number;
  readonly avgExitPrice?: string;
  /** Net of all fees, in the quote currency; set when closed. */
  readonly realizedPnl?: string;
  readonly feesPaid?: string;
}

export interface RestingStop {
  readonly attempt: number;
  readonly stopPrice: string;
  readonly amount: string;
  readonly placedAt: number;
}

export const OPEN_PLAN_STATUSES: ReadonlySet<PlanStatus> = new Set(['approved', 'entering', 'open', 'exiting']);

export function isLive(plan: Plan): boolean {
  return OPEN_PLAN_STATUSES.has(plan.status);
}
