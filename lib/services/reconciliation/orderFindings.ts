import { dec } from '../../domain/decimal.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import type { ExitReason, Plan } from '../../domain/plan.js';
import { transitionPlan, updatePlan } from '../../domain/planLifecycle.js';
import { isStopOut, settleOrder } from '../execution/settleOrder.js';
import { rejectedOrder } from '../execution/submitIntent.js';
import { pendingOrderOf, restingStopClientOrderId, stopExitReason } from '../plans/planOrders.js';
import type { DiffInput } from './DiffInput.js';
import type { Finding, RecordLedgerRepair } from './findings.js';
import type { UnsettledIntent } from './snapshots.js';
import { IncompleteSnapshotError, fillsOf, venueAnswer } from './venueAnswer.js';

/** The plans as the repairs found so far leave them; a plan moved once is not moved again this round (its protection, if it needs one, follows the move). */
export interface PlanProjection {
  readonly plans: Map<string, Plan>;
  readonly moved: Set<string>;
}

/**
 * Findings 1-3, from the orders the ledger waits on: each live plan's pending order (its entry
 * while entering, its exit while exiting, the stop resting for it while open), then every
 * other unsettled intent.
 */
export function orderFindings(input: DiffInput, projection: PlanProjection): Finding[] {
  const { ledger } = input;
  const unsettled = new Map(ledger.unsettled.map((u) => [u.intent.clientOrderId, u]));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const plan of ledger.livePlans) {
    const stopId = plan.status === 'open' ? restingStopClientOrderId(plan) : undefined;
    const pending = stopId !== undefined ? { leg: 'stop' as const, clientOrderId: stopId } : pendingOrderOf(plan);
    if (!pending) continue;
    seen.add(pending.clientOrderId);
    const record = unsettled.get(pending.clientOrderId);
    const finding = stopId !== undefined ? restingStopFinding(input, plan, stopId, record) : pendingOrderFinding(input, plan, pending, record);
    if (finding) findings.push(recordProjected(finding, projection));
  }
  // A new entry's plan first: the exits its decision sent before dying are settled with it.
  const strays = ledger.unsettled.filter((u) => !seen.has(u.intent.clientOrderId));
  for (const record of [...strays].sort((a, b) => Number(b.intent.leg === 'entry') - Number(a.intent.leg === 'entry'))) {
    if (seen.has(record.intent.clientOrderId)) continue;
    const exits = strays.filter((u) => u.intent.planId === record.intent.planId && u.intent.leg !== 'entry');
    const finding = strayIntentFinding(input, record, projection.plans.get(record.intent.planId), exits, seen);
    if (finding) findings.push(recordProjected(finding, projection));
  }
  return findings;
}

function pendingOrderFinding(input: DiffInput, plan: Plan, pending: NonNullable<ReturnType<typeof pendingOrderOf>>, record: UnsettledIntent | undefined): Finding | undefined {
  const { clientOrderId, leg } = pending;
  const base = { symbol: plan.symbol, planId: plan.id, clientOrderId };
  const order = venueAnswer(input.exchange, clientOrderId);
  if (order === null) {
    const sentAt = record?.intent.createdAt ?? plan.updatedAt;
    if (sentAt > input.now - input.graceMs) return { ...base, kind: 'intentInFlight', detail: `${leg} not at the venue yet; sent ${input.now - sentAt} ms ago`, repair: { kind: 'none' } };
    const back = plan.status === 'entering' ? transitionPlan(plan, 'cancelled', input.now) : transitionPlan(plan, 'open', input.now, { exitAttempt: plan.exitAttempt + 1 });
    return {
      ...base,
      kind: 'intentMissingAtVenue',
      detail: `the venue has no ${leg} order ${clientOrderId}: intent failed, plan ${plan.status} → ${back.status}`,
      repair: ledgerRepair({ plan: back, expectedVersion: plan.version }, record ? [rejectedOrder(record.intent)] : [], []),
    };
  }
  const acknowledged = record === undefined || record.order !== undefined;
  if (acknowledged && order.status === 'open') return undefined;
  const settled = settleOrder(plan, leg, order, input.exchange.fills, input.now, smallestSellableOf(input, plan.symbol));
  return {
    ...base,
    kind: acknowledged ? 'orderEndedWhileAway' : 'unacknowledgedOrder',
    detail: `${leg} order ${order.status} at the venue (filled ${order.filled}): plan ${plan.status} → ${settled.status}`,
    repair: ledgerRepair(settled.version === plan.version ? undefined : { plan: settled, expectedVersion: plan.version }, [order], fillsOf(input.exchange, clientOrderId)),
  };
}

/**
 * An open plan's resting stop, as decide's settlement reads it: one that sold moves the plan
 * to exiting and settles it on the stop's fills (a stop-out); one that ended with nothing sold,
 * or that the venue never had past the grace, leaves the plan bare for its next stop, under the
 * next attempt; one still resting but never acknowledged is recorded as the venue has it.
 */
function restingStopFinding(input: DiffInput, plan: Plan, clientOrderId: string, record: UnsettledIntent | undefined): Finding | undefined {
  const base = { symbol: plan.symbol, planId: plan.id, clientOrderId };
  const bare = () => ({ plan: updatePlan(plan, input.now, { restingStop: undefined, exitAttempt: plan.exitAttempt + 1 }), expectedVersion: plan.version });
  const order = venueAnswer(input.exchange, clientOrderId);
  if (order === null) {
    const sentAt = record?.intent.createdAt ?? plan.updatedAt;
    if (sentAt > input.now - input.graceMs) return { ...base, kind: 'intentInFlight', detail: `stop not at the venue yet; sent ${input.now - sentAt} ms ago`, repair: { kind: 'none' } };
    return { ...base, kind: 'intentMissingAtVenue', detail: `the venue has no stop order ${clientOrderId}: the plan waits for a new stop`, repair: ledgerRepair(bare(), record ? [rejectedOrder(record.intent)] : [], []) };
  }
  const acknowledged = record === undefined || record.order !== undefined;
  const fills = fillsOf(input.exchange, clientOrderId);
  if (order.status === 'open') {
    return acknowledged ? undefined : { ...base, kind: 'unacknowledgedOrder', detail: `stop order ${clientOrderId} rests at the venue unrecorded`, repair: ledgerRepair(undefined, [order], fills) };
  }
  const kind = acknowledged ? 'orderEndedWhileAway' : 'unacknowledgedOrder';
  if (fills.length === 0) return { ...base, kind, detail: `stop order ${order.status} at the venue with nothing sold: the plan waits for a new stop`, repair: ledgerRepair(bare(), [order], []) };
  const exiting = transitionPlan(plan, 'exiting', input.now, { exitReason: stopExitReason(plan) });
  const settled = settleOrder(exiting, 'stop', order, input.exchange.fills, input.now, smallestSellableOf(input, plan.symbol));
  const next = settled.restingStop !== undefined ? { ...settled, restingStop: undefined } : settled;
  return { ...base, kind, detail: `stop order ${order.status} at the venue (filled ${order.filled}): plan open → ${next.status}`, repair: ledgerRepair({ plan: next, expectedVersion: plan.version }, [order], fills) };
}

/**
 * An unsettled intent that is no live plan's pending order: its decision died before the
 * commit that would have moved the plan (a new entry's plan, or an open plan's exit), or it
 * is an adopted order of ours with no plan. The venue's answer may have been recorded before
 * that commit (a protective exit records it, then commits the plan): such an order still
 * open is left to rest, one that ended moves the plan all the same.
 */
function strayIntentFinding(input: DiffInput, record: UnsettledIntent, livePlan: Plan | undefined, exits: readonly UnsettledIntent[], seen: Set<string>): Finding | undefined {
  const { intent } = record;
  const base = { symbol: intent.symbol, planId: intent.planId, clientOrderId: intent.clientOrderId };
  const order = venueAnswer(input.exchange, intent.clientOrderId);
  if (order === null) {
    if (intent.createdAt > input.now - input.graceMs) return { ...base, kind: 'intentInFlight', detail: `not at the venue yet; sent ${input.now - intent.createdAt} ms ago`, repair: { kind: 'none' } };
    return { ...base, kind: 'intentMissingAtVenue', detail: `the venue has no order ${intent.clientOrderId}: intent failed`, repair: ledgerRepair(undefined, [rejectedOrder(intent)], []) };
  }
  const acknowledged = record.order !== undefined;
  if (acknowledged && order.status === 'open') return undefined;
  const sent = planAsSent(intent, livePlan, record.plan, input.now, dec(order.filled).gt(0), order.status === 'open');
  let settled = sent ? settleOrder(sent.plan, intent.leg, order, input.exchange.fills, input.now, smallestSellableOf(input, intent.symbol)) : undefined;
  const orders = [order];
  const fills = fillsOf(input.exchange, intent.clientOrderId);
  if (settled && sent?.from === 'unrecorded') {
    const after = settleRestoredExits(input, settled, exits);
    settled = after.plan;
    for (const exit of after.settled) {
      seen.add(exit.clientOrderId);
      orders.push(exit);
      fills.push(...fillsOf(input.exchange, exit.clientOrderId));
    }
  }
  const planMove = sent && settled ? `: plan ${sent.from} → ${settled.status}` : ': no plan to restore';
  return {
    ...base,
    kind: acknowledged ? 'orderEndedWhileAway' : 'unacknowledgedOrder',
    detail: acknowledged
      ? `${intent.leg} order ${order.status} at the venue (filled ${order.filled})${planMove}`
      : `the venue has ${intent.leg} order ${intent.clientOrderId} (${order.status}, filled ${order.filled}) the ledger never recorded${planMove}`,
    repair: ledgerRepair(sent && settled ? { plan: settled, expectedVersion: sent.expectedVersion } : undefined, orders, fills),
  };
}

/**
 * A plan restored from its entry whose decision also sent exits before it died (its stop, and
 * the market exit that replaced a refused stop): each exit the venue has, in attempt order,
 * moves the restored plan as the decision would have. A stop still resting protects it; an
 * exit that ended is settled on its fills (closing the plan when it sold everything). The
 * orders returned are recorded with the plan, in one repair: the plan never counts as
 * holding what its exit already sold.
 */
function settleRestoredExits(input: DiffInput, restored: Plan, exits: readonly UnsettledIntent[]): { plan: Plan; settled: Order[] } {
  let plan = restored;
  const settled: Order[] = [];
  for (const { intent, plan: planSent } of [...exits].sort((a, b) => a.intent.attempt - b.intent.attempt)) {
    if (plan.status !== 'open' || intent.attempt < plan.exitAttempt) continue;
    const order = venueAnswer(input.exchange, intent.clientOrderId);
    if (order === null) continue;
    settled.push(order);
    if (order.status === 'open') {
      if (intent.leg === 'stop' && intent.stopPrice !== undefined) {
        plan = updatePlan(plan, input.now, { exitAttempt: intent.attempt, restingStop: { attempt: intent.attempt, stopPrice: intent.stopPrice, amount: intent.amount, placedAt: intent.createdAt } });
      }
      continue;
    }
    const exitReason: ExitReason = planSent?.exitReason ?? (intent.leg === 'stop' ? stopExitReason(plan) : 'target');
    const exiting = transitionPlan(plan, 'exiting', input.now, { exitReason, exitAttempt: intent.attempt, restingStop: undefined });
    plan = settleOrder(exiting, intent.leg, order, input.exchange.fills, input.now, smallestSellableOf(input, intent.symbol));
  }
  return { plan, settled };
}

/**
 * The plan as its decision would have committed it had it lived: a live open plan moved to
 * exiting for an exit of its current attempt, or a new entry's plan restored from the copy
 * kept with the intent. Undefined when neither fits: the order is recorded on its own.
 */
function planAsSent(intent: OrderIntent, livePlan: Plan | undefined, planSent: Plan | undefined, now: number, soldSomething: boolean, stillOpen: boolean): { plan: Plan; expectedVersion: number; from: string } | undefined {
  if (livePlan) {
    // A stop of an earlier attempt still resting, which the ledger never knew: its decision
    // died before its commit, and later decisions, finding no stop, went on to later attempts
    // (exits the venue refused, the stop holding what they would sell: chaos seed 11107). It
    // protects the plan, so the plan takes it as its resting stop and stays open, waiting on
    // it; it keeps its highest attempt, so no id is spent twice. Moved to exiting instead, the
    // plan would wait on its own attempt's order while the stop sold on unseen.
    if (intent.leg === 'stop' && stillOpen && intent.stopPrice !== undefined && livePlan.status === 'open' && livePlan.restingStop === undefined && intent.attempt < livePlan.exitAttempt) {
      const restingStop = { attempt: intent.attempt, stopPrice: intent.stopPrice, amount: intent.amount, placedAt: intent.createdAt };
      return { plan: updatePlan(livePlan, now, { restingStop }), expectedVersion: livePlan.version, from: 'open' };
    }
    // A later attempt than the plan's: its decision stepped past a refused stop (its copy of the plan says so) before it died.
    const steppedPast = planSent?.id === livePlan.id && planSent.exitAttempt === intent.attempt && intent.attempt > livePlan.exitAttempt;
    // An earlier attempt that sold: a replacement stop its decision placed before it died, which
    // later decisions never knew (they went on to later attempts). What it sold is gone from the
    // plan whatever the attempt (chaos seed 2009); the plan keeps its highest attempt, so no id is
    // spent twice.
    const soldUnderEarlierAttempt = soldSomething && intent.attempt < livePlan.exitAttempt;
    if (intent.leg === 'entry' || livePlan.status !== 'open' || (livePlan.exitAttempt !== intent.attempt && !steppedPast && !soldUnderEarlierAttempt)) return undefined;
    const exitReason: ExitReason = planSent?.exitReason ?? (intent.leg === 'stop' ? 'stop' : 'target');
    const exitAttempt = Math.max(intent.attempt, livePlan.exitAttempt);
    return { plan: transitionPlan(livePlan, 'exiting', now, { exitReason, exitAttempt, restingStop: undefined }), expectedVersion: livePlan.version, from: 'open' };
  }
  if (intent.leg !== 'entry' || planSent?.status !== 'entering' || planSent.id !== intent.planId) return undefined;
  return { plan: planSent, expectedVersion: 0, from: 'unrecorded' };
}

export function ledgerRepair(plan: RecordLedgerRepair['plan'], orders: Order[], fills: RecordLedgerRepair['fills']): RecordLedgerRepair {
  const stopOut = plan && isStopOut(plan.plan) ? { symbol: plan.plan.symbol, time: plan.plan.closedAt ?? plan.plan.updatedAt } : undefined;
  return { kind: 'recordLedger', ...(plan ? { plan } : {}), intents: [], orders, fills, ...(stopOut ? { stopOut } : {}) };
}

export function recordProjected(finding: Finding, projection: PlanProjection): Finding {
  const { repair } = finding;
  if (repair.kind === 'recordLedger' && repair.plan) {
    projection.plans.set(repair.plan.plan.id, repair.plan.plan);
    projection.moved.add(repair.plan.plan.id);
  }
  return finding;
}

export function smallestSellableOf(input: DiffInput, symbol: string): string {
  const sellable = input.exchange.smallestSellable[symbol];
  if (sellable === undefined) throw new IncompleteSnapshotError(`the smallest sellable amount of ${symbol}`);
  return sellable;
}
