import type { BacktestResult, ClosedTrade } from './BacktestResult.js';
import type { BacktestReport, EquityPoint, ReportTrade } from './BacktestReport.js';
import { bookComparison } from './bookComparison.js';
import { downsampleIndices } from './downsampleEquity.js';
import { maxDrawdownPct, periodsPerYear, sharpeRatio, totalReturnPct, winRatePct } from './metrics.js';

const iso = (ms: number): string => new Date(ms).toISOString();

function toReportTrade(t: ClosedTrade): ReportTrade {
  return {
    planId: t.planId,
    symbol: t.symbol,
    side: t.side,
    openedAt: iso(t.openedAt),
    closedAt: iso(t.closedAt),
    amount: t.amount,
    avgEntryPrice: t.avgEntryPrice,
    avgExitPrice: t.avgExitPrice,
    feesPaid: t.feesPaid,
    realizedPnl: t.realizedPnl,
    exitReason: t.exitReason,
    reason: t.reason,
  };
}

/** Buy and hold's return at the curve's last point; null when there is no buy and hold. */
function buyAndHoldReturnPct(startingEquity: string, buyAndHold: Float64Array): number | null {
  const last = buyAndHold.at(-1);
  return last === undefined ? null : totalReturnPct(startingEquity, String(last));
}

/** Turns the runner's raw result into the report: statistics over the full curve, thinned curves for the picture. */
export function buildReport(result: BacktestResult): BacktestReport {
  const { times, equity, length } = result.equityCurve;
  const kept = downsampleIndices(equity, length);
  const pointsOf = (values: Float64Array): EquityPoint[] => (values.length < length ? [] : kept.map((i): EquityPoint => [times[i]!, values[i]!]));
  return {
    run: result.run,
    warnings: [...(result.warnings ?? [])],
    strategy: result.strategy,
    symbols: [...result.symbols],
    timeframe: result.timeframe,
    quoteCurrency: result.quoteCurrency,
    dataFiles: [...result.dataFiles],
    from: iso(result.from),
    to: iso(result.to),
    candles: result.candles,
    gaps: result.gaps,
    trades: result.trades.length,
    openPlans: result.openPlans,
    decisions: result.decisions,
    ordersSent: result.ordersSent,
    totalReturnPct: totalReturnPct(result.startingEquity, result.finalEquity),
    buyAndHoldReturnPct: buyAndHoldReturnPct(result.startingEquity, result.buyAndHoldEquity),
    maxDrawdownPct: maxDrawdownPct(equity, length),
    sharpe: sharpeRatio(equity, length, periodsPerYear(result.equityIntervalMs)),
    winRatePct: winRatePct(result.trades),
    startingEquity: result.startingEquity,
    finalEquity: result.finalEquity,
    realizedPnl: result.realizedPnl,
    feesPaid: result.feesPaid,
    startingBalances: { ...result.startingBalances },
    finalBalances: { ...result.finalBalances },
    rejections: { ...result.rejections },
    tradeList: result.trades.map(toReportTrade),
    equityCurve: pointsOf(equity),
    buyAndHoldCurve: pointsOf(result.buyAndHoldEquity),
    prices: result.prices.map((p) => ({ symbol: p.symbol, times: [...p.times], closes: [...p.closes] })),
    durationMs: result.durationMs,
    ...(result.calibration !== undefined || result.shadows !== undefined ? { books: bookComparison(result) } : {}),
  };
}
