import { PlanVersionConflictError } from '../../../lib/domain/errors.js';
import { type Plan, isLive } from '../../../lib/domain/plan.js';
import type { PlanRepository } from '../../../lib/ports/repositories.js';

export class MemoryPlanRepository implements PlanRepository {
  private readonly plans = new Map<string, Plan>();

  get(planId: string): Promise<Plan | undefined> {
    return Promise.resolve(this.plans.get(planId));
  }

  save(plan: Plan, expectedVersion: number): Promise<void> {
    return new Promise((resolve) => {
      this.saveNow(plan, expectedVersion);
      resolve();
    });
  }

  /** The synchronous form, for the backtest's hot loop. */
  saveNow(plan: Plan, expectedVersion: number): void {
    const current = this.plans.get(plan.id)?.version ?? 0;
    if (current !== expectedVersion || plan.version <= expectedVersion) throw new PlanVersionConflictError(plan.id, expectedVersion);
    this.plans.set(plan.id, plan);
  }

  listLive(symbol?: string): Promise<readonly Plan[]> {
    return Promise.resolve(this.all().filter((p) => isLive(p) && (symbol === undefined || p.symbol === symbol)));
  }

  all(): readonly Plan[] {
    return [...this.plans.values()];
  }
}
