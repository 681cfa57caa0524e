import type { RiskConfig } from '../../../domain/config.js';
import type { KillSwitchState } from '../../../domain/killSwitch.js';
import type { TradingSnapshot } from '../../../ports/LedgerStore.js';
import type { Logger } from '../../../ports/Logger.js';
import type { HeartbeatDeps } from './HeartbeatDeps.js';
import { type PricePoint, latestPrices, storedPrices } from './latestPrices.js';
import { type VenueView, readVenue } from './readVenue.js';
import { type SeriesReading, readSeries } from './seriesHealth.js';

/** Everything one scheduled heartbeat looks at, read once. */
export interface HeartbeatObservation {
  readonly now: number;
  readonly snapshot: TradingSnapshot;
  readonly killSwitch: KillSwitchState;
  readonly risk: RiskConfig;
  readonly readings: readonly SeriesReading[];
  /** The configured symbols, then those of live plans no longer configured. */
  readonly symbols: readonly string[];
  readonly venue: VenueView;
  readonly prices: ReadonlyMap<string, PricePoint>;
}

/**
 * The reads of a scheduled heartbeat, as many at once as can be: the ledger's consistent
 * view (one query of the bot partition), the kill switch and risk limits (SSM, cached),
 * per configured series its newest candle and decision record (two one-item queries), then
 * the venue (balances, and open orders per symbol) and the prices that are not fresh in
 * the market table. A venue that cannot be read is logged and reported, never thrown.
 */
export async function observeBot(deps: HeartbeatDeps, logger: Logger): Promise<HeartbeatObservation> {
  const now = deps.clock.now();
  const [snapshot, killSwitch, risk, readings] = await Promise.all([
    deps.ledger.load(),
    deps.killSwitch.read(),
    deps.risk(),
    readSeries(deps.config.symbols, deps.series),
  ]);
  const symbols = [...new Set([...deps.config.symbols.map((s) => s.symbol), ...snapshot.livePlans.map((p) => p.symbol)])];
  const venue = await readVenue(deps.venue, symbols);
  if (!venue.ok) logger.error({ reason: venue.reason }, 'venue unreadable: no equity, no drift check this run');
  const prices = await latestPrices(symbols, storedPrices(readings), {
    now,
    freshMs: 2 * deps.config.schedules.captureMinutes * 60_000,
    ...(venue.ok ? { venueLastPrice: (symbol: string) => venue.exchange.fetchLastPrice(symbol) } : {}),
    logger,
  });
  return { now, snapshot, killSwitch, risk, readings, symbols, venue, prices };
}
