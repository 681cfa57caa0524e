/**
 * The bot's own CloudWatch metrics (embedded metric format), shared by the functions
 * that emit them and the dashboard and alarms that read them. Powertools adds a
 * `service` dimension to every metric; all functions use METRICS_SERVICE_NAME so the
 * dashboard finds each metric under one dimension set. Add no other dimensions to these.
 */
export const METRIC_NAMES = {
  /** One per closed candle decided. */
  decisions: 'Decisions',
  ordersAcknowledged: 'OrdersAcknowledged',
  ordersRejected: 'OrdersRejected',
  /** Submissions whose outcome is not known (timeout, lost response). */
  ordersUnknown: 'OrdersUnknown',
  riskRejections: 'RiskRejections',
  fills: 'Fills',
  /** In the quote currency, per closed plan. */
  realizedPnl: 'RealizedPnl',
  /** In the quote currency, per heartbeat. */
  equity: 'Equity',
  openPlans: 'OpenPlans',
  /** Positions without a protective exit, per heartbeat: anything above 0 alarms. */
  unprotectedPositions: 'UnprotectedPosition',
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

export const METRICS_SERVICE_NAME = 'trader';

export function metricsNamespace(botId: string): string {
  return `ServerlessTrader/${botId}`;
}
