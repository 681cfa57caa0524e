import type { Candle } from '../../domain/candle.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import { roundPrice } from '../../domain/precision.js';
import type { ExitSignal, PlanCheck } from './ExitSignal.js';
import { floatLevels } from './floatLevels.js';
import { trailStop } from './trailStop.js';

/**
 * Checks an open long plan against one closed candle: stop, then target, then age; if it
 * stays open, moves its trailing stop. Pure: the caller stores the plan and sends the exit.
 *
 * The plan's levels are watched by the bot at each close, so a level the candle reached has
 * already passed: the exit leaves at once, at market (a stop order would be refused as one
 * that triggers immediately, and a limit at the target could rest unfilled while the stop
 * goes unwatched). The signal's price is the level that was reached, for the record.
 *
 * Levels are decimal strings of at most about ten decimals and candle prices came from the
 * same notation, so comparing them as doubles is exact enough and cheap.
 */
export function monitorPlan(plan: Plan, candle: Candle, market: Market, timeframeMs: number): PlanCheck {
  if (plan.status !== 'open') return { plan };
  if (plan.side !== 'long') throw new Error(`monitorPlan: plan ${plan.id} is ${plan.side}; only long plans are supported`);

  // The candle tests the stop in force when it opened; a trail it moves counts from the next candle.
  const stop = plan.activeStop ?? plan.stop;
  // When a candle reaches both stop and target we cannot know which came first inside it,
  // so we assume the worse: the stop.
  const levels = floatLevels(plan);
  if (candle.low <= levels.stop) {
    const isOriginalStop = plan.activeStop === undefined || dec(plan.activeStop).eq(plan.stop);
    return { plan, exit: exitSignal(plan, isOriginalStop ? 'stop' : 'trailing_stop', stop, 'market') };
  }
  if (candle.high >= levels.target) return { plan, exit: exitSignal(plan, 'target', plan.target, 'market') };

  // Age is measured at the candle's close; a plan without openedAt counts from its creation.
  const closeTime = candle.openTime + timeframeMs;
  if (plan.maxAgeMs !== undefined && plan.maxAgeMs > 0 && closeTime - (plan.openedAt ?? plan.createdAt) >= plan.maxAgeMs) {
    const price = toDecimalString(roundPrice(String(candle.close), market, 'nearest'));
    return { plan, exit: exitSignal(plan, 'max_age', price, 'market') };
  }
  return { plan: trailStop(plan, candle, market, closeTime) };
}

function exitSignal(plan: Plan, reason: ExitSignal['reason'], price: string, orderType: ExitSignal['orderType']): ExitSignal {
  return { planId: plan.id, reason, price, orderType };
}
