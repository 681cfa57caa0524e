export interface TradeTally {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  /** Net of fees, in the symbol's (or group's) quote currency, exact. */
  readonly realizedPnl: string;
  /** Fees paid in the quote currency, exact. */
  readonly fees: string;
}

/** One UTC day of closed trades: counts over all symbols, money per symbol and per quote currency. */
export interface DailyStats {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly bySymbol: Readonly<Record<string, TradeTally>>;
  readonly byQuote: Readonly<Record<string, TradeTally>>;
}
