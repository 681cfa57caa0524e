import type { DailyStats } from '../../../domain/dailyStats.js';
import type { PlanHistory } from '../../../ports/repositories.js';
import type { TelemetryStore } from '../../../ports/TelemetryStore.js';
import { rollUpDay, utcDayOf } from './rollUpDay.js';

const DAY_MS = 86_400_000;

export interface RollUpDeps {
  readonly plans: PlanHistory;
  readonly telemetry: Pick<TelemetryStore, 'putDailyStats'>;
  readonly symbols: readonly string[];
  readonly now: number;
}

/**
 * Yesterday's and today's statistics (UTC), written as one telemetry item per day and
 * rewritten every run: a plan closed late (by reconciliation, say) still lands in its day.
 * Reads the closed plans of each symbol updated since yesterday's start; writes 2 items.
 */
export async function rollUpStatistics(deps: RollUpDeps): Promise<DailyStats[]> {
  const today = Math.floor(deps.now / DAY_MS) * DAY_MS;
  const from = today - DAY_MS;
  const plans = (await Promise.all(deps.symbols.map((symbol) => deps.plans.listClosedSince(symbol, from)))).flat();
  const days = [utcDayOf(from), utcDayOf(today)].map((day) => rollUpDay(day, plans));
  for (const stats of days) await deps.telemetry.putDailyStats(stats, deps.now);
  return days;
}
