import type { BookFigures } from './bookComparison.js';
import type { ClosedTrade, PriceSeries } from './BacktestResult.js';

/** A closed trade as report.json shows it: times as ISO strings, money as decimal strings. */
export interface ReportTrade extends Omit<ClosedTrade, 'openedAt' | 'closedAt'> {
  readonly openedAt: string;
  readonly closedAt: string;
}

/** [time in ms, equity in the quote currency]. */
export type EquityPoint = readonly [number, number];

/** The object written to report.json and the only input of the HTML page. */
export interface BacktestReport {
  readonly run: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly quoteCurrency: string;
  readonly dataFiles: readonly string[];
  /** ISO 8601, UTC. */
  readonly from: string;
  readonly to: string;
  readonly candles: number;
  readonly gaps: number;
  /** The number of closed trades; the trades themselves are in `tradeList`. */
  readonly trades: number;
  readonly openPlans: number;
  readonly decisions: number;
  readonly ordersSent: number;
  readonly totalReturnPct: number;
  /** Buy and hold's return over the same points, in percent, rounded to 4 decimals; null without candle data. */
  readonly buyAndHoldReturnPct: number | null;
  readonly maxDrawdownPct: number;
  readonly sharpe: number;
  readonly winRatePct: number;
  /** Exact decimal strings in the quote currency. */
  readonly startingEquity: string;
  readonly finalEquity: string;
  readonly realizedPnl: string;
  readonly feesPaid: string;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly finalBalances: Readonly<Record<string, string>>;
  readonly rejections: Readonly<Record<string, number>>;
  readonly tradeList: readonly ReportTrade[];
  /** Downsampled to at most about 2000 points, keeping each bucket's low and high. */
  readonly equityCurve: readonly EquityPoint[];
  /** Buy and hold at the same times as `equityCurve`; empty without candle data. */
  readonly buyAndHoldCurve: readonly EquityPoint[];
  /** Each symbol's closes, at most about 2000 points a symbol, for its price chart. */
  readonly prices: readonly PriceSeries[];
  readonly durationMs: number;
  /** See BacktestResult.warnings. */
  readonly warnings: readonly string[];
  /** The main strategy (`live`) and each shadow strategy side by side, each with its calibration. */
  readonly books?: readonly BookFigures[];
}
