import type { CalibrationScore } from '../../../services/calibration/scoreCalibration.js';

/** One plan from entry fill to exit fill. Money fields are exact decimal strings. */
export interface ClosedTrade {
  readonly planId: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly openedAt: number;
  readonly closedAt: number;
  readonly amount: string;
  readonly avgEntryPrice: string;
  readonly avgExitPrice: string;
  readonly feesPaid: string;
  /** Quote currency, net of fees. */
  readonly realizedPnl: string;
  readonly exitReason: string;
  readonly reason: string;
}

/** One point per distinct time, in time order; floats are fine for the picture and the statistics. */
export interface EquityCurve {
  readonly times: Float64Array;
  readonly equity: Float64Array;
  readonly length: number;
}

/** A symbol's closes for the price chart, thinned: `times[i]` is the close time of the candle that closed at `closes[i]`. */
export interface PriceSeries {
  readonly symbol: string;
  readonly times: readonly number[];
  readonly closes: readonly number[];
}

/** What the backtest runner hands to the report once the last candle is processed. */
export interface BacktestResult {
  /** What ran: `backtest`, or the local runtime's `local live` / `local paper`; heads the page and the summary line. */
  readonly run: string;
  readonly dataFiles: readonly string[];
  readonly strategy: string;
  readonly symbols: readonly string[];
  /** The distinct timeframes, joined by ',': `1m`, `1m,5m`. */
  readonly timeframe: string;
  readonly candles: number;
  readonly gaps: number;
  readonly from: number;
  readonly to: number;
  readonly quoteCurrency: string;
  /** Exact decimal strings from the ledger. */
  readonly startingEquity: string;
  readonly finalEquity: string;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly finalBalances: Readonly<Record<string, string>>;
  readonly feesPaid: string;
  readonly realizedPnl: string;
  readonly trades: readonly ClosedTrade[];
  readonly openPlans: number;
  /** Risk rejection code → count. */
  readonly rejections: Readonly<Record<string, number>>;
  readonly decisions: number;
  readonly ordersSent: number;
  readonly equityCurve: EquityCurve;
  /**
   * What the starting equity would be worth at each point of `equityCurve` (same length) had it
   * been split equally among the symbols at their first close and held; empty without candle data,
   * and in a parameter search's trial (BacktestInput.charts false), which charts nothing.
   */
  readonly buyAndHoldEquity: Float64Array;
  /** One series a symbol, at most MAX_PRICE_POINTS points each; empty without candle data, and in a trial. */
  readonly prices: readonly PriceSeries[];
  /** The time between two points of the equity curve: Sharpe is annualised by it. */
  readonly equityIntervalMs: number;
  readonly durationMs: number;
  /** Said loudly in the summary line and at the top of the report, e.g. a model's training window overlapping the run. */
  readonly warnings?: readonly string[];
  /** How well the main strategy's pWin predicted its closed plans; absent where nothing scored it. */
  readonly calibration?: CalibrationScore;
  /** Each shadow strategy's virtual book, beside the main one's figures above. */
  readonly shadows?: readonly ShadowResult[];
}

/** A shadow strategy's run on its virtual book: it sent no order. Money fields are exact decimal strings. */
export interface ShadowResult {
  readonly id: string;
  readonly strategy: string;
  readonly trades: readonly ClosedTrade[];
  readonly openPlans: number;
  readonly startingEquity: string;
  readonly finalEquity: string;
  readonly realizedPnl: string;
  readonly calibration: CalibrationScore;
}
