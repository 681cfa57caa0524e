import { IllegalPlanTransitionError } from './errors.js';
import type { Plan, PlanStatus } from './plan.js';

/**
 * proposed → approved | rejected → entering → open → exiting → closed, or cancelled.
 * An exit that fails returns exiting → open so the stop is checked again; an entry that
 * never filled returns entering → approved for another attempt, or is cancelled.
 */
const NEXT: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  proposed: ['approved', 'rejected'],
  approved: ['entering', 'cancelled'],
  rejected: [],
  entering: ['open', 'approved', 'cancelled'],
  open: ['exiting'],
  exiting: ['closed', 'open'],
  closed: [],
  cancelled: [],
};

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return NEXT[from].includes(to);
}

const NO_CHANGES: Partial<Plan> = Object.freeze({});

/** Returns the plan in its new status, one version later; throws on an illegal move. */
export function transitionPlan(plan: Plan, to: PlanStatus, now: number, changes: Partial<Plan> = NO_CHANGES): Plan {
  if (!canTransition(plan.status, to)) throw new IllegalPlanTransitionError(plan.id, plan.status, to);
  return planWith(plan, changes, to, now, plan.version + 1);
}

/** A change that keeps the status (a trailing stop moving), still one version later. */
export function updatePlan(plan: Plan, now: number, changes: Partial<Plan>): Plan {
  return planWith(plan, changes, plan.status, now, plan.version + 1);
}

/** The plan as the lifecycle keeps every plan: each field of Plan present, in one order (see planWith). */
export function shapedPlan(plan: Plan): Plan {
  return planWith(plan, NO_CHANGES, plan.status, plan.updatedAt, plan.version);
}

/**
 * The plan with `changes`, as one object literal holding every field of Plan in the order
 * Plan declares them, an absent one undefined (JSON and the DynamoDB writer leave those out).
 * Every plan the lifecycle makes then has one hidden class: V8 copies it in tens of
 * nanoseconds and code that reads plans stays monomorphic. A spread such as
 * `{ ...plan, ...changes }` takes V8's slow path whenever `changes` has a field the plan
 * lacks (1–5 µs an object on Node 20), which most transitions did.
 */
function planWith(plan: Plan, changes: Partial<Plan>, status: PlanStatus, updatedAt: number, version: number): Plan {
  // Typed so that a field added to Plan and not listed here fails to compile.
  const next: Record<keyof Plan, unknown> = {
    id: plan.id,
    botId: plan.botId,
    symbol: plan.symbol,
    timeframe: plan.timeframe,
    strategy: plan.strategy,
    side: plan.side,
    status,
    reason: plan.reason,
    candleOpenTime: plan.candleOpenTime,
    createdAt: plan.createdAt,
    updatedAt,
    version,
    entry: plan.entry,
    stop: plan.stop,
    target: plan.target,
    trailingStopPct: plan.trailingStopPct,
    maxAgeMs: plan.maxAgeMs,
    pWin: plan.pWin,
    amount: plan.amount,
    activeStop: plan.activeStop,
    highWatermark: plan.highWatermark,
    rejection: plan.rejection,
    restingStop: plan.restingStop,
    botManagedStop: plan.botManagedStop,
    botManagedCause: plan.botManagedCause,
    entryAttempt: plan.entryAttempt,
    exitAttempt: plan.exitAttempt,
    openedAt: plan.openedAt,
    filledAmount: plan.filledAmount,
    avgEntryPrice: plan.avgEntryPrice,
    exitReason: plan.exitReason,
    closedAt: plan.closedAt,
    avgExitPrice: plan.avgExitPrice,
    realizedPnl: plan.realizedPnl,
    feesPaid: plan.feesPaid,
  };
  // A few fields change at a time, each written over the copy's own: a field already there keeps the write on the fast path.
  for (const key in changes) {
    if (key !== 'status' && key !== 'updatedAt' && key !== 'version') next[key as keyof Plan] = changes[key as keyof Plan];
  }
  return next as unknown as Plan;
}
