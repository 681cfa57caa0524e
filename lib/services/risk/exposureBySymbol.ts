import { type Decimal, ZERO, dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';

/** A plan is never changed in place (a change is a new version), so its value is parsed once. */
const valueOf = new WeakMap<Plan, Decimal>();

/** What the plan holds, or will hold once entered, at its entry price (the average fill once filled). */
function planExposure(plan: Plan): Decimal {
  let value = valueOf.get(plan);
  if (value === undefined) {
    const filled = plan.filledAmount !== undefined && dec(plan.filledAmount).gt(0);
    const amount = filled ? plan.filledAmount : (plan.amount ?? '0');
    value = dec(amount ?? '0').times(plan.avgEntryPrice ?? plan.entry);
    valueOf.set(plan, value);
  }
  return value;
}

/**
 * What each symbol's live plans hold, or will hold once entered, valued at their entry
 * prices (the average fill once filled): the figure the exposure caps limit.
 */
export function exposureBySymbol(livePlans: readonly Plan[]): Map<string, Decimal> {
  const exposure = new Map<string, Decimal>();
  for (const plan of livePlans) exposure.set(plan.symbol, (exposure.get(plan.symbol) ?? ZERO).plus(planExposure(plan)));
  return exposure;
}
