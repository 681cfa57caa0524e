import type { BotConfig } from '../../domain/botConfig.js';
import { ACTION_PARTITION, EQUITY_PARTITION, HEARTBEAT_PARTITION, decisionKey, seriesKey, sortableTime } from './itemKeys.js';

const DAY_MS = 86_400_000;
/** DynamoDB's TTL deletes an expired item within about 48 hours: anything younger is left to it. */
export const TTL_GRACE_MS = 2 * DAY_MS;

/** One partition to prune: its items whose sort key is below `before`. */
export interface PrunePartition {
  readonly table: 'market' | 'telemetry';
  readonly partitionKey: { readonly name: string; readonly value: string };
  readonly sortKeyName: string;
  /** Exclusive; a number for the market's open times, a 13-digit time for telemetry keys. */
  readonly before: number | string;
}

/**
 * Where retention pruning looks. TTL removes, for free, every item whose `expiresAt` has
 * passed, within about two days. What it never removes is an item older than the retention
 * that carries a later `expiresAt` (written while the retention was longer) or none at all.
 * So in each partition the bot knows (every configured series' candles and decision
 * records, and the equity, heartbeat and action partitions) maintenance deletes items older
 * than the retention plus TTL's two days: TTL would have taken them by now had their
 * `expiresAt` matched today's retention. In the normal case that range is empty and each
 * partition costs one empty query. The daily roll-ups (`STATS`) are kept longer on purpose
 * and left to TTL; partitions of series no longer configured are left to TTL too (finding
 * them would take a table scan). Ledger tables are never pruned.
 */
export function prunePartitions(config: Pick<BotConfig, 'symbols' | 'retentionDays'>, now: number): PrunePartition[] {
  const marketBefore = now - config.retentionDays.market * DAY_MS - TTL_GRACE_MS;
  const telemetryBefore = sortableTime(now - config.retentionDays.telemetry * DAY_MS - TTL_GRACE_MS);
  const telemetry = (value: string): PrunePartition => ({ table: 'telemetry', partitionKey: { name: 'pk', value }, sortKeyName: 'sk', before: telemetryBefore });
  return [
    ...config.symbols.map(({ symbol, timeframe }): PrunePartition => ({
      table: 'market',
      partitionKey: { name: 'series', value: seriesKey(symbol, timeframe) },
      sortKeyName: 'openTime',
      before: marketBefore,
    })),
    ...config.symbols.map(({ symbol, timeframe }) => telemetry(decisionKey(symbol, timeframe, 0).pk)),
    telemetry(EQUITY_PARTITION),
    telemetry(HEARTBEAT_PARTITION),
    telemetry(ACTION_PARTITION),
  ];
}
