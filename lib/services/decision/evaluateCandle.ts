import { type Awaitable, isPending } from '../../domain/awaitable.js';
import type { Candle } from '../../domain/candle.js';
import { dec } from '../../domain/decimal.js';
import { derivePlanId } from '../../domain/clientOrderId.js';
import type { VerdictSummary } from '../../domain/decisionRecord.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Market } from '../../domain/market.js';
import type { Plan, PlanProposal } from '../../domain/plan.js';
import type { RiskRejection } from '../../domain/riskRejection.js';
import { shapedPlan, transitionPlan } from '../../domain/planLifecycle.js';
import { roundPrice } from '../../domain/precision.js';
import { NO_PROPOSALS, type Strategy, type StrategyContext } from '../../strategy/Strategy.js';
import type { ExitSignal } from '../plans/ExitSignal.js';
import { monitorPlan } from '../plans/monitorPlan.js';
import { assessProposal } from '../risk/assessProposal.js';
import type { RiskContext } from '../risk/RiskContext.js';
import { type PlannedStop, plannedStops, stopNeed } from './plannedStops.js';

/** Everything one candle is judged on; the strategy sees it as its context, without a copy. */
export interface CandleEvaluationInput extends StrategyContext {
  readonly botId: string;
  readonly timeframeMs: number;
  readonly candle: Candle;
  readonly market: Market;
  readonly strategy: Strategy;
  readonly killSwitch: KillSwitchState;
  /** Who holds a filled position's stop (ExecutionConfig.stops). */
  readonly stops: 'exchange' | 'bot';
  /** Resting stops the venue takes per symbol (ExecutionConfig.maxRestingStopsPerSymbol). */
  readonly maxRestingStops: number;
  /** Built only when there is a proposal to judge: most candles have none. */
  riskContext(): RiskContext;
  /** When the decision is made: the candle's close. */
  readonly now: number;
  /** What the strategy noted on this candle (StrategyContext.note). */
  readonly strategyNote?: string;
}

export interface PlannedExit {
  readonly plan: Plan;
  readonly exit: ExitSignal;
}

export interface RejectedProposal {
  readonly proposal: PlanProposal;
  readonly rejection: RiskRejection;
}

export interface CandleEvaluation {
  /** Plans whose trailing stop moved; save them. */
  readonly updatedPlans: readonly Plan[];
  readonly exits: readonly PlannedExit[];
  readonly stops: readonly PlannedStop[];
  /** Approved plans to enter; rejected proposals live on in the decision record only. */
  readonly approved: readonly Plan[];
  readonly rejected: readonly RejectedProposal[];
  readonly verdicts: readonly VerdictSummary[];
}

/** A candle with nothing to do: no plan moved, nothing proposed. */
export const NOTHING: CandleEvaluation = Object.freeze({ updatedPlans: [], exits: [], stops: [], approved: [], rejected: [], verdicts: [] });

/**
 * One closed candle through the chain: plans.monitor → strategy → risk. No I/O of its own;
 * it waits only when the strategy does. A plan exiting on this candle still counts as live
 * for risk, so an entry never stacks on a position being closed. FLATTEN exits every open
 * plan of the symbol at market. With stops on the exchange, an open position without a
 * resting stop (its entry just settled) gets one, and a trail that moved moves it; a stop
 * the venue refused stays bot-managed at its level, and one the venue's limit of resting
 * stops kept off it goes on once a slot is free (plannedStops). The candle is still checked
 * against every plan's stop: a resting stop that did not sell on a candle through its level
 * (placed after the candle opened, or gapped past its limit) is cancelled and the position
 * leaves at market.
 */
export function evaluateCandle(input: CandleEvaluationInput): Awaitable<CandleEvaluation> {
  let updatedPlans: Plan[] | undefined;
  let exits: PlannedExit[] | undefined;
  let stops: PlannedStop[] | undefined;
  let waitingForSlot: Plan[] | undefined;
  let resting = 0;
  for (const plan of input.openPlans) {
    if (plan.symbol !== input.symbol || plan.status !== 'open') continue;
    if (input.killSwitch === 'FLATTEN') {
      (exits ??= []).push({ plan, exit: flattenSignal(plan, input) });
      continue;
    }
    const check = monitorPlan(plan, input.candle, input.market, input.timeframeMs);
    if (check.plan !== plan) (updatedPlans ??= []).push(check.plan);
    if (check.exit) (exits ??= []).push({ plan: check.plan, exit: check.exit });
    else if (input.stops === 'exchange' && input.killSwitch !== 'HALT') {
      if (check.plan.restingStop !== undefined) resting++;
      const need = stopNeed(check.plan);
      if (need === 'free_slot') (waitingForSlot ??= []).push(check.plan);
      else if (need) (stops ??= []).push({ plan: check.plan, action: need });
    }
  }
  if (stops !== undefined || waitingForSlot !== undefined) stops = plannedStops(stops ?? [], waitingForSlot, resting, input.maxRestingStops);
  if (input.window.length < input.strategy.warmupCandles) return conclude(NO_PROPOSALS, input, updatedPlans, exits, stops);
  const proposals = input.strategy.evaluate(input);
  if (isPending(proposals)) return concludeLater(proposals, input, updatedPlans, exits, stops);
  return conclude(proposals, input, updatedPlans, exits, stops);
}

/**
 * Only a strategy that answers later pays for a closure; its own function, since a closure
 * in evaluateCandle would have every candle allocate the variables it captures.
 */
function concludeLater(proposals: Promise<readonly PlanProposal[]>, input: CandleEvaluationInput, updatedPlans: Plan[] | undefined, exits: PlannedExit[] | undefined, stops: PlannedStop[] | undefined): Promise<CandleEvaluation> {
  return proposals.then((proposed) => conclude(proposed, input, updatedPlans, exits, stops));
}

function conclude(proposals: readonly PlanProposal[], input: CandleEvaluationInput, updatedPlans: Plan[] | undefined, exits: PlannedExit[] | undefined, stops: PlannedStop[] | undefined): CandleEvaluation {
  if (proposals.length === 0 && updatedPlans === undefined && exits === undefined && stops === undefined) return NOTHING;
  const judged = proposals.length > 0 ? judgeProposals(proposals, input) : undefined;
  return {
    updatedPlans: updatedPlans ?? [],
    exits: exits ?? [],
    stops: stops ?? [],
    approved: judged?.approved ?? [],
    rejected: judged?.rejected ?? [],
    verdicts: judged?.verdicts ?? [],
  };
}

function judgeProposals(proposals: readonly PlanProposal[], input: CandleEvaluationInput) {
  const risk = input.riskContext();
  const approved: Plan[] = [];
  const rejected: RejectedProposal[] = [];
  const verdicts: VerdictSummary[] = [];
  for (const proposal of proposals) {
    // Plans approved on this candle count against the limits for the next proposal.
    const context = approved.length === 0 ? risk : withApproved(risk, approved);
    const verdict = assessProposal(proposal, context);
    if (verdict.approved) {
      const plan = transitionPlan(proposedPlan(proposal, input), 'approved', input.now, {
        entry: verdict.entry,
        stop: verdict.stop,
        target: verdict.target,
        amount: verdict.amount,
      });
      approved.push(plan);
      verdicts.push({ proposal, approved: true, planId: plan.id, amount: verdict.amount, levels: { entry: verdict.entry, stop: verdict.stop, target: verdict.target } });
    } else {
      rejected.push({ proposal, rejection: verdict.rejection });
      verdicts.push({ proposal, approved: false, rejection: verdict.rejection });
    }
  }
  return { approved, rejected, verdicts };
}

/** The context with this candle's approved plans live too; the lazy figures are read now. */
function withApproved(risk: RiskContext, approved: readonly Plan[]): RiskContext {
  return {
    now: risk.now,
    killSwitch: risk.killSwitch,
    config: risk.config,
    market: risk.market,
    equity: risk.equity,
    quoteFree: risk.quoteFree,
    livePlans: [...risk.livePlans, ...approved],
    exposureBySymbol: risk.exposureBySymbol,
    daily: risk.daily,
    lastStopOutAt: risk.lastStopOutAt,
    ...(risk.window !== undefined ? { window: risk.window } : {}),
  };
}

function proposedPlan(proposal: PlanProposal, input: CandleEvaluationInput): Plan {
  const strategyName = input.strategy.name;
  return shapedPlan({
    id: derivePlanId(input.botId, input.symbol, input.timeframe, input.candle.openTime, `${strategyName}:${proposal.side}`),
    botId: input.botId,
    symbol: input.symbol,
    timeframe: input.timeframe,
    strategy: strategyName,
    side: proposal.side,
    status: 'proposed',
    reason: proposal.reason,
    candleOpenTime: input.candle.openTime,
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
    entry: plainNumber(proposal.entry),
    stop: plainNumber(proposal.stop),
    target: plainNumber(proposal.target),
    ...(proposal.trailingStopPct !== undefined ? { trailingStopPct: String(proposal.trailingStopPct) } : {}),
    ...(proposal.maxAgeMs !== undefined ? { maxAgeMs: proposal.maxAgeMs } : {}),
    ...(proposal.pWin !== undefined ? { pWin: proposal.pWin } : {}),
    entryAttempt: 0,
    exitAttempt: 0,
  });
}

function flattenSignal(plan: Plan, input: CandleEvaluationInput): ExitSignal {
  return {
    planId: plan.id,
    reason: 'flatten',
    price: roundPrice(input.candle.close, input.market, 'nearest').toFixed(),
    orderType: 'market',
  };
}

/** A strategy's float as a plain decimal string; NaN and infinities stay visible for risk to reject. */
function plainNumber(value: number): string {
  return Number.isFinite(value) ? dec(value).toFixed() : String(value);
}
