import { describe, expect, it } from 'vitest';
import { MemoryPlanRepository } from './MemoryPlanRepository.js';
import { PlanVersionConflictError } from '../../../lib/domain/errors.js';
import { transitionPlan } from '../../../lib/domain/planLifecycle.js';
import { aPlan } from '../planFixture.js';

describe('Class: MemoryPlanRepository', () => {
  it('lets one of two writers of the same version win and gives the other a conflict', async () => {
    const repo = new MemoryPlanRepository();
    const plan = aPlan({ version: 1 });
    await repo.save(plan, 0);
    const exiting = transitionPlan(plan, 'exiting', 1);
    const trailed = { ...plan, activeStop: '0.096', version: 2 };
    await repo.save(exiting, 1);
    await expect(repo.save(trailed, 1)).rejects.toBeInstanceOf(PlanVersionConflictError);
    expect((await repo.get(plan.id))?.status).toBe('exiting');
  });

  it('lists only live plans, by symbol when asked', async () => {
    const repo = new MemoryPlanRepository();
    await repo.save(aPlan({ id: 'a', version: 1 }), 0);
    await repo.save(aPlan({ id: 'b', version: 1, status: 'closed' }), 0);
    await repo.save(aPlan({ id: 'c', version: 1, symbol: 'LTC/BTC' }), 0);
    expect((await repo.listLive()).map((p) => p.id)).toEqual(['a', 'c']);
    expect((await repo.listLive('LTC/BTC')).map((p) => p.id)).toEqual(['c']);
  });
});
