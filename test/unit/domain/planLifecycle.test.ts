import { describe, expect, it } from 'vitest';
import { IllegalPlanTransitionError } from '../../../lib/domain/errors.js';
import type { Plan, PlanStatus } from '../../../lib/domain/plan.js';
import { canTransition, transitionPlan } from '../../../lib/domain/planLifecycle.js';

const proposed = { id: 'bt-p', status: 'proposed', version: 1, updatedAt: 0 } as Plan;

describe('Function: transitionPlan', () => {
  it('walks the whole lifecycle, one version a step', () => {
    const path: PlanStatus[] = ['approved', 'entering', 'open', 'exiting', 'closed'];
    const closed = path.reduce((plan, to, i) => transitionPlan(plan, to, i + 1), proposed);
    expect(closed).toMatchObject({ status: 'closed', version: 6, updatedAt: 5 });
  });

  it.each([
    ['proposed', 'open'],
    ['rejected', 'approved'],
    ['closed', 'open'],
    ['open', 'closed'],
    ['cancelled', 'entering'],
    ['open', 'cancelled'],
  ] as const)('throws on %s → %s', (from, to) => {
    const plan = { ...proposed, status: from };
    expect(() => transitionPlan(plan, to, 1)).toThrow(IllegalPlanTransitionError);
    expect(() => transitionPlan(plan, to, 1)).toThrow(`plan bt-p: illegal transition ${from} → ${to}`);
  });

  it('allows an unfilled entry to go back for another attempt, and a failed exit back to open', () => {
    expect(canTransition('entering', 'approved')).toBe(true);
    expect(canTransition('exiting', 'open')).toBe(true);
  });
});
