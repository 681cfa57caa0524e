import { type Decimal, ZERO, dec } from '../../domain/decimal.js';

const DAY_MS = 86_400_000;

/**
 * The USD spent on calls in the current UTC day, against the daily budget. Kept by the
 * process: each warm decide environment counts its own calls.
 */
export class DailyBudget {
  private day = -1;
  private spent: Decimal = ZERO;

  constructor(private readonly budgetUsd: Decimal) {}

  /** Whether a call may be made now: the day's spend is still under the budget. */
  allows(now: number): boolean {
    this.rollTo(now);
    return this.spent.lt(this.budgetUsd);
  }

  add(now: number, costUsd: Decimal): void {
    this.rollTo(now);
    this.spent = this.spent.plus(costUsd);
  }

  spentToday(now: number): string {
    this.rollTo(now);
    return this.spent.toFixed();
  }

  get budget(): string {
    return dec(this.budgetUsd).toFixed();
  }

  private rollTo(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.spent = ZERO;
    }
  }
}
