import type { CalibrationScore } from '../../../services/calibration/scoreCalibration.js';
import type { BacktestReport } from './BacktestReport.js';
import type { BacktestResult, ClosedTrade } from './BacktestResult.js';
import { totalReturnPct, winRatePct } from './metrics.js';

/** One book's figures, the main strategy's (`live`) or a shadow's, side by side in the report. */
export interface BookFigures {
  /** `live`, or the shadow's id. */
  readonly book: string;
  readonly strategy: string;
  readonly trades: number;
  readonly totalReturnPct: number;
  readonly winRatePct: number;
  /** Exact decimal string in the quote currency, net of fees. */
  readonly realizedPnl: string;
  readonly openPlans: number;
  readonly calibration: CalibrationScore | null;
}

function figures(book: string, strategy: string, trades: readonly ClosedTrade[], start: string, end: string, pnl: string, open: number, calibration: CalibrationScore | undefined): BookFigures {
  return {
    book,
    strategy,
    trades: trades.length,
    totalReturnPct: totalReturnPct(start, end),
    winRatePct: winRatePct(trades),
    realizedPnl: pnl,
    openPlans: open,
    calibration: calibration ?? null,
  };
}

/** The main strategy's book first, then each shadow's: trades, return, win rate, PnL and calibration. */
export function bookComparison(result: BacktestResult): BookFigures[] {
  return [
    figures('live', result.strategy, result.trades, result.startingEquity, result.finalEquity, result.realizedPnl, result.openPlans, result.calibration),
    ...(result.shadows ?? []).map((s) => figures(s.id, s.strategy, s.trades, s.startingEquity, s.finalEquity, s.realizedPnl, s.openPlans, s.calibration)),
  ];
}

/** One console line a book, when the run had shadows: what the summary line says of the live book, for each. */
export function bookLines(report: BacktestReport): string[] {
  const books = report.books ?? [];
  if (books.length < 2 && (books[0]?.calibration?.outcomes ?? 0) === 0) return [];
  return books.map((b) => {
    const c = b.calibration;
    const calibration = c === null || c.outcomes === 0 ? '' : `, ${c.outcomes} pWin outcomes: Brier ${c.brier?.toFixed(4)}, ECE ${c.ece?.toFixed(4)}`;
    return `  ${b.book} (${b.strategy}): ${b.trades} trades, return ${b.totalReturnPct.toFixed(4)} %, win rate ${b.winRatePct.toFixed(2)} %, PnL ${b.realizedPnl} ${report.quoteCurrency}${calibration}`;
  });
}
