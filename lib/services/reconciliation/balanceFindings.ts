import { type Decimal, ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import { splitSymbol } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import { pendingClientOrderId, restingStopClientOrderId } from '../plans/planOrders.js';
import type { DiffInput } from './DiffInput.js';
import type { Finding } from './findings.js';
import type { PlanProjection } from './orderFindings.js';

/**
 * Finding 7: each base asset the plans hold (after this round's settlements) against the
 * venue's total. The venue holding more is no finding: the account may hold more than the
 * bot's plans. Holding less than the plans by more than the tolerance (a fraction of what
 * they hold) means the ledger cannot be trusted: the bot halts and repairs nothing.
 */
export function balanceFindings(input: DiffInput, projection: PlanProjection): Finding[] {
  const tolerance = dec(input.settings.balanceTolerance);
  const findings: Finding[] = [];
  for (const [asset, held] of heldByAsset(input, projection)) {
    const venue = dec(input.exchange.balances[asset]?.total ?? '0');
    const short = held.minus(venue);
    if (!short.gt(held.times(tolerance))) continue;
    const reason = `the venue holds ${toDecimalString(venue)} ${asset}, the plans ${toDecimalString(held)}: short by ${toDecimalString(short)}, beyond the tolerance of ${tolerance.times(100).toFixed()} %`;
    findings.push({ kind: 'balanceMismatch', detail: reason, repair: { kind: 'halt', reason } });
  }
  return findings;
}

/**
 * What the plans hold of each base asset: an open plan its filled amount less what its resting
 * stop has sold so far; an exiting one its filled amount less what its exit order has sold so far (a plan this round settled already
 * counts those fills).
 */
function heldByAsset(input: DiffInput, projection: PlanProjection): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const plan of projection.plans.values()) {
    const amount = heldByPlan(input, plan, projection.moved.has(plan.id));
    if (amount.isZero()) continue;
    const { base } = splitSymbol(plan.symbol);
    held.set(base, (held.get(base) ?? ZERO).plus(amount));
  }
  return held;
}

function heldByPlan(input: DiffInput, plan: Plan, settled: boolean): Decimal {
  if (plan.status !== 'open' && plan.status !== 'exiting') return ZERO;
  const filled = dec(plan.filledAmount ?? '0');
  if (settled) return filled;
  const exitId = (plan.status === 'open' ? restingStopClientOrderId(plan) : pendingClientOrderId(plan)) ?? '';
  const exit = input.exchange.openOrders.find((o) => o.clientOrderId === exitId) ?? input.exchange.orders[exitId];
  return exit ? filled.minus(exit.filled) : filled;
}
