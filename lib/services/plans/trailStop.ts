import type { Candle } from '../../domain/candle.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import { updatePlan } from '../../domain/planLifecycle.js';
import { roundPrice } from '../../domain/precision.js';
import { trailIsSettled } from './trailIsSettled.js';

/**
 * Moves a long plan's trailing stop after a candle that did not close it: the watermark
 * rises to the candle's high, and the stop to the watermark less `trailingStopPct`,
 * rounded down to a tick. The stop only ever tightens. Returns the same plan object when
 * nothing moved, so its version changes only on a real change.
 */
export function trailStop(plan: Plan, candle: Candle, market: Market, now: number): Plan {
  if (plan.trailingStopPct === undefined || trailIsSettled(plan, candle, market)) return plan;
  const previousHigh = plan.highWatermark ?? plan.avgEntryPrice ?? plan.entry;
  const high = dec(String(candle.high));
  const highWatermark = high.gt(previousHigh) ? toDecimalString(high) : previousHigh;
  const currentStop = plan.activeStop ?? plan.stop;
  const candidate = roundPrice(dec(highWatermark).times(dec(1).minus(plan.trailingStopPct)), market, 'down');
  // Unchanged values keep their strings, so an unchanged plan compares equal below.
  const activeStop = candidate.gt(currentStop) ? toDecimalString(candidate) : currentStop;
  if (highWatermark === plan.highWatermark && activeStop === plan.activeStop) return plan;
  return updatePlan(plan, now, { highWatermark, activeStop });
}
