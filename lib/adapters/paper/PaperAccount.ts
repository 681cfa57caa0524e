import { type Decimal, type DecimalInput, ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import type { Balances } from '../../ports/Exchange.js';

/** The paper venue's account: each asset's total and what resting orders hold of it, exactly. */
export class PaperAccount {
  private readonly totals = new Map<string, Decimal>();
  private readonly reserved = new Map<string, Decimal>();
  /** The balances as last reported, until something moves them. */
  private reported: Balances | undefined;

  constructor(totals: Readonly<Record<string, string>>) {
    for (const [asset, amount] of Object.entries(totals)) this.totals.set(asset, dec(amount));
  }

  /** The same object until a fill, an order or a cancel moves a balance. */
  balances(): Balances {
    if (this.reported !== undefined) return this.reported;
    const result: Record<string, { free: string; used: string; total: string }> = {};
    for (const [asset, total] of this.totals) {
      const used = this.reserved.get(asset) ?? ZERO;
      result[asset] = { free: toDecimalString(total.minus(used)), used: toDecimalString(used), total: toDecimalString(total) };
    }
    return (this.reported = result);
  }

  /** Each asset's total as plain JSON. */
  totalsAsText(): Record<string, string> {
    return Object.fromEntries([...this.totals].map(([asset, total]) => [asset, toDecimalString(total)]));
  }

  free(asset: string): Decimal {
    return (this.totals.get(asset) ?? ZERO).minus(this.reserved.get(asset) ?? ZERO);
  }

  move(asset: string, delta: Decimal): void {
    this.totals.set(asset, (this.totals.get(asset) ?? ZERO).plus(delta));
    this.reported = undefined;
  }

  /** Holds `amount` for a resting order; a negative amount releases it. */
  reserve(asset: string, amount: DecimalInput): void {
    this.reserved.set(asset, (this.reserved.get(asset) ?? ZERO).plus(dec(amount)));
    this.reported = undefined;
  }
}
