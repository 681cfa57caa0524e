import type { BotConfig } from '../../../domain/botConfig.js';
import type { DailyStats } from '../../../domain/dailyStats.js';
import { TraderError } from '../../../domain/errors.js';
import type { Order, OrderIntent } from '../../../domain/order.js';
import type { Clock } from '../../../ports/Clock.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { LedgerStore } from '../../../ports/LedgerStore.js';
import type { Logger } from '../../../ports/Logger.js';
import type { PlanHistory } from '../../../ports/repositories.js';
import type { PruneResult, RetentionPruner } from '../../../ports/RetentionPruner.js';
import type { ShadowPruneResult, ShadowStore } from '../../../ports/ShadowStore.js';
import type { TelemetryStore } from '../../../ports/TelemetryStore.js';
import { TTL_GRACE_MS } from '../../../adapters/dynamodb/prunePartitions.js';
import { findStaleIntents } from './findStaleIntents.js';
import { rollUpStatistics } from './rollUpStatistics.js';

export interface MaintenanceDeps {
  readonly config: BotConfig;
  readonly ledger: Pick<LedgerStore, 'load'>;
  readonly orders: {
    listUnsettled(symbol: string): Promise<readonly OrderIntent[]>;
    getOrder(clientOrderId: string): Promise<Order | undefined>;
  };
  readonly plans: PlanHistory;
  readonly telemetry: Pick<TelemetryStore, 'recordAction' | 'putDailyStats'>;
  readonly venue: () => Promise<Exchange>;
  readonly pruner: RetentionPruner;
  /** The shadow store, whose plan events beyond the TTL's reach are pruned too. */
  readonly shadows: Pick<ShadowStore, 'pruneBefore'>;
  readonly clock: Clock;
}

export interface MaintenanceSummary {
  readonly kind: 'maintenance';
  readonly time: number;
  readonly staleIntents: number;
  readonly days: readonly DailyStats[];
  readonly pruned?: PruneResult;
  /** Shadow plan events deleted, by book. */
  readonly shadowPruned?: ShadowPruneResult;
  /** Parts that failed; each is logged, and the run throws naming them once all have been tried. */
  readonly failed: readonly string[];
}

export class MaintenanceFailedError extends TraderError {
  constructor(readonly failed: readonly string[]) {
    super(`maintenance failed: ${failed.join(', ')}`);
    this.name = 'MaintenanceFailedError';
  }
}

/**
 * The hourly run, three independent parts, each tried even when another fails:
 * stale intents flagged (findStaleIntents, recorded as one `staleIntents` action),
 * yesterday's and today's statistics rolled up (rollUpStatistics), and retention pruning
 * beyond TTL's reach (the RetentionPruner). Symbols are the configured ones
 * and those of live plans. Ledger rows are only read.
 */
export async function runMaintenance(deps: MaintenanceDeps, logger: Logger): Promise<MaintenanceSummary> {
  const now = deps.clock.now();
  const failed: string[] = [];
  const attempt = async <T>(part: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      logger.error({ part, err: error }, `maintenance: ${part} failed`);
      failed.push(part);
      return undefined;
    }
  };
  const snapshot = await attempt('ledger', () => deps.ledger.load());
  const symbols = [...new Set([...deps.config.symbols.map((s) => s.symbol), ...(snapshot?.livePlans ?? []).map((p) => p.symbol)])];

  const stale = await attempt('staleIntents', async () => {
    const found = await findStaleIntents({ orders: deps.orders, venue: deps.venue, symbols, now, logger });
    if (found.length > 0) await deps.telemetry.recordAction(now, 'staleIntents', { intents: found, note: 'flagged only: reconciliation settles them' });
    return found;
  });
  const days = await attempt('statistics', () => rollUpStatistics({ plans: deps.plans, telemetry: deps.telemetry, symbols, now }));
  const pruned = await attempt('pruning', () => deps.pruner.pruneBeyondRetention(deps.config, now, logger));
  const shadowPruned = await attempt('shadowPruning', () => deps.shadows.pruneBefore(shadowPruneBefore(deps.config, now), MAX_SHADOW_DELETES_PER_RUN));

  const summary: MaintenanceSummary = {
    kind: 'maintenance',
    time: now,
    staleIntents: stale?.length ?? 0,
    days: days ?? [],
    ...(pruned ? { pruned } : {}),
    ...(shadowPruned ? { shadowPruned } : {}),
    failed,
  };
  logger.info({ staleIntents: summary.staleIntents, days: summary.days.map((d) => ({ day: d.day, trades: d.trades })), pruned: pruned?.deleted, shadowPruned: shadowPruned?.deleted, failed }, 'maintenance');
  if (failed.length > 0) throw new MaintenanceFailedError(failed);
  return summary;
}

/** Each delete is a billed write: a run deletes at most this many shadow plan events; the rest waits for the next run. */
export const MAX_SHADOW_DELETES_PER_RUN = 500;

/** Shadow plan events older than their retention plus TTL's two days: TTL would have taken them by now. */
export function shadowPruneBefore(config: Pick<BotConfig, 'retentionDays'>, now: number): number {
  return now - config.retentionDays.shadow * 86_400_000 - TTL_GRACE_MS;
}
