import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DailyRiskStateSchema } from '../../domain/dailyRiskState.js';
import { CorruptRecordError, LedgerChangedError } from '../../domain/errors.js';
import { PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Plan } from '../../domain/plan.js';
import type { ShadowBook, ShadowBookWrite, ShadowLedgerState, ShadowPruneResult, ShadowStore } from '../../ports/ShadowStore.js';
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

/** A plan event item as stored, and as the book item carries it until it is. */
const PlanEventSchema = z.strictObject({ pk: z.string(), sk: z.string(), plan: z.string(), expiresAt: z.number() });
type PlanEventItem = z.infer<typeof PlanEventSchema>;

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
 *
 * A write is single-item puts, not a transaction (which bills every item twice): the book
 * first, conditional on its version and carrying the write's plan events, then each event.
 * So an event is never stored for a book version that was not (a write that lost the race
 * stores nothing), and none is lost: the events of the newest stored version are put again,
 * with the same keys and content, whenever the book is loaded (every cold start, and the
 * reload after any failed write).
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
    for (const item of items) await this.putEvents(parseEvents(item));
    return new Map(items.map((item) => { const book = parseBook(item); return [book.id, book]; }));
  }

  async loadBook(id: string): Promise<ShadowBook | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { pk: SHADOW_BOOK_PARTITION, sk: id }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    await this.putEvents(parseEvents(Item));
    return parseBook(Item);
  }

  async write({ book, opened, resolved }: ShadowBookWrite, now: number): Promise<void> {
    const { tableName, retentionDays } = this.options;
    const previous = book.version - 1;
    const event = (partition: string, at: number, plan: Plan): PlanEventItem => ({ ...planEventKey(partition, at, plan.id), plan: JSON.stringify(plan), expiresAt: expiresAt(at, retentionDays) });
    const events = [...opened.map((plan) => event(openedPartition(book.id), plan.openedAt ?? now, plan)), ...resolved.map((plan) => event(resolvedPartition(book.id), plan.closedAt ?? plan.updatedAt, plan))];
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: SHADOW_BOOK_PARTITION, sk: book.id, version: book.version, updatedAt: now, ledger: JSON.stringify(book.ledger), venue: book.venue, events: JSON.stringify(events) },
          ...(previous === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#version = :previous', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':previous': previous } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new LedgerChangedError(previous);
      throw error;
    }
    await this.putEvents(events);
  }

  /** Plain puts: an event's key and content follow from its plan, so putting it again changes nothing. */
  private async putEvents(events: readonly PlanEventItem[]): Promise<void> {
    for (const Item of events) await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item }));
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

/** The plan events a book item carries (none before this field existed). */
function parseEvents(item: Record<string, unknown>): PlanEventItem[] {
  if (item.events === undefined) return [];
  const where = `${SHADOW_BOOK_PARTITION}/${String(item.sk)}`;
  const parsed = z.array(PlanEventSchema).safeParse(parseJson(item.events, where, 'events'));
  if (!parsed.success) throw new CorruptRecordError('shadow store', where, `events: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
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
