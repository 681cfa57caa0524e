import { type Decimal, ZERO, dec } from '../../domain/decimal.js';
import { type LlmSpendCounter, utcDay } from '../../ports/LlmSpendCounter.js';

/**
 * The USD spent on calls per UTC day, kept by the process: a backtest's, and the counter of a
 * runtime that gives no shared one (the decide function shares one in DynamoDB).
 */
export class ProcessLlmSpend implements LlmSpendCounter {
  private day = '';
  private spent: Decimal = ZERO;

  spentOn(at: number): Promise<string> {
    this.rollTo(at);
    return Promise.resolve(this.spent.toFixed());
  }

  add(at: number, costUsd: string): Promise<void> {
    this.rollTo(at);
    this.spent = this.spent.plus(dec(costUsd));
    return Promise.resolve();
  }

  private rollTo(at: number): void {
    const day = utcDay(at);
    if (day !== this.day) {
      this.day = day;
      this.spent = ZERO;
    }
  }
}
