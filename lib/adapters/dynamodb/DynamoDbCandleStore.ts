import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type Candle, CandleSchema, type Timeframe } from '../../domain/candle.js';
import { CandleQuoteSchema, type LatestQuote, LatestQuoteSchema } from '../../domain/candleQuote.js';
import type { CandlePutExtras, CandleStore, ResumePoint } from '../../ports/CandleStore.js';
import { queryAll } from './queryAll.js';
import { expiresAt, seriesKey } from './itemKeys.js';
import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

export interface DynamoDbCandleStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly retentionDays: number;
  /** Rounds of resending what DynamoDB left unprocessed, each after a longer pause. */
  readonly maxUnprocessedRounds?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const BATCH_LIMIT = 25;
const ResumePointSchema = z.object({ openTime: z.number().int(), unpublished: z.array(z.number().int()) }).strict();
/** Attributes an item has besides the candle's own fields. */
const STORAGE_ATTRIBUTES = ['series', 'expiresAt', 'capturedAt', 'quote', 'unpublished'];

/**
 * Captured candles, one item per (symbol, timeframe, open time): writing one twice keeps one.
 *
 * The newest candle of each `put` also carries `capturedAt` (the write's `now`) and, when
 * given, the venue's quote at that moment. So the ticker costs no item of its own: capture
 * passes it with the candles of each symbol's shortest timeframe, and `latestQuote` reads
 * it back with the newest of those candles.
 *
 * Capture's outbox costs no item either: `unpublished`, the open times still to publish, sits
 * on each candle written with those at or before it, so whichever candle a dying run stored
 * last carries it, and the query that finds where to resume reads it. Only the newest item's
 * outbox counts: an older one was carried forward by the run that stored past it.
 */
export class DynamoDbCandleStore implements CandleStore {
  constructor(private readonly options: DynamoDbCandleStoreOptions) {}

  async put(symbol: string, timeframe: Timeframe, candles: readonly Candle[], now: number, extras: CandlePutExtras = {}): Promise<void> {
    const series = seriesKey(symbol, timeframe);
    const expiry = expiresAt(now, this.options.retentionDays);
    const unique = [...new Map(candles.map((c) => [c.openTime, c])).values()].sort((a, b) => a.openTime - b.openTime);
    const { quote } = extras;
    const unpublished = [...(extras.unpublished ?? [])].sort((a, b) => a - b);
    const stamp = { capturedAt: now, ...(quote && Object.keys(quote).length > 0 ? { quote: CandleQuoteSchema.parse(quote) } : {}) };
    const newest = unique[unique.length - 1]?.openTime;
    const requests = unique.map((c) => {
      const outbox = unpublished.filter((openTime) => openTime <= c.openTime);
      return { PutRequest: { Item: { series, ...c, expiresAt: expiry, ...(outbox.length > 0 ? { unpublished: outbox } : {}), ...(c.openTime === newest ? stamp : {}) } } };
    });
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) await this.write(requests.slice(i, i + BATCH_LIMIT));
  }

  /** Candles with from ≤ openTime < to, oldest first, across as many 1 MB pages as it takes. */
  async window(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
    const items = await queryAll(this.options.client, {
      TableName: this.options.tables.market,
      KeyConditionExpression: 'series = :series AND openTime BETWEEN :from AND :last',
      ExpressionAttributeValues: { ':series': seriesKey(symbol, timeframe), ':from': from, ':last': to - 1 },
    });
    return items.map((item) => parseItem(CandleSchema, item, 'candle', STORAGE_ATTRIBUTES));
  }

  /** The newest stored candle's open time and outbox, to resume capture from. */
  async resumePoint(symbol: string, timeframe: Timeframe): Promise<ResumePoint | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.market,
        KeyConditionExpression: 'series = :series',
        ExpressionAttributeValues: { ':series': seriesKey(symbol, timeframe) },
        ProjectionExpression: 'series, openTime, unpublished',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    return item === undefined ? undefined : parseItem(ResumePointSchema, { unpublished: [], ...item }, 'candle', ['series']);
  }

  /** One conditional update of the outbox on an item that exists (a candle expired meanwhile is not made again). */
  async setUnpublished(symbol: string, timeframe: Timeframe, openTime: number, unpublished: readonly number[]): Promise<void> {
    const key = { series: seriesKey(symbol, timeframe), openTime };
    const condition = { ConditionExpression: 'attribute_exists(series)' };
    const { market: TableName } = this.options.tables;
    await this.options.client.send(
      unpublished.length === 0
        ? new UpdateCommand({ TableName, Key: key, UpdateExpression: 'REMOVE unpublished', ...condition })
        : new UpdateCommand({ TableName, Key: key, UpdateExpression: 'SET unpublished = :unpublished', ExpressionAttributeValues: { ':unpublished': [...unpublished] }, ...condition }),
    );
  }

  /**
   * The newest stored candle of a series: its open time and close, when it was captured, and
   * the quote captured with it. The quote is absent when that run's ticker fetch failed, and
   * on every timeframe but its symbol's shortest (see `quoteTimeframes` in capture). Undefined
   * when the series has no candle.
   */
  async latestQuote(symbol: string, timeframe: Timeframe): Promise<LatestQuote | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.market,
        KeyConditionExpression: 'series = :series',
        ExpressionAttributeValues: { ':series': seriesKey(symbol, timeframe) },
        ProjectionExpression: 'series, openTime, #close, capturedAt, quote',
        ExpressionAttributeNames: { '#close': 'close' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    return item === undefined ? undefined : parseItem(LatestQuoteSchema, item, 'candle', ['series']);
  }

  private async write(requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string]): Promise<void> {
    const table = this.options.tables.market;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    const rounds = this.options.maxUnprocessedRounds ?? 5;
    let pending = requests;
    for (let round = 0; pending.length > 0; round++) {
      if (round > rounds) throw new Error(`${pending.length} candles still unprocessed after ${rounds} retries`);
      if (round > 0) await sleep(50 * 2 ** round * Math.random());
      const result = await this.options.client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] ?? [];
    }
  }
}
