import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { SharedVenueHold, VenueHoldStore } from '../../ports/VenueHoldStore.js';
import { VENUE_HOLD_KEY } from './itemKeys.js';
import { parseItem } from './parseItem.js';

const SharedVenueHoldSchema = z.object({
  banned: z.boolean(),
  until: z.number().int().nonnegative(),
  reason: z.string(),
});

/**
 * The venue hold in one item of the state table. A strongly consistent GetItem when a gateway
 * is built (once per cold start), and a conditional UpdateItem when a ban is met, which only
 * ever lengthens the hold: two functions banned at once keep the later end.
 */
export class DynamoDbVenueHoldStore implements VenueHoldStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(): Promise<SharedVenueHold | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: VENUE_HOLD_KEY, ConsistentRead: true }));
    if (result.Item === undefined) return undefined;
    return parseItem(SharedVenueHoldSchema, result.Item, 'venue hold', ['pk', 'sk']);
  }

  async write(hold: SharedVenueHold): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: VENUE_HOLD_KEY,
          UpdateExpression: 'SET banned = :banned, #until = :until, reason = :reason',
          ConditionExpression: 'attribute_not_exists(#until) OR #until < :until',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':banned': hold.banned, ':until': hold.until, ':reason': hold.reason },
        }),
      );
    } catch (error) {
      // A hold that ends later is already stored: it stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
