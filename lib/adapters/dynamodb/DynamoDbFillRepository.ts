import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll.js';
import { InvalidInputError } from '../../domain/errors.js';
import { FillSchema } from '../../domain/ledgerSchemas.js';
import type { Fill } from '../../domain/order.js';
import type { Clock } from '../../ports/Clock.js';
import type { FillRepository } from '../../ports/repositories.js';
import { fillDay, sortableTime } from './itemKeys.js';
import { fillPutItem } from './ledgerWriteItems.js';

import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

const DAY_MS = 86_400_000;

/** The most UTC days one `since` reads: each is a query of its own, so since(0) would be about 20,000. */
export const MAX_FILL_DAYS = 400;

/** Fills by UTC day; the same fill written twice is one item. */
export class DynamoDbFillRepository implements FillRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
    private readonly clock: Clock,
  ) {}

  async add(fill: Fill): Promise<void> {
    const { Put } = fillPutItem(this.tables, fill);
    if (!Put) throw new Error('fillPutItem must build a Put');
    await this.client.send(new PutCommand(Put));
  }

  /**
   * Every fill at or after `time`, oldest first: one query per UTC day up to today. A `time`
   * more than MAX_FILL_DAYS back is refused before any query, naming the span asked for.
   */
  async since(time: number): Promise<readonly Fill[]> {
    const now = this.clock.now();
    const days = Math.floor(now / DAY_MS) - Math.floor(time / DAY_MS) + 1;
    if (!Number.isFinite(time) || days > MAX_FILL_DAYS) {
      throw new InvalidInputError('since', `${time} asks for ${Number.isFinite(days) ? days : 'unbounded'} days of fills, one query a day; at most ${MAX_FILL_DAYS} are read (from ${new Date(now - (MAX_FILL_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)})`);
    }
    const fills: Fill[] = [];
    const lastDay = fillDay(now);
    for (let day = fillDay(time), t = time; day <= lastDay; t += DAY_MS, day = fillDay(t)) {
      const items = await queryAll(this.client, {
        TableName: this.tables.fills,
        KeyConditionExpression: '#day = :day AND fillKey >= :from',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day, ':from': sortableTime(time) },
        ConsistentRead: true,
      });
      for (const item of items) fills.push(fillFromItem(item));
    }
    return fills;
  }
}

/** One fills-table item as its fill. */
export function fillFromItem(item: Record<string, unknown>): Fill {
  return parseItem(FillSchema, item, 'fill', ['day', 'fillKey']);
}
