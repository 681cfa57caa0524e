import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import { dec } from '../../domain/decimal.js';
import type { OrderLeg } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';

/** The order a plan waits on: its entry while entering, its exit while exiting (leg `stop` for a stop or trailing-stop exit), as execution derives them. */
export function pendingOrderOf(plan: Plan): { readonly leg: OrderLeg; readonly clientOrderId: string } | undefined {
  if (plan.status === 'entering') return { leg: 'entry', clientOrderId: deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt) };
  if (plan.status !== 'exiting') return undefined;
  const leg: OrderLeg = plan.exitReason === 'stop' || plan.exitReason === 'trailing_stop' ? 'stop' : 'exit';
  return { leg, clientOrderId: deriveClientOrderId(plan.botId, plan.id, leg, plan.exitAttempt) };
}

export function pendingClientOrderId(plan: Plan): string | undefined {
  return pendingOrderOf(plan)?.clientOrderId;
}

/** The client order id of the stop resting on the venue for an open plan. */
export function restingStopClientOrderId(plan: Plan): string | undefined {
  return plan.restingStop === undefined ? undefined : deriveClientOrderId(plan.botId, plan.id, 'stop', plan.restingStop.attempt);
}

/** The plan's orders the ledger expects to be working at the venue: its pending order, and its resting stop. */
export function awaitedClientOrderIds(plan: Plan): string[] {
  const ids: string[] = [];
  const pending = pendingClientOrderId(plan);
  if (pending !== undefined) ids.push(pending);
  const stop = restingStopClientOrderId(plan);
  if (stop !== undefined && stop !== pending) ids.push(stop);
  return ids;
}

/** The exit reason of a stop that closes the plan: the original stop, or the trail it moved to. */
export function stopExitReason(plan: Plan): 'stop' | 'trailing_stop' {
  return plan.activeStop === undefined || dec(plan.activeStop).eq(plan.stop) ? 'stop' : 'trailing_stop';
}

/** Every client order id the plan can have used so far: each leg at each attempt up to its current one. */
export function planClientOrderIds(plan: Plan): Map<string, OrderLeg> {
  const ids = new Map<string, OrderLeg>();
  for (let attempt = 0; attempt <= plan.entryAttempt; attempt++) ids.set(deriveClientOrderId(plan.botId, plan.id, 'entry', attempt), 'entry');
  for (let attempt = 0; attempt <= plan.exitAttempt; attempt++) {
    ids.set(deriveClientOrderId(plan.botId, plan.id, 'exit', attempt), 'exit');
    ids.set(deriveClientOrderId(plan.botId, plan.id, 'stop', attempt), 'stop');
  }
  return ids;
}

/** The plan's position (filled amount, net of fees) is above zero. */
export function holdsPosition(plan: Plan): boolean {
  return (plan.status === 'open' || plan.status === 'exiting') && dec(plan.filledAmount ?? '0').gt(0);
}

/**
 * Where the venue's fills of a plan can start: its creation, or its first entry fill when
 * that came first (an entry adopted on a redelivered decision was sent before the plan
 * that adopted it was created).
 */
export function planFillsFrom(plan: Plan): number {
  return Math.min(plan.createdAt, plan.openedAt ?? plan.createdAt);
}
