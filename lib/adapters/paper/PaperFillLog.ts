import type { Fill } from '../../domain/order.js';
import { fillsSince, insertInTimeOrder } from './paperFill.js';

const NO_FILLS: readonly Fill[] = Object.freeze([]);

/**
 * The paper venue's fills: all of them in the order they were made, for `take` (what the
 * venue hands over after a candle or an order) and its stored state, and each symbol's in
 * time order, for `since` (the venue's fetchFills).
 */
export class PaperFillLog {
  private readonly fills: Fill[] = [];
  private readonly bySymbol = new Map<string, Fill[]>();
  /** How many of `fills` `take` has handed over. */
  private taken = 0;

  /** Kept in time order per symbol (a fill restored from state may come late). */
  record(fill: Fill): void {
    this.fills.push(fill);
    const bySymbol = this.bySymbol.get(fill.symbol) ?? [];
    this.bySymbol.set(fill.symbol, bySymbol);
    insertInTimeOrder(bySymbol, fill);
  }

  /** Counts every fill recorded so far as handed over (a venue restored from state). */
  markAllTaken(): void {
    this.taken = this.fills.length;
  }

  /** The fills recorded since the last call, oldest first. */
  take(): readonly Fill[] {
    if (this.taken === this.fills.length) return NO_FILLS;
    const fills = this.fills.slice(this.taken);
    this.taken = this.fills.length;
    return fills;
  }

  /** The symbol's fills at or after `since`, in time order. */
  since(symbol: string, since: number): readonly Fill[] {
    return fillsSince(this.bySymbol.get(symbol) ?? NO_FILLS, since);
  }

  /** The newest `keep` fills, in the order they were made. */
  newest(keep: number): Fill[] {
    return this.fills.slice(Math.max(0, this.fills.length - keep));
  }
}
