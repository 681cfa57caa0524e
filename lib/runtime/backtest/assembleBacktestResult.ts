import { type Decimal, ZERO, dec, sum, toDecimalString } from '../../domain/decimal.js';
import { splitSymbol } from '../../domain/market.js';
import type { Fill } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { BacktestInput } from './BacktestEngine.js';
import type { BacktestResult, ShadowResult } from './report/BacktestResult.js';
import { scoreCalibration } from '../../services/calibration/scoreCalibration.js';
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
  readonly shadows: readonly FinishedShadow[];
}

/** A shadow's virtual book at the end of the run. */
export interface FinishedShadow {
  readonly id: string;
  readonly strategy: string;
  readonly closedPlans: readonly Plan[];
  readonly openPlans: number;
  readonly finalEquity: Decimal;
}

/** A trial's result: no price charts, no buy-and-hold curve. */
const NO_CHARTS: Pick<BacktestResult, 'prices' | 'buyAndHoldEquity'> = Object.freeze({ prices: [], buyAndHoldEquity: new Float64Array(0) });

/** A backtest scores every resolved plan of the run. */
const WHOLE_RUN = Number.MAX_SAFE_INTEGER;

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
    ...(input.charts === false
      ? NO_CHARTS
      : priceFigures({
          series,
          equityCurve: run.equityCurve,
          startingEquity,
          quoteCurrency: input.quoteCurrency,
          // From the run's start: the candles before it are the first window's history.
          ...(run.equityCurve.length > 0 ? { range: { from: run.equityCurve.times[0] ?? 0, to: run.equityCurve.times[run.equityCurve.length - 1] ?? 0 } } : {}),
        })),
    equityIntervalMs,
    durationMs: run.durationMs,
    calibration: scoreCalibration(run.closedPlans, WHOLE_RUN),
    shadows: run.shadows.map((shadow): ShadowResult => {
      const shadowTrades = shadow.closedPlans.map(toClosedTrade);
      return {
        id: shadow.id,
        strategy: shadow.strategy,
        trades: shadowTrades,
        openPlans: shadow.openPlans,
        startingEquity,
        finalEquity: toDecimalString(shadow.finalEquity),
        realizedPnl: toDecimalString(sum(shadowTrades.map((t) => t.realizedPnl))),
        calibration: scoreCalibration(shadow.closedPlans, WHOLE_RUN),
      };
    }),
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
