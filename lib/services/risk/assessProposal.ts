/**
 * The risk gate between a strategy's proposal and execution. Checks run in this order and
 * the first that fails names the rejection; the cheap ones that need no arithmetic come
 * first, since most proposals on a busy symbol end at stacking or cooldown:
 *
 *  0. shape: an object with a side and a reason              → invalid_proposal
 *     symbol: the decided candle's (a strategy sees one symbol's snapshot, and the
 *     market, exposure and levels checked below are that symbol's) → other_symbol
 *  1. kill switch: anything but RUN refuses entries           → kill_switch
 *  2. side: spot markets take longs only                      → short_unsupported
 *  3. stacking: a live plan on the same symbol and side       → stacking
 *  4. open plans: as many live plans as allowed               → max_open_plans
 *  5. cooldown after a stop-out on this symbol                → cooldown
 *  6. levels: finite, positive, stop < entry < target; then rounded to the tick
 *     (entry nearest, stop and target down) and checked again → invalid_levels
 *  7. daily loss limit, latched for the UTC day               → daily_loss_limit
 *  8. reward to risk on the rounded levels                    → reward_to_risk
 *     expected value, when the proposal carries pWin and risk.minExpectedValue is set
 *     (expectedValue.ts)                                      → expected_value
 *  9. sizing (sizePosition) against the order minimums        → the binding cap's reason,
 *     symbol_exposure_cap | total_exposure_cap | insufficient_balance, else order_value_below_min
 * 10. the order value against the market's and our maximum   → order_value_above_max
 *     (a fat-finger guard: it refuses rather than clips)
 */
import { Decimal } from '../../domain/decimal.js';
import { isLive, type PlanProposal } from '../../domain/plan.js';
import type { RiskRejection } from '../../domain/riskRejection.js';
import { dailyLoss, rollDailyRiskState } from './dailyRiskState.js';
import { findExpectedValueRejection } from './expectedValue.js';
import { findProposalProblem } from './findProposalProblem.js';
import { maximumOrderValue, minimumAmount, minimumOrderValue } from './orderValueLimits.js';
import type { RiskContext } from './RiskContext.js';
import { riskFigures } from './riskFigures.js';
import { roundLevels, type RoundedLevels } from './roundLevels.js';
import { sizePosition } from './sizePosition.js';
import { undersizedRejection } from './undersizedRejection.js';

/** An approval carries the rounded levels and the size; every figure is a plain decimal string. */
export type RiskVerdict =
  | {
      readonly approved: true;
      readonly entry: string;
      readonly stop: string;
      readonly target: string;
      readonly amount: string;
      /** amount × entry, in the quote currency. */
      readonly value: string;
    }
  | { readonly approved: false; readonly rejection: RiskRejection };

/** Wide enough that the product of two 40-digit decimals is exact. */
const Exact = Decimal.clone({ precision: 100 });

function reject(rejection: RiskRejection): RiskVerdict {
  return { approved: false, rejection };
}

/** Checks 3 to 5: what is already open, and the cooldown; no arithmetic on money. */
function findOpenPlanRejection(proposal: PlanProposal, context: RiskContext): RiskRejection | undefined {
  const { config, now } = context;
  const live = context.livePlans.filter(isLive);
  const twin = live.find((plan) => plan.symbol === proposal.symbol && plan.side === proposal.side);
  if (twin !== undefined) return { code: 'stacking', existingPlanId: twin.id };
  if (live.length >= config.maxOpenPlans) return { code: 'max_open_plans', open: live.length, limit: config.maxOpenPlans };

  const stopOutAt = context.lastStopOutAt.get(proposal.symbol);
  if (stopOutAt !== undefined && now < stopOutAt + config.cooldownAfterStopMs) {
    return { code: 'cooldown', until: stopOutAt + config.cooldownAfterStopMs };
  }
  return undefined;
}

/** Checks 7 and 8: how the day went and how the rounded levels look. */
function findLevelsRejection(levels: RoundedLevels, context: RiskContext): RiskRejection | undefined {
  const { config, now } = context;

  const daily = rollDailyRiskState(context.daily, now, context.equity, config);
  if (daily.limitHit) {
    const { loss, limit } = dailyLoss(daily, context.equity, config);
    return { code: 'daily_loss_limit', lossToday: Decimal.max(loss, 0).toFixed(), limit: limit.toFixed() };
  }

  const minimum = riskFigures(config).minRewardToRisk;
  const reward = levels.target.minus(levels.entry);
  const risked = levels.entry.minus(levels.stop);
  // The rounded levels have stop < entry, so reward/risk ≥ minimum ⇔ reward ≥ minimum × risk,
  // compared exactly; the quotient (a 40-digit division) is worked out, and compared as
  // before, only for a ratio that may be short.
  if (reward.gte(new Exact(minimum).times(risked))) return undefined;
  const ratio = reward.dividedBy(risked);
  if (ratio.lt(minimum)) {
    // Truncated, so a ratio just under the minimum never prints as equal to it.
    const shown = ratio.toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed(6);
    return { code: 'reward_to_risk', ratio: shown, minimum: minimum.toFixed() };
  }
  return undefined;
}

export function assessProposal(proposal: PlanProposal, context: RiskContext): RiskVerdict {
  const { market, config } = context;
  const shapeProblem = findProposalProblem(proposal);
  if (shapeProblem !== undefined) return reject({ code: 'invalid_proposal', detail: shapeProblem });
  if (proposal.symbol !== market.symbol) {
    return reject({ code: 'other_symbol', symbol: String(proposal.symbol), decidedSymbol: market.symbol });
  }
  if (context.killSwitch !== 'RUN') return reject({ code: 'kill_switch', state: context.killSwitch });
  if (proposal.side !== 'long') return reject({ code: 'short_unsupported' });

  const openPlanRejection = findOpenPlanRejection(proposal, context);
  if (openPlanRejection !== undefined) return reject(openPlanRejection);

  const checked = roundLevels(proposal, market);
  if (!checked.ok) return reject({ code: 'invalid_levels', detail: checked.detail });
  const { entry, stop, target } = checked.levels;

  const levelsRejection = findLevelsRejection(checked.levels, context);
  if (levelsRejection !== undefined) return reject(levelsRejection);
  const valueRejection = findExpectedValueRejection(proposal.pWin, checked.levels, market.takerFeeRate, config.minExpectedValue);
  if (valueRejection !== undefined) return reject(valueRejection);

  const size = sizePosition(entry, stop, context, { target, pWin: proposal.pWin });
  const value = size.amount.times(entry);
  // Written so that a NaN amount fails and is refused.
  const meetsMinimum = size.amount.gte(minimumAmount(market)) && value.gte(minimumOrderValue(market, config));
  if (!meetsMinimum) return reject(undersizedRejection(size, entry, context));

  const maximum = maximumOrderValue(market, config);
  if (maximum !== undefined && value.gt(maximum)) {
    return reject({ code: 'order_value_above_max', value: value.toFixed(), maximum: maximum.toFixed() });
  }

  return {
    approved: true,
    entry: entry.toFixed(),
    stop: stop.toFixed(),
    target: target.toFixed(),
    amount: size.amount.toFixed(),
    value: value.toFixed(),
  };
}
