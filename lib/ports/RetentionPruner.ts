import type { BotConfig } from '../domain/botConfig.js';
import type { Logger } from './Logger.js';

export interface PruneResult {
  readonly deleted: number;
  /** `<table>/<partition>` → items deleted there. */
  readonly byPartition: Readonly<Record<string, number>>;
  /** The budget ran out: more may be left for the next run. */
  readonly capped: boolean;
}

/**
 * Deletes what the store's own expiry does not reach: items of the configured series and of
 * the bot's telemetry older than the retention. Ledger rows are never pruned.
 */
export interface RetentionPruner {
  pruneBeyondRetention(config: Pick<BotConfig, 'symbols' | 'retentionDays'>, now: number, logger: Logger): Promise<PruneResult>;
}
