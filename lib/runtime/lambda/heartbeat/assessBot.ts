import type { BotConfig } from '../../../domain/botConfig.js';
import { dec } from '../../../domain/decimal.js';
import { rollDailyRiskState, utcDay } from '../../../services/risk/dailyRiskState.js';
import type { HeartbeatObservation } from './observeBot.js';
import { type SeriesHealth, seriesHealth } from './seriesHealth.js';
import { unprotectedPlans } from './unprotectedPlans.js';
import { type EquityValuation, type ExposureValuation, equityQuoteCurrency, valueEquity, valueExposure } from '../../../services/portfolio/valueEquity.js';

export interface HeartbeatAssessment {
  readonly quoteCurrency: string;
  /** The venue's balances valued; absent when the venue could not be read. */
  readonly valuation?: EquityValuation;
  /** Set only when every traded asset held has a price: an understated equity is not reported. */
  readonly equity?: string;
  readonly exposure: ExposureValuation;
  readonly series: readonly SeriesHealth[];
  /** Ids of plans holding a position with no protective exit (see `isUnprotected`). */
  readonly unprotected: readonly string[];
  readonly dailyLossLimitHit: boolean;
}

/**
 * What a heartbeat's observation means, with no I/O. The daily loss limit counts as hit
 * when the latch recorded for today says so, or when today's loss at this equity reaches
 * the limit (the same rule decide applies; heartbeat only reports it, decide latches it).
 */
export function assessBot(observation: HeartbeatObservation, config: BotConfig): HeartbeatAssessment {
  const { now, snapshot, venue, killSwitch } = observation;
  const prices = new Map([...observation.prices].map(([symbol, point]) => [symbol, point.price]));
  const quoteCurrency = equityQuoteCurrency(config.symbols);
  const valuation = venue.ok ? valueEquity(venue.balances, prices, quoteCurrency, observation.symbols) : undefined;
  const equity = valuation && valuation.unpriced.length === 0 ? valuation.equity : undefined;
  const captureMs = config.schedules.captureMinutes * 60_000;
  const series = observation.readings.map((reading) => seriesHealth(reading, now, captureMs));
  const unprotected = unprotectedPlans(snapshot.livePlans, {
    botStatus: snapshot.state.status,
    killSwitch,
    freshSeries: new Set(series.filter((s) => s.fresh).map((s) => `${s.symbol}#${s.timeframe}`)),
    ...(venue.ok ? { venueOpenIds: new Set(venue.openOrders.map((o) => o.clientOrderId)) } : {}),
  });
  const latched = snapshot.daily !== undefined && snapshot.daily.day === utcDay(now) && snapshot.daily.limitHit;
  const reached = equity !== undefined && rollDailyRiskState(snapshot.daily, now, dec(equity), observation.risk).limitHit;
  return {
    quoteCurrency,
    ...(valuation ? { valuation } : {}),
    ...(equity !== undefined ? { equity } : {}),
    exposure: valueExposure(snapshot.livePlans, prices, quoteCurrency),
    series,
    unprotected: unprotected.map((p) => p.id),
    dailyLossLimitHit: latched || reached,
  };
}
