import { type Decimal, ZERO, dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';

/**
 * What each symbol's live plans hold, or will hold once entered, valued at their entry
 * prices (the average fill once filled): the figure the exposure caps limit.
 */
export function exposureBySymbol(livePlans: readonly Plan[]): Map<string, Decimal> {
  const exposure = new Map<string, Decimal>();
  for (const plan of livePlans) {
    const filled = plan.filledAmount !== undefined && dec(plan.filledAmount).gt(0);
    const amount = filled ? plan.filledAmount : (plan.amount ?? '0');
    const value = dec(amount ?? '0').times(plan.avgEntryPrice ?? plan.entry);
    exposure.set(plan.symbol, (exposure.get(plan.symbol) ?? ZERO).plus(value));
  }
  return exposure;
}
