import { MAX_PLAUSIBLE_FIGURE } from '../../domain/candle.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { PlanProposal } from '../../domain/plan.js';
import { roundPrice } from '../../domain/precision.js';

export interface RoundedLevels {
  readonly entry: Decimal;
  readonly stop: Decimal;
  readonly target: Decimal;
}

export type LevelsCheck = { readonly ok: true; readonly levels: RoundedLevels } | { readonly ok: false; readonly detail: string };

/**
 * The tightest trail a plan takes: below it a trail is under any market's tick, and the
 * fraction would print in exponent form, which a plan's decimal string cannot hold.
 */
const MIN_TRAILING_STOP_PCT = 0.000001;

function isPositiveFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Why a long's raw levels are unusable, or undefined when they are sound. */
function findLevelProblem(p: PlanProposal): string | undefined {
  for (const key of ['entry', 'stop', 'target'] as const) {
    if (!isPositiveFinite(p[key])) return `${key} ${String(p[key])} is not a positive finite price`;
    if (p[key] > MAX_PLAUSIBLE_FIGURE) return `${key} ${String(p[key])} is above ${MAX_PLAUSIBLE_FIGURE}, the largest plausible price`;
  }
  if (!(p.stop < p.entry && p.entry < p.target)) return `expected stop < entry < target, got ${p.stop} / ${p.entry} / ${p.target}`;
  if (p.trailingStopPct !== undefined && !(isPositiveFinite(p.trailingStopPct) && p.trailingStopPct < 1)) {
    return `trailingStopPct ${String(p.trailingStopPct)} is not a fraction between 0 and 1`;
  }
  if (p.trailingStopPct !== undefined && p.trailingStopPct < MIN_TRAILING_STOP_PCT) {
    return `trailingStopPct ${String(p.trailingStopPct)} is below ${MIN_TRAILING_STOP_PCT}, the tightest trail`;
  }
  if (p.pWin !== undefined && !(Number.isFinite(p.pWin) && p.pWin >= 0 && p.pWin <= 1)) return `pWin ${String(p.pWin)} is not a probability between 0 and 1`;
  if (p.maxAgeMs !== undefined && !isPositiveFinite(p.maxAgeMs)) return `maxAgeMs ${String(p.maxAgeMs)} is not a positive duration`;
  // A plan keeps its age limit as an integer count of milliseconds.
  if (p.maxAgeMs !== undefined && !Number.isSafeInteger(p.maxAgeMs)) return `maxAgeMs ${String(p.maxAgeMs)} is not a whole number of milliseconds`;
  return undefined;
}

/**
 * Checks a long's levels and rounds them to the market's tick. The stop and the target
 * round down: the risk distance used for sizing never shrinks and the reward never grows.
 * Rounding can collapse levels onto one tick (or the stop to zero), so they are checked again.
 */
export function roundLevels(proposal: PlanProposal, market: Market): LevelsCheck {
  const problem = findLevelProblem(proposal);
  if (problem !== undefined) return { ok: false, detail: problem };
  const entry = roundPrice(proposal.entry, market, 'nearest');
  const stop = roundPrice(proposal.stop, market, 'down');
  const target = roundPrice(proposal.target, market, 'down');
  // Written so that a NaN from a bad tick size fails every comparison and is refused.
  if (!(stop.gt(0) && stop.lt(entry) && entry.lt(target))) {
    const got = `${stop.toFixed()} / ${entry.toFixed()} / ${target.toFixed()}`;
    return { ok: false, detail: `after rounding to tick ${market.priceStep}, expected 0 < stop < entry < target, got ${got}` };
  }
  return { ok: true, levels: { entry, stop, target } };
}
