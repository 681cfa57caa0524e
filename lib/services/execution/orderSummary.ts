import type { OrderSummary } from '../../domain/decisionRecord.js';
import { type ExecutionRefusal, describeRefusal } from '../../domain/executionRefusal.js';
import type { OrderIntent, SubmissionOutcome } from '../../domain/order.js';

/** An intent and what became of it, as the decision record and the FLATTEN report keep it. */
export function orderSummary(intent: OrderIntent, outcome: SubmissionOutcome | { readonly kind: 'refused'; readonly refusal: ExecutionRefusal }): OrderSummary {
  const base = {
    clientOrderId: intent.clientOrderId,
    planId: intent.planId,
    leg: intent.leg,
    side: intent.side,
    amount: intent.amount,
    outcome: outcome.kind,
  };
  if (outcome.kind === 'acknowledged') return base;
  if (outcome.kind === 'refused') return { ...base, reason: describeRefusal(outcome.refusal), code: outcome.refusal.code };
  return { ...base, reason: outcome.reason };
}
