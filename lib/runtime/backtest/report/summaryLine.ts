import type { BacktestReport } from './BacktestReport.js';
import { formatDecimal } from './formatValues.js';

/** The one line a terminal or a CI log shows at the end of a backtest or a local run. */
export function summaryLine(report: BacktestReport): string {
  const q = report.quoteCurrency;
  const warnings = report.warnings.map((warning) => `!!! ${warning}\n`).join('');
  return (
    warnings +
    `${report.run} ${report.strategy} ${report.symbols.join(',')} ${report.timeframe}: ` +
    `${report.candles} candles, ${report.trades} trades, ` +
    `return ${report.totalReturnPct.toFixed(4)}%, max drawdown ${report.maxDrawdownPct.toFixed(2)}%, ` +
    `sharpe ${report.sharpe.toFixed(2)}, win rate ${report.winRatePct.toFixed(2)}%, ` +
    `fees ${formatDecimal(report.feesPaid)} ${q}, final equity ${formatDecimal(report.finalEquity)} ${q} ` +
    `in ${report.durationMs} ms`
  );
}
