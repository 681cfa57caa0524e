import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Candle, CandleSchema, type Timeframe } from '../../domain/candle.js';
import { type CandleQuote, CandleQuoteSchema, type LatestQuote, LatestQuoteSchema } from '../../domain/candleQuote.js';
import type { CandleStore } from '../../ports/CandleStore.js';
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
/** Attributes an item has besides the candle's own fields. */
const STORAGE_ATTRIBUTES = ['series', 'expiresAt', 'capturedAt', 'quote'];

/**
 * Captured candles, one item per (symbol, timeframe, open time): writing one twice keeps one.
 *
 * The newest candle of each `put` also carries `capturedAt` (the write's `now`) and, when
 * given, the venue's quote at that moment. So the ticker costs no item of its own: capture
 * passes it with the candles of each symbol's shortest timeframe, and `latestQuote` reads
 * it back with the newest of those candles.
 */
export class DynamoDbCandleStore implements CandleStore {
  constructor(private readonly options: DynamoDbCandleStoreOptions) {}

  async put(symbol: string, timeframe: Timeframe, candles: readonly Candle[], now: number, quote?: CandleQuote): Promise<void> {
    const series = seriesKey(symbol, timeframe);
    const expiry = expiresAt(now, this.options.retentionDays);
    const unique = [...new Map(candles.map((c) => [c.openTime, c])).values()];
    const newest = Math.max(...unique.map((c) => c.openTime));
    const stamp = { capturedAt: now, ...(quote && Object.keys(quote).length > 0 ? { quote: CandleQuoteSchema.parse(quote) } : {}) };
    const requests = unique.map((c) => ({ PutRequest: { Item: { series, ...c, expiresAt: expiry, ...(c.openTime === newest ? stamp : {}) } } }));
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

  /** The newest stored candle's open time, to resume capture from. */
  async latestOpenTime(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.market,
        KeyConditionExpression: 'series = :series',
        ExpressionAttributeValues: { ':series': seriesKey(symbol, timeframe) },
        ProjectionExpression: 'openTime',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const openTime: unknown = page.Items?.[0]?.openTime;
    return typeof openTime === 'number' ? openTime : undefined;
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
