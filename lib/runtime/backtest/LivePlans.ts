import { type Plan, isLive } from '../../domain/plan.js';

/**
 * The backtest's plans in memory. `all` is replaced, never mutated, on each change, so a
 * candle's evaluation can hold it while execution moves plans on.
 */
export class LivePlans {
  private plans: readonly Plan[] = [];
  readonly closed: Plan[] = [];

  get all(): readonly Plan[] {
    return this.plans;
  }

  find(planId: string): Plan | undefined {
    return this.plans.find((p) => p.id === planId);
  }

  /** Puts a plan's new state in place: a plan no longer live leaves, and a closed one is kept for the report. */
  put(plan: Plan): void {
    const index = this.plans.findIndex((p) => p.id === plan.id);
    if (!isLive(plan)) {
      if (index >= 0) this.plans = this.plans.filter((p) => p.id !== plan.id);
      if (plan.status === 'closed') this.closed.push(plan);
      return;
    }
    const next = [...this.plans];
    if (index >= 0) next[index] = plan;
    else next.push(plan);
    this.plans = next;
  }
}
