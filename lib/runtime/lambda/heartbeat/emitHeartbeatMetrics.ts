import type { Metrics } from '../../../ports/Metrics.js';
import { METRIC_NAMES, TRADING_STOPPED } from '../metricNames.js';

export interface HeartbeatFigures {
  /** Absent when it could not be valued: no data point rather than a wrong one. */
  readonly equity?: string;
  readonly exposure: string;
  readonly openPlans: number;
  readonly unprotectedPositions: number;
  readonly halted: boolean;
  readonly dailyLossLimitHit: boolean;
}

/**
 * The heartbeat's metrics, under the names the dashboard and alarms read (metricNames.ts),
 * with no dimensions of their own (each dimension set is a billed metric). Equity, Exposure,
 * OpenPlans and UnprotectedPositions every run; TradingStopped only while the bot is HALTED
 * (2) or its daily loss limit is hit (1). Amounts become floats here, for the chart only; the records keep them exact.
 */
export function emitHeartbeatMetrics(metrics: Metrics, figures: HeartbeatFigures): void {
  if (figures.equity !== undefined) metrics.gauge(METRIC_NAMES.equity, Number(figures.equity));
  metrics.gauge(METRIC_NAMES.exposure, Number(figures.exposure));
  metrics.gauge(METRIC_NAMES.openPlans, figures.openPlans);
  metrics.gauge(METRIC_NAMES.unprotectedPositions, figures.unprotectedPositions);
  if (figures.halted) metrics.gauge(METRIC_NAMES.tradingStopped, TRADING_STOPPED.halted);
  else if (figures.dailyLossLimitHit) metrics.gauge(METRIC_NAMES.tradingStopped, TRADING_STOPPED.dailyLossLimit);
}
