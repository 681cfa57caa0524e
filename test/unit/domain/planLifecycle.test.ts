import { describe, expect, it } from 'vitest';
import { IllegalPlanTransitionError } from '../../../lib/domain/errors.js';
import type { Plan, PlanStatus } from '../../../lib/domain/plan.js';
import { PlanSchema } from '../../../lib/domain/ledgerSchemas.js';
import { canTransition, shapedPlan, transitionPlan, updatePlan } from '../../../lib/domain/planLifecycle.js';

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

describe('Function: updatePlan and transitionPlan keep every plan in one shape', () => {
  const sparse: Plan = {
    id: 'bt-q',
    botId: 'bt',
    symbol: 'ETH/BTC',
    timeframe: '1m',
    strategy: 'ema-crossover',
    side: 'long',
    status: 'open',
    reason: 'cross',
    candleOpenTime: 0,
    createdAt: 0,
    updatedAt: 0,
    version: 4,
    entry: '0.05',
    stop: '0.049',
    target: '0.052',
    entryAttempt: 0,
    exitAttempt: 0,
    restingStop: { attempt: 0, stopPrice: '0.049', amount: '1', placedAt: 1 },
  };

  it('gives every field of the stored plan schema, in one order, whatever fields the plan had', () => {
    const moved = updatePlan(sparse, 5, { highWatermark: '0.051' });
    const closed = transitionPlan(transitionPlan(moved, 'exiting', 6), 'closed', 7, { closedAt: 7, realizedPnl: '0.0001' });
    const fields = Object.keys(PlanSchema.shape);
    expect(Object.keys(moved)).toEqual(fields);
    expect(Object.keys(closed)).toEqual(fields);
    expect(Object.keys(shapedPlan(sparse))).toEqual(fields);
  });

  it('takes a change, clears a field a change names as undefined, and keeps status, time and version its own', () => {
    const changed = updatePlan(sparse, 9, { restingStop: undefined, activeStop: '0.0495', status: 'closed', version: 99, updatedAt: 1 });
    expect(changed).toMatchObject({ activeStop: '0.0495', status: 'open', version: 5, updatedAt: 9 });
    expect(changed.restingStop).toBeUndefined();
    expect(sparse.restingStop).toBeDefined();
  });

  it('stores as the sparse plan stores: absent fields leave JSON and still parse as a plan', () => {
    const same = shapedPlan(sparse);
    expect(JSON.parse(JSON.stringify(same))).toEqual(JSON.parse(JSON.stringify(sparse)));
    expect(PlanSchema.parse(JSON.parse(JSON.stringify(same)))).toEqual(sparse);
  });
});
