/**
 * The dashboard's Logs Insights queries over the functions' JSON log lines (pino: the
 * message is `msg`). The breakdowns that would each cost a custom metric per value (orders
 * by outcome, rejections by reason) are read from the log lines beside the counts instead:
 * a query costs only the data it scans, when someone looks.
 *
 * The log lines they read (lib/runtime/lambda/decideBatch.ts, lib/runtime/lambda/heartbeat/):
 *   {"msg":"order", "outcome", "leg", "planId", "clientOrderId"}           decide, heartbeat (FLATTEN)
 *   {"msg":"risk rejection", "reason", "symbol"}                           decide
 *   {"msg":"heartbeat", "killSwitch", "status", "equity", "openPlans", "drift"}  heartbeat
 *   {"msg":"plan closed", "book"?, "realizedPnl", "won", "planReturn"}     decide (live: no book; each shadow: its id)
 *   {"msg":"calibration", "book", "outcomes", "ece", "brier", "judged"}    heartbeat, one per book
 */
export const LOG_MESSAGES = { order: 'order', riskRejection: 'risk rejection', heartbeat: 'heartbeat', planClosed: 'plan closed', calibration: 'calibration' } as const;

export const DASHBOARD_LOG_QUERIES = {
  ordersByOutcome: [`filter msg = "${LOG_MESSAGES.order}"`, 'stats count(*) as orders by outcome, leg', 'sort orders desc'],
  recentOrders: [
    `filter msg = "${LOG_MESSAGES.order}"`,
    'fields @timestamp, outcome, leg, planId, clientOrderId',
    'sort @timestamp desc',
    'limit 20',
  ],
  rejectionsByReason: [
    `filter msg = "${LOG_MESSAGES.riskRejection}"`,
    'stats count(*) as rejections by reason, symbol',
    'sort rejections desc',
  ],
  killSwitch: [
    `filter msg = "${LOG_MESSAGES.heartbeat}"`,
    'fields @timestamp, killSwitch, status, equity, openPlans, drift',
    'sort @timestamp desc',
    'limit 12',
  ],
  booksSideBySide: [
    `filter msg = "${LOG_MESSAGES.planClosed}"`,
    'fields coalesce(book, "live") as bookId',
    'stats count(*) as trades, sum(realizedPnl) as pnl, sum(planReturn) as summedReturn, avg(won) as winRate by bookId',
    'sort bookId asc',
  ],
  calibrationByBook: [
    `filter msg = "${LOG_MESSAGES.calibration}"`,
    'stats latest(outcomes) as n, latest(ece) as ece, latest(brier) as brier, latest(judged) as judged by book',
    'sort book asc',
  ],
} as const satisfies Record<string, readonly string[]>;
