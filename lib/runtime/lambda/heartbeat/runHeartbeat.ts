import type { Logger } from '../../../ports/Logger.js';
import { assessBot } from './assessBot.js';
import { type DriftCheck, checkDrift } from './checkDrift.js';
import { emitHeartbeatMetrics } from './emitHeartbeatMetrics.js';
import { monitorCalibration } from './monitorCalibration.js';
import type { FlattenReport } from './flattenPlans.js';
import type { HeartbeatDeps } from './HeartbeatDeps.js';
import { observeBot } from './observeBot.js';
import { needsFlatten, runFlatten } from './runFlatten.js';

export interface HeartbeatSummary {
  readonly kind: 'heartbeat';
  readonly time: number;
  readonly equity?: string;
  readonly openPlans: number;
  readonly unprotected: readonly string[];
  readonly drift: DriftCheck['kind'];
  readonly reconciliation?: string;
  readonly flatten?: FlattenReport['outcome'];
}

/**
 * One scheduled heartbeat: observe (observeBot), assess (assessBot), compare the venue with
 * the ledger (checkDrift, which may start reconciliation), then write the equity snapshot
 * (only when the equity is complete) and the heartbeat record (both expire by the telemetry
 * TTL) and emit the metrics. While the switch reads FLATTEN and a plan still needs it, the
 * flatten runs again here, in case the change event's run could not finish (decide
 * flattens open plans on each candle, but not exiting ones with a resting exit order).
 *
 * Cost of a run, S series and Y symbols, nothing to act on: 1 strongly consistent query
 * (ledger), 2S + Y eventually consistent one-page queries, 2 writes; on the venue, one
 * balance read, Y open-order reads and a ticker per symbol whose stored price is stale.
 */
export async function runHeartbeat(deps: HeartbeatDeps, logger: Logger): Promise<HeartbeatSummary> {
  const observation = await observeBot(deps, logger);
  const { now, snapshot, venue } = observation;
  const assessment = assessBot(observation, deps.config);
  const drift = await checkDrift(observation, deps, logger);
  const { state, livePlans, daily } = snapshot;

  if (assessment.equity !== undefined) {
    await deps.telemetry.putEquitySnapshot({
      time: now,
      quoteCurrency: assessment.quoteCurrency,
      equity: assessment.equity,
      balances: assessment.valuation?.balances ?? {},
      openPlans: livePlans.length,
    });
  } else if (assessment.valuation) {
    logger.error({ unpriced: assessment.valuation.unpriced }, 'held assets with no price: equity not reported');
  }
  await deps.telemetry.putHeartbeat(now, {
    botStatus: state.status,
    ...(state.reason !== undefined ? { botReason: state.reason } : {}),
    ledgerVersion: state.ledgerVersion,
    killSwitch: observation.killSwitch,
    openPlans: livePlans.length,
    unprotected: assessment.unprotected,
    series: assessment.series,
    venue: venue.ok ? { ok: true } : { ok: false, reason: venue.reason },
    quoteCurrency: assessment.quoteCurrency,
    ...(assessment.equity !== undefined ? { equity: assessment.equity } : {}),
    ...(assessment.valuation?.unpriced.length ? { unpriced: assessment.valuation.unpriced } : {}),
    exposure: assessment.exposure,
    prices: Object.fromEntries(observation.prices),
    dailyLossLimitHit: assessment.dailyLossLimitHit,
    ...(daily ? { daily } : {}),
    drift,
  });
  emitHeartbeatMetrics(deps.metrics, {
    ...(assessment.equity !== undefined ? { equity: assessment.equity } : {}),
    exposure: assessment.exposure.total,
    openPlans: livePlans.length,
    unprotectedPositions: assessment.unprotected.length,
    halted: state.status === 'HALTED',
    dailyLossLimitHit: assessment.dailyLossLimitHit,
  });
  try {
    await monitorCalibration({ config: deps.config, plans: deps.plans, shadows: deps.shadows, metrics: deps.metrics, now, logger });
  } catch (error) {
    // The monitor watches a model; it never stands in the way of the heartbeat's own checks.
    logger.error({ err: error }, 'calibration monitor failed');
  }
  if (assessment.unprotected.length > 0) logger.error({ alarm: 'UnprotectedPosition', planIds: assessment.unprotected }, 'positions without a protective exit');

  const flatten =
    observation.killSwitch === 'FLATTEN' && venue.ok && needsFlatten(livePlans) ? await runFlatten(deps, { trigger: 'heartbeat', state: 'FLATTEN' }, logger) : undefined;
  const summary: HeartbeatSummary = {
    kind: 'heartbeat',
    time: now,
    ...(assessment.equity !== undefined ? { equity: assessment.equity } : {}),
    openPlans: livePlans.length,
    unprotected: assessment.unprotected,
    drift: drift.kind,
    ...(drift.kind === 'found' ? { reconciliation: drift.reconciliation.kind } : {}),
    ...(flatten ? { flatten: flatten.outcome } : {}),
  };
  logger.info(summary, 'heartbeat');
  return summary;
}
