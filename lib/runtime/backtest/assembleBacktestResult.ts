import { type Decimal, ZERO, dec, sum, toDecimalString } from '../../domain/decimal.js';
import { splitSymbol } from '../../domain/market.js';
import type { Fill } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { BacktestInput } from './BacktestEngine.js';
import type { BacktestResult } from './report/BacktestResult.js';
import { priceFigures } from './report/priceFigures.js';
import type { SymbolBook } from './SymbolBook.js';
import { toClosedTrade } from './toClosedTrade.js';

/** What a finished backtest holds, for its result. */
export interface FinishedBacktest {
  readonly input: BacktestInput;
  readonly books: readonly SymbolBook[];
  readonly closedPlans: readonly Plan[];
  readonly openPlans: number;
  readonly fills: readonly Fill[];
  /** The venue's totals at the end. */
  readonly finalBalances: Readonly<Record<string, string>>;
  readonly rejections: Readonly<Record<string, number>>;
  readonly decisions: number;
  readonly ordersSent: number;
  readonly startingEquity: Decimal;
  readonly finalEquity: Decimal;
  readonly equityCurve: BacktestResult['equityCurve'];
  readonly candles: number;
  readonly durationMs: number;
}

/** The report's figures from the ledger (trades, fees, PnL), the venue (balances) and the run's counts. */
export function assembleBacktestResult(run: FinishedBacktest): BacktestResult {
  const { input, books } = run;
  const series = input.series;
  const trades = run.closedPlans.map(toClosedTrade);
  const first = series.map((s) => s.candles[0]?.openTime ?? 0);
  const last = series.map((s) => s.candles[s.candles.length - 1]?.openTime ?? 0);
  // The curve has a point at every close time of the finest series.
  const equityIntervalMs = Math.min(...books.map((b) => b.timeframeMs));
  const startingEquity = toDecimalString(run.startingEquity);
  return {
    run: 'backtest',
    dataFiles: series.map((s) => s.file),
    strategy: input.strategy.name,
    symbols: series.map((s) => s.symbol),
    timeframe: [...new Set(series.map((s) => s.timeframe))].join(','),
    candles: run.candles,
    gaps: books.reduce((n, b) => n + b.gaps, 0),
    from: Math.min(...first),
    to: Math.max(...last),
    quoteCurrency: input.quoteCurrency,
    startingEquity,
    finalEquity: toDecimalString(run.finalEquity),
    startingBalances: input.startingBalances,
    finalBalances: run.finalBalances,
    feesPaid: toDecimalString(feesInQuote(run.fills, input.quoteCurrency)),
    realizedPnl: toDecimalString(sum(trades.map((t) => t.realizedPnl))),
    trades,
    openPlans: run.openPlans,
    rejections: { ...run.rejections },
    decisions: run.decisions,
    ordersSent: run.ordersSent,
    equityCurve: run.equityCurve,
    ...priceFigures({
      series,
      equityCurve: run.equityCurve,
      startingEquity,
      quoteCurrency: input.quoteCurrency,
      // From the run's start: the candles before it are the first window's history.
      ...(run.equityCurve.length > 0 ? { range: { from: run.equityCurve.times[0] ?? 0, to: run.equityCurve.times[run.equityCurve.length - 1] ?? 0 } } : {}),
    }),
    equityIntervalMs,
    durationMs: run.durationMs,
  };
}

/** Every fee valued in the quote currency: one charged in a fill's base asset at that fill's price. */
function feesInQuote(fills: readonly Fill[], quote: string): Decimal {
  let fees = ZERO;
  for (const fill of fills) {
    if (fill.fee.currency === quote) fees = fees.plus(dec(fill.fee.cost));
    else if (fill.fee.currency === splitSymbol(fill.symbol).base) fees = fees.plus(dec(fill.fee.cost).times(fill.price));
  }
  return fees;
}
