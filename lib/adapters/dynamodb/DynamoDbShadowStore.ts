import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DailyRiskStateSchema } from '../../domain/dailyRiskState.js';
import { CorruptRecordError, LedgerChangedError } from '../../domain/errors.js';
import { PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Plan } from '../../domain/plan.js';
import type { ShadowBook, ShadowBookWrite, ShadowLedgerState, ShadowPruneResult, ShadowStore } from '../../ports/ShadowStore.js';
import { failedConditions } from './explainCancellation.js';
import { expiresAt, sortableTime } from './itemKeys.js';
import { queryAll } from './queryAll.js';

export interface DynamoDbShadowStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The shadow table (TABLE_DEFINITIONS.shadow). */
  readonly tableName: string;
  /** Plan events expire (TTL) this many days after they happened. */
  readonly retentionDays: number;
}

/** Every book in one partition: a cold start reads them all with one query. */
export const SHADOW_BOOK_PARTITION = 'BOOK';
export const openedPartition = (bookId: string) => `OPENED#${bookId}`;
export const resolvedPartition = (bookId: string) => `RESOLVED#${bookId}`;
const planEventKey = (partition: string, at: number, planId: string) => ({ pk: partition, sk: `${sortableTime(at)}#${planId}` });

const BATCH_LIMIT = 25;
const UNPROCESSED_ROUNDS = 3;

const ShadowLedgerStateSchema = z.strictObject({
  ledgerVersion: z.number().int().min(0),
  livePlans: z.array(PlanSchema),
  daily: DailyRiskStateSchema.optional(),
  lastStopOutAt: z.record(z.string(), z.number()),
  decidedUpTo: z.record(z.string(), z.number()),
}) satisfies z.ZodType<ShadowLedgerState, unknown>;

/**
 * The shadow store in its own table. Books: `BOOK` / `<id>`, the virtual ledger and venue as
 * JSON, written conditionally on their version and kept (no TTL: a quiet shadow keeps its
 * balances). Plan events: `OPENED#<id>` and `RESOLVED#<id>` / `<time>#<planId>`, with a TTL
 * of `retentionDays`; the calibration monitor reads the newest resolved ones.
 */
export class DynamoDbShadowStore implements ShadowStore {
  constructor(private readonly options: DynamoDbShadowStoreOptions) {}

  async loadBooks(): Promise<ReadonlyMap<string, ShadowBook>> {
    const items = await queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': SHADOW_BOOK_PARTITION },
      ConsistentRead: true,
    });
    return new Map(items.map((item) => { const book = parseBook(item); return [book.id, book]; }));
  }

  async loadBook(id: string): Promise<ShadowBook | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { pk: SHADOW_BOOK_PARTITION, sk: id }, ConsistentRead: true }));
    return Item === undefined ? undefined : parseBook(Item);
  }

  async write({ book, opened, resolved }: ShadowBookWrite, now: number): Promise<void> {
    const { tableName, retentionDays } = this.options;
    const previous = book.version - 1;
    const event = (partition: string, at: number, plan: Plan) => ({
      Put: { TableName: tableName, Item: { ...planEventKey(partition, at, plan.id), plan: JSON.stringify(plan), expiresAt: expiresAt(at, retentionDays) } },
    });
    try {
      await this.options.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { pk: SHADOW_BOOK_PARTITION, sk: book.id, version: book.version, updatedAt: now, ledger: JSON.stringify(book.ledger), venue: book.venue },
                ...(previous === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: '#version = :previous', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':previous': previous } }),
              },
            },
            ...opened.map((plan) => event(openedPartition(book.id), plan.openedAt ?? now, plan)),
            ...resolved.map((plan) => event(resolvedPartition(book.id), plan.closedAt ?? plan.updatedAt, plan)),
          ],
        }),
      );
    } catch (error) {
      if (failedConditions(error)?.includes(0)) throw new LedgerChangedError(previous);
      throw error;
    }
  }

  async resolvedPlans(bookId: string, limit: number): Promise<readonly Plan[]> {
    const plans: Plan[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': resolvedPartition(bookId) },
          ScanIndexForward: false,
          Limit: limit - plans.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) plans.push(parsePlan(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && plans.length < limit);
    return plans;
  }

  /**
   * TTL deletes an expired event within about two days; this takes what it has not reached
   * (and events written under a longer retention). One keys-only query per partition of each
   * stored book, then batches of 25 deletes.
   */
  async pruneBefore(before: number, maxDeletes: number): Promise<ShadowPruneResult> {
    const { client, tableName } = this.options;
    const books = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': SHADOW_BOOK_PARTITION },
      ProjectionExpression: 'sk',
    });
    const byBook: Record<string, number> = {};
    let deleted = 0;
    for (const id of books.map((item) => String(item.sk))) {
      for (const partition of [openedPartition(id), resolvedPartition(id)]) {
        if (deleted >= maxDeletes) return { deleted, byBook, capped: true };
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk < :before',
            ExpressionAttributeValues: { ':pk': partition, ':before': sortableTime(before) },
            ProjectionExpression: 'pk, sk',
            Limit: maxDeletes - deleted,
          }),
        );
        const keys = (page.Items ?? []).map((item): Record<string, unknown> => ({ pk: item.pk as unknown, sk: item.sk as unknown }));
        for (let i = 0; i < keys.length; i += BATCH_LIMIT) await this.deleteBatch(keys.slice(i, i + BATCH_LIMIT));
        if (keys.length > 0) byBook[id] = (byBook[id] ?? 0) + keys.length;
        deleted += keys.length;
      }
    }
    return { deleted, byBook, capped: deleted >= maxDeletes };
  }

  private async deleteBatch(keys: readonly Record<string, unknown>[]): Promise<void> {
    const { client, tableName } = this.options;
    let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > UNPROCESSED_ROUNDS) throw new Error(`${pending.length} deletes still unprocessed in ${tableName} after ${UNPROCESSED_ROUNDS} retries`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** round));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

function parseBook(item: Record<string, unknown>): ShadowBook {
  const where = `${SHADOW_BOOK_PARTITION}/${String(item.sk)}`;
  const ledger = ShadowLedgerStateSchema.safeParse(parseJson(item.ledger, where, 'ledger'));
  if (!ledger.success) throw new CorruptRecordError('shadow store', where, `ledger: ${ledger.error.issues[0]?.path.join('.')} ${ledger.error.issues[0]?.message}`);
  if (typeof item.venue !== 'string' || typeof item.version !== 'number') throw new CorruptRecordError('shadow store', where, 'venue or version missing');
  return { id: String(item.sk), version: item.version, updatedAt: Number(item.updatedAt ?? 0), ledger: ledger.data, venue: item.venue };
}

function parsePlan(item: Record<string, unknown>): Plan {
  const where = `${String(item.pk)}/${String(item.sk)}`;
  const parsed = PlanSchema.safeParse(parseJson(item.plan, where, 'plan'));
  if (!parsed.success) throw new CorruptRecordError('shadow store', where, `plan: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function parseJson(text: unknown, where: string, attribute: string): unknown {
  try {
    return JSON.parse(String(text)) as unknown;
  } catch {
    throw new CorruptRecordError('shadow store', where, `${attribute} is not JSON`);
  }
}
