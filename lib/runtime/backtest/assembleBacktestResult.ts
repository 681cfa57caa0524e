import { type Decimal, sum, toDecimalString } from '../../domain/decimal.js';
import type { Ledger } from '../../services/portfolio/Ledger.js';
import type { BacktestInput } from './BacktestEngine.js';
import type { LivePlans } from './LivePlans.js';
import type { BacktestResult } from './report/BacktestResult.js';
import { priceFigures } from './report/priceFigures.js';
import type { SymbolBook } from './SymbolBook.js';
import { toClosedTrade } from './toClosedTrade.js';

/** What a finished backtest holds, for its result. */
export interface FinishedBacktest {
  readonly input: BacktestInput;
  readonly books: readonly SymbolBook[];
  readonly plans: LivePlans;
  readonly ledger: Ledger;
  readonly rejections: Readonly<Record<string, number>>;
  readonly decisions: number;
  readonly ordersSent: number;
  readonly startingEquity: Decimal;
  readonly finalEquity: Decimal;
  readonly equityCurve: BacktestResult['equityCurve'];
  readonly candles: number;
  readonly durationMs: number;
}

/** The report's figures from the ledger (trades, fees, PnL, balances) and the run's counts. */
export function assembleBacktestResult(run: FinishedBacktest): BacktestResult {
  const { input, books, ledger } = run;
  const series = input.series;
  const trades = run.plans.closed.map(toClosedTrade);
  const first = series.map((s) => s.candles[0]?.openTime ?? 0);
  const last = series.map((s) => s.candles[s.candles.length - 1]?.openTime ?? 0);
  // The curve has a point at every open time of the finest series.
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
    finalBalances: ledger.balancesSnapshot(),
    feesPaid: ledger.feesByCurrency()[input.quoteCurrency] ?? '0',
    realizedPnl: toDecimalString(sum(trades.map((t) => t.realizedPnl))),
    trades,
    openPlans: run.plans.all.length,
    rejections: { ...run.rejections },
    decisions: run.decisions,
    ordersSent: run.ordersSent,
    equityCurve: run.equityCurve,
    ...priceFigures({
      series,
      equityCurve: run.equityCurve,
      startingEquity,
      quoteCurrency: input.quoteCurrency,
      // A point is timed at its candle's open but valued at that candle's close.
      valuationDelayMs: equityIntervalMs,
    }),
    equityIntervalMs,
    durationMs: run.durationMs,
  };
}
