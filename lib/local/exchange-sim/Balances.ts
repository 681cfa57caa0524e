import { type Decimal, type DecimalInput, ZERO, dec } from '../../domain/decimal.js';
import { venueErrors } from './errors.js';

export interface AssetBalance {
  readonly free: Decimal;
  readonly locked: Decimal;
}

/**
 * The account's free and locked amount per asset. Every move is exact; a move that
 * would make an amount negative is refused before anything changes.
 */
export class Balances {
  private readonly byAsset = new Map<string, { free: Decimal; locked: Decimal }>();

  constructor(initial: Readonly<Record<string, string>>) {
    for (const [asset, amount] of Object.entries(initial)) {
      const value = dec(amount);
      if (!value.isFinite() || value.isNegative()) throw new Error(`balance of ${asset} must be a non-negative decimal, got "${amount}"`);
      this.byAsset.set(asset, { free: value, locked: ZERO });
    }
  }

  get(asset: string): AssetBalance {
    const entry = this.byAsset.get(asset);
    return entry ? { ...entry } : { free: ZERO, locked: ZERO };
  }

  assets(): string[] {
    return [...this.byAsset.keys()].sort();
  }

  /** Free → locked, or the venue's insufficient-balance rejection. */
  lock(asset: string, amount: DecimalInput): void {
    const entry = this.entry(asset);
    const value = dec(amount);
    if (entry.free.lt(value)) throw venueErrors.insufficientBalance();
    entry.free = entry.free.minus(value);
    entry.locked = entry.locked.plus(value);
  }

  /** Locked → free, when an order ends with something still locked. */
  unlock(asset: string, amount: DecimalInput): void {
    const entry = this.entry(asset);
    const value = dec(amount);
    if (entry.locked.lt(value)) throw new Error(`cannot unlock ${value.toFixed()} ${asset}: only ${entry.locked.toFixed()} locked`);
    entry.locked = entry.locked.minus(value);
    entry.free = entry.free.plus(value);
  }

  /** Spends from the locked amount (a resting order fills). */
  spendLocked(asset: string, amount: DecimalInput): void {
    const entry = this.entry(asset);
    const value = dec(amount);
    if (entry.locked.lt(value)) throw new Error(`cannot spend ${value.toFixed()} locked ${asset}: only ${entry.locked.toFixed()} locked`);
    entry.locked = entry.locked.minus(value);
  }

  /** Spends from the free amount (a market order fills), or the venue's rejection. */
  spendFree(asset: string, amount: DecimalInput): void {
    const entry = this.entry(asset);
    const value = dec(amount);
    if (entry.free.lt(value)) throw venueErrors.insufficientBalance();
    entry.free = entry.free.minus(value);
  }

  credit(asset: string, amount: DecimalInput): void {
    const entry = this.entry(asset);
    entry.free = entry.free.plus(dec(amount));
  }

  private entry(asset: string): { free: Decimal; locked: Decimal } {
    let entry = this.byAsset.get(asset);
    if (!entry) {
      entry = { free: ZERO, locked: ZERO };
      this.byAsset.set(asset, entry);
    }
    return entry;
  }
}
