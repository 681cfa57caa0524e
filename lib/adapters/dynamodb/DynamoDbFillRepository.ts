import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll.js';
import { FillSchema } from '../../domain/ledgerSchemas.js';
import type { Fill } from '../../domain/order.js';
import type { Clock } from '../../ports/Clock.js';
import type { FillRepository } from '../../ports/repositories.js';
import { fillDay, sortableTime } from './itemKeys.js';
import { fillPutItem } from './ledgerWriteItems.js';

import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

const DAY_MS = 86_400_000;

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

  /** Every fill at or after `time`, oldest first: one query per UTC day up to today. */
  async since(time: number): Promise<readonly Fill[]> {
    const fills: Fill[] = [];
    const lastDay = fillDay(this.clock.now());
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
