import type { Plan } from '../../domain/plan.js';

/** The last few plans this process saw close, newest last: the market snapshot's recent trades. */
export class RecentCloses {
  private readonly plans: Plan[] = [];

  constructor(private readonly capacity = 20) {}

  /** Keeps the closed plans among those a settlement moved. */
  observe(plans: readonly Plan[]): void {
    for (const plan of plans) {
      if (plan.status !== 'closed') continue;
      this.plans.push(plan);
      if (this.plans.length > this.capacity) this.plans.shift();
    }
  }

  get all(): readonly Plan[] {
    return this.plans;
  }
}
