import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BotConfig } from '../../domain/botConfig.js';
import type { Logger } from '../../ports/Logger.js';
import type { PruneResult, RetentionPruner } from '../../ports/RetentionPruner.js';
import { type PrunePartition, prunePartitions } from './prunePartitions.js';
import type { TableNames } from './tableDefinitions.js';

/** Each delete is a billed write (on demand, about $1.25 a million): a run deletes at most this many; the rest waits an hour. */
export const MAX_DELETES_PER_RUN = 500;
const BATCH_LIMIT = 25;
const UNPROCESSED_ROUNDS = 3;

export interface DynamoDbRetentionPrunerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  /** @default MAX_DELETES_PER_RUN */
  readonly maxDeletes?: number;
}

/**
 * Deletes, partition by partition, the items below each partition's cutoff (see
 * `prunePartitions`), keys only, in batches of 25, until the run's budget of deletes. Cost of
 * a run that finds nothing: one eventually consistent query per partition (the minimum half
 * read unit each); each item found costs its share of the query and one write.
 */
export class DynamoDbRetentionPruner implements RetentionPruner {
  constructor(private readonly options: DynamoDbRetentionPrunerOptions) {}

  async pruneBeyondRetention(config: Pick<BotConfig, 'symbols' | 'retentionDays'>, now: number, logger: Logger): Promise<PruneResult> {
    const maxDeletes = this.options.maxDeletes ?? MAX_DELETES_PER_RUN;
    const byPartition: Record<string, number> = {};
    let deleted = 0;
    for (const partition of prunePartitions(config, now)) {
      if (deleted >= maxDeletes) return { deleted, byPartition, capped: true };
      const table = this.options.tables[partition.table];
      const keys = await this.keysBefore(table, partition, maxDeletes - deleted);
      if (keys.length === 0) continue;
      for (let i = 0; i < keys.length; i += BATCH_LIMIT) await this.deleteBatch(table, keys.slice(i, i + BATCH_LIMIT));
      byPartition[`${partition.table}/${partition.partitionKey.value}`] = keys.length;
      deleted += keys.length;
      logger.info({ table: partition.table, partition: partition.partitionKey.value, before: partition.before, deleted: keys.length }, 'pruned items beyond the retention that TTL does not reach');
    }
    return { deleted, byPartition, capped: deleted >= maxDeletes };
  }

  private async keysBefore(table: string, partition: PrunePartition, limit: number): Promise<Record<string, unknown>[]> {
    const { partitionKey, sortKeyName } = partition;
    const keys: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#pk = :pk AND #sk < :before',
          ExpressionAttributeNames: { '#pk': partitionKey.name, '#sk': sortKeyName },
          ExpressionAttributeValues: { ':pk': partitionKey.value, ':before': partition.before },
          ProjectionExpression: '#pk, #sk',
          Limit: Math.min(limit - keys.length, 1000),
          ExclusiveStartKey: startKey,
        }),
      );
      keys.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && keys.length < limit);
    return keys;
  }

  private async deleteBatch(table: string, keys: readonly Record<string, unknown>[]): Promise<void> {
    let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > UNPROCESSED_ROUNDS) throw new Error(`${pending.length} deletes still unprocessed in ${table} after ${UNPROCESSED_ROUNDS} retries`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** round));
      const result = await this.options.client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
}
