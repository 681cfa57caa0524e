import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../../adapters/dynamodb/tableDefinitions.js';
import type { Logger } from '../../../ports/Logger.js';
import type { PrunePartition } from './prunePartitions.js';

/** Each delete is a billed write (on demand, about $1.25 a million): a run deletes at most this many; the rest waits an hour. */
export const MAX_DELETES_PER_RUN = 500;
const BATCH_LIMIT = 25;
const UNPROCESSED_ROUNDS = 3;

export interface PruneResult {
  readonly deleted: number;
  /** `<table>/<partition>` → items deleted there. */
  readonly byPartition: Readonly<Record<string, number>>;
  /** The budget ran out: more may be left for the next run. */
  readonly capped: boolean;
}

/**
 * Deletes, partition by partition, the items below each partition's cutoff (see
 * `prunePartitions`), keys only, in batches of 25, until MAX_DELETES_PER_RUN. Cost of a run
 * that finds nothing: one eventually consistent query per partition (the minimum half read
 * unit each); each item found costs its share of the query and one write.
 */
export async function pruneBeyondTtl(client: DynamoDBDocumentClient, tables: TableNames, partitions: readonly PrunePartition[], logger: Logger, maxDeletes = MAX_DELETES_PER_RUN): Promise<PruneResult> {
  const byPartition: Record<string, number> = {};
  let deleted = 0;
  for (const partition of partitions) {
    if (deleted >= maxDeletes) return { deleted, byPartition, capped: true };
    const keys = await keysBefore(client, tables[partition.table], partition, maxDeletes - deleted);
    if (keys.length === 0) continue;
    for (let i = 0; i < keys.length; i += BATCH_LIMIT) await deleteBatch(client, tables[partition.table], keys.slice(i, i + BATCH_LIMIT));
    byPartition[`${partition.table}/${partition.partitionKey.value}`] = keys.length;
    deleted += keys.length;
    logger.info({ table: partition.table, partition: partition.partitionKey.value, before: partition.before, deleted: keys.length }, 'pruned items beyond the retention that TTL does not reach');
  }
  return { deleted, byPartition, capped: deleted >= maxDeletes };
}

async function keysBefore(client: DynamoDBDocumentClient, table: string, partition: PrunePartition, limit: number): Promise<Record<string, unknown>[]> {
  const { partitionKey, sortKeyName } = partition;
  const keys: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
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

async function deleteBatch(client: DynamoDBDocumentClient, table: string, keys: readonly Record<string, unknown>[]): Promise<void> {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let round = 0; pending.length > 0; round++) {
    if (round > UNPROCESSED_ROUNDS) throw new Error(`${pending.length} deletes still unprocessed in ${table} after ${UNPROCESSED_ROUNDS} retries`);
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** round));
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
  }
}
