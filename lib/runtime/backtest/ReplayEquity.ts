import type { Decimal } from '../../domain/decimal.js';
import type { Balances } from '../../ports/Exchange.js';
import { equityOf } from '../../services/portfolio/valueEquity.js';

interface TradedSymbol {
  readonly symbol: string;
  readonly base: string;
  /** The venue's total of the base asset, as a double: for the equity curve only. */
  held: number;
  lastClose: number;
}

/**
 * A replay's traded symbols of the quote currency (each once, however many timeframes it
 * has) with their last closes, and the venue's balances valued at them: exactly, as the
 * bot values them, for the result; in doubles for the equity curve, from a mirror of the
 * totals redone only when the balances moved.
 */
export class ReplayEquity {
  private readonly symbols: TradedSymbol[] = [];
  private mirrored: Balances | undefined;
  private quoteHeld = 0;

  constructor(private readonly quoteCurrency: string) {}

  /** The symbol's index, added at first sight. */
  indexOf(symbol: string, base: string): number {
    const known = this.symbols.findIndex((s) => s.symbol === symbol);
    return known >= 0 ? known : this.symbols.push({ symbol, base, held: 0, lastClose: 0 }) - 1;
  }

  setClose(index: number, close: number): void {
    (this.symbols[index] as TradedSymbol).lastClose = close;
  }

  symbolNames(): string[] {
    return this.symbols.map((s) => s.symbol);
  }

  /** Each symbol's last close, for those that have one. */
  lastCloses(): Map<string, number> {
    const prices = new Map<string, number>();
    for (const { symbol, lastClose } of this.symbols) if (lastClose > 0) prices.set(symbol, lastClose);
    return prices;
  }

  exact(balances: Balances): Decimal {
    const prices = this.lastCloses();
    return equityOf(balances, prices, this.quoteCurrency, prices.keys()).equity;
  }

  float(balances: Balances): number {
    if (balances !== this.mirrored) {
      this.mirrored = balances;
      this.quoteHeld = Number(balances[this.quoteCurrency]?.total ?? 0);
      for (const s of this.symbols) s.held = Number(balances[s.base]?.total ?? 0);
    }
    let value = this.quoteHeld;
    for (const s of this.symbols) value += s.held * s.lastClose;
    return value;
  }
}
