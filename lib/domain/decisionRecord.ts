import type { Timeframe } from './candle.js';
import type { ExecutionRefusalCode } from './executionRefusal.js';
import type { KillSwitchState } from './killSwitch.js';
import type { ExitReason, PlanProposal } from './plan.js';
import type { RiskRejection } from './riskRejection.js';

export interface VerdictSummary {
  readonly proposal: PlanProposal;
  readonly approved: boolean;
  readonly planId?: string;
  readonly amount?: string;
  /** An approval's levels as risk rounded them to the tick: the plan's own, where the proposal's are the strategy's floats. */
  readonly levels?: ApprovedLevels;
  readonly rejection?: RiskRejection;
}

export interface ApprovedLevels {
  readonly entry: string;
  readonly stop: string;
  readonly target: string;
}

export interface OrderSummary {
  readonly clientOrderId: string;
  readonly planId: string;
  readonly leg: string;
  readonly side: string;
  readonly amount: string;
  readonly outcome: 'acknowledged' | 'rejected' | 'unknown' | 'refused';
  /** Readable text of a refusal or of the venue's answer; records written before `code` existed carry only this. */
  readonly reason?: string;
  /** Why execution refused, when `outcome` is refused. */
  readonly code?: ExecutionRefusalCode;
  /** A stop placed to replace a moved one: how long no stop rested on the venue for the plan. */
  readonly unprotectedMs?: number;
}

/** One structured record per candle evaluated: what the bot saw, proposed, judged and sent. */
export interface DecisionRecord {
  readonly botId: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candleOpenTime: number;
  readonly decidedAt: number;
  readonly close: number;
  readonly killSwitch: KillSwitchState;
  readonly openPlans: number;
  readonly exits: readonly { readonly planId: string; readonly reason: ExitReason; readonly price: string }[];
  readonly verdicts: readonly VerdictSummary[];
  readonly orders: readonly OrderSummary[];
  /** Why nothing was evaluated (a gap, warm-up, the bot not active), when so. */
  readonly skipped?: string;
  /** What the strategy said of a candle it proposed nothing on (a language model's named failure), when it did. */
  readonly strategyNote?: string;
}
