import type { OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { settleOrder } from '../execution/settleOrder.js';
import type { DiffInput } from './DiffInput.js';
import type { Finding } from './findings.js';
import { type PlanProjection, ledgerRepair, smallestSellableOf, recordProjected } from './orderFindings.js';
import type { FinalOrderAtVenue } from './snapshots.js';
import { fillsOf } from './venueAnswer.js';

/**
 * Finding 8, from the venue's orders under client order ids the ledger holds as final with
 * another answer: a client order id sent again after its rejection was recorded (issue 17).
 * Invariant: the ledger's orders and fills are the venue's, so the order is recorded as the
 * venue has it, with its fills. An exit of a live open plan settles the plan by it; an entry
 * whose plan has ended leaves what it bought to no plan, which the finding says. An order
 * still open is left to the venue's open orders (finding 5 cancels it).
 */
export function finalOrderFindings(input: DiffInput, projection: PlanProjection): Finding[] {
  const findings: Finding[] = [];
  for (const found of input.exchange.finalOrdersAtVenue) {
    const { intent, recorded, venue } = found;
    if (venue.status === 'open') continue;
    const plan = settledPlan(input, projection, found);
    const ledgerSays = `the ledger holds ${intent.leg} ${intent.clientOrderId} ${recorded.status} (filled ${recorded.filled}), the venue ${venue.status} (filled ${venue.filled})`;
    const planMove = plan ? `; plan open → ${plan.plan.status}` : intent.leg === 'entry' ? `; no live plan holds the ${venue.filled} ${intent.symbol} it bought` : '; no live open plan to settle';
    findings.push(
      recordProjected(
        {
          symbol: intent.symbol,
          planId: intent.planId,
          clientOrderId: intent.clientOrderId,
          kind: 'finalOrderAtVenue',
          detail: `${ledgerSays}: recorded as the venue has it${planMove}`,
          repair: ledgerRepair(plan, [venue], fillsOf(input.exchange, intent.clientOrderId)),
        },
        projection,
      ),
    );
  }
  return findings;
}

/** The live open plan the exit belongs to, moved by the venue's order; undefined for an entry or when no such plan is left. */
function settledPlan(input: DiffInput, projection: PlanProjection, { intent, venue }: FinalOrderAtVenue): { plan: Plan; expectedVersion: number } | undefined {
  const plan = projection.plans.get(intent.planId);
  if (!plan || projection.moved.has(plan.id) || !isExitOf(intent, plan)) return undefined;
  const exiting = transitionPlan(plan, 'exiting', input.now, { exitReason: intent.leg === 'stop' ? 'stop' : 'target' });
  const settled = settleOrder(exiting, intent.leg, venue, input.exchange.fills, input.now, smallestSellableOf(input, plan.symbol));
  return settled.status === 'exiting' ? undefined : { plan: settled, expectedVersion: plan.version };
}

function isExitOf(intent: OrderIntent, plan: Plan): boolean {
  return intent.leg !== 'entry' && plan.status === 'open';
}
