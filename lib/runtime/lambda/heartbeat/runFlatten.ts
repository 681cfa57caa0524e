import type { Plan } from '../../../domain/plan.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { Logger } from '../../../ports/Logger.js';
import { METRIC_NAMES } from '../metricNames.js';
import { type FlattenReport, flattenPlans } from './flattenPlans.js';
import type { HeartbeatDeps } from './HeartbeatDeps.js';
import { latestPrices, storedPrices } from './latestPrices.js';
import { holdsPosition } from '../../../services/plans/planOrders.js';

/**
 * Whether FLATTEN still has work: a plan not yet entered, entering, holding a position that
 * is not already being flattened.
 */
export function needsFlatten(livePlans: readonly Plan[]): boolean {
  return livePlans.some((p) => p.status === 'approved' || p.status === 'entering' || (holdsPosition(p) && !(p.status === 'exiting' && p.exitReason === 'flatten')));
}

/**
 * Runs FLATTEN (see `flattenPlans`) and records it as a `flatten` action in telemetry, with
 * every plan's move and every order; orders sent are counted in the Orders metric, their
 * outcomes logged. A failure is recorded too, then thrown, so the event is delivered again
 * (each step is idempotent by client order id).
 */
export async function runFlatten(deps: HeartbeatDeps, trigger: Record<string, unknown>, logger: Logger): Promise<FlattenReport> {
  const now = deps.clock.now();
  let report: FlattenReport;
  try {
    const exchange = await deps.venue();
    report = await flattenPlans({
      ledger: deps.ledger,
      exchange,
      killSwitch: deps.freshKillSwitch,
      clock: deps.clock,
      execution: deps.config.execution,
      logger,
      price: (symbol) => priceOf(symbol, exchange, deps, logger),
    });
  } catch (error) {
    logger.error({ ...trigger, err: error }, 'flatten failed');
    await deps.telemetry.recordAction(now, 'flatten', { ...trigger, outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const sent = report.orders.filter((o) => o.outcome !== 'refused');
  if (sent.length > 0) deps.metrics.count(METRIC_NAMES.orders, sent.length);
  for (const order of report.orders) logger.info({ planId: order.planId, clientOrderId: order.clientOrderId, outcome: order.outcome, reason: order.reason }, 'flatten order');
  logger.warn({ ...trigger, outcome: report.outcome, reason: report.reason, plans: report.plans }, 'flatten');
  await deps.telemetry.recordAction(now, 'flatten', { ...trigger, ...report });
  return report;
}

/** The symbol's stored price while fresh, else the venue's last price. */
async function priceOf(symbol: string, exchange: Exchange, deps: HeartbeatDeps, logger: Logger): Promise<string | undefined> {
  const timeframes = deps.config.symbols.filter((s) => s.symbol === symbol).map((s) => s.timeframe);
  const readings = await Promise.all(timeframes.map(async (timeframe) => ({ symbol, timeframe, latest: await deps.series.latestQuote(symbol, timeframe) })));
  const now = deps.clock.now();
  const prices = await latestPrices([symbol], storedPrices(readings), {
    now,
    freshMs: 2 * deps.config.schedules.captureMinutes * 60_000,
    venueLastPrice: (s) => exchange.fetchLastPrice(s),
    logger,
  });
  return prices.get(symbol)?.price;
}
