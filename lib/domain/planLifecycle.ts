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

/** Returns the plan in its new status, one version later; throws on an illegal move. */
export function transitionPlan(plan: Plan, to: PlanStatus, now: number, changes: Partial<Plan> = {}): Plan {
  if (!canTransition(plan.status, to)) throw new IllegalPlanTransitionError(plan.id, plan.status, to);
  return { ...plan, ...changes, status: to, updatedAt: now, version: plan.version + 1 };
}

/** A change that keeps the status (a trailing stop moving), still one version later. */
export function updatePlan(plan: Plan, now: number, changes: Partial<Plan>): Plan {
  return { ...plan, ...changes, status: plan.status, updatedAt: now, version: plan.version + 1 };
}
