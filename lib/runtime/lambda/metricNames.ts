/**
 * The bot's own CloudWatch metrics (embedded metric format), shared by the functions that
 * emit them and the dashboard and alarms that read them.
 *
 * Every distinct metric name and dimension set is a billed custom metric (after the free
 * ten, about $0.30 a month each, prorated by the hours it receives data). So: Powertools'
 * `service` dimension only (METRICS_SERVICE_NAME, the same in every function, so the
 * dashboard finds each metric under one dimension set), no other dimensions, and event
 * counts are emitted only when non-zero. Breakdowns (rejections by reason, orders by
 * outcome) are fields of the log line beside the count; the dashboard reads them with
 * Logs Insights, which costs nothing until someone looks.
 */
export const METRIC_NAMES = {
  /** decide: one per candle decided or skipped. Continuous; its silence alarms. */
  decisions: 'Decisions',
  /** decide: entry proposals the strategy made (only when > 0). */
  proposals: 'Proposals',
  /** decide: proposals risk refused (only when > 0); the reason is in the log line. */
  riskRejections: 'RiskRejections',
  /** decide and heartbeat: orders submitted (only when > 0); the outcome is in the log line. */
  orders: 'Orders',
  /** decide: messages that failed or were refused (a candle off its grid or not yet closed) and will be delivered again (only when > 0). */
  decisionFailures: 'DecisionFailures',
  /** decide: moments a plan had no stop on the venue while a trailing stop was moved by cancel and replace (only when > 0); the length is the order log line's unprotectedMs. */
  stopGaps: 'StopGaps',
  /** Fills settled into the ledger (only when > 0). */
  fills: 'Fills',
  /** In the quote currency, per closed plan (only when a plan closes). */
  realizedPnl: 'RealizedPnl',
  /** heartbeat: the worst expected calibration error among the books judged on enough outcomes (only then); the book is in the log line. */
  calibrationError: 'CalibrationError',
  /** heartbeat: equity in the quote currency, every run; its silence means no heartbeat. */
  equity: 'Equity',
  /** heartbeat: value of open positions in the quote currency, every run. */
  exposure: 'Exposure',
  /** heartbeat: live plans, every run. */
  openPlans: 'OpenPlans',
  /** heartbeat: positions without a protective exit, every run; anything above 0 alarms. */
  unprotectedPositions: 'UnprotectedPositions',
  /**
   * heartbeat (and reconciliation's halt step): 2 while the bot state is HALTED (it sends no
   * orders), 1 while only today's loss has reached the daily loss limit (no new entries), no data
   * point otherwise. One metric for both, so one alarm metric: the alarm's reason carries the value.
   */
  tradingStopped: 'TradingStopped',
  /**
   * Any function: the venue banned our IP (HTTP 418) or asked for a longer pause than a retry
   * may wait; the gateway calls nothing until it ends (only when it happens). Alarm: VenueHold.
   */
  venueHolds: 'VenueHolds',
  /** decide: candles the model strategy did not decide because its checkpoint is older than maxCheckpointAgeDays (only when > 0). */
  modelCheckpointStale: 'ModelCheckpointStale',
  /** notifier: sends that failed after their retries, or had no channel configured (only when > 0); each is logged. Alarms. */
  notificationFailures: 'NotificationFailures',
  /** capture, decide, heartbeat, maintenance: invocations that failed (only when > 0); the log line names the function. Alarms. */
  functionErrors: 'FunctionErrors',
} as const;

/** TradingStopped's values. */
export const TRADING_STOPPED = { dailyLossLimit: 1, halted: 2 } as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

export const METRICS_SERVICE_NAME = 'trader';

export function metricsNamespace(botId: string): string {
  return `ServerlessTrader/${botId}`;
}
