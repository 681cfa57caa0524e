import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { VENUE_HOLD_KEY } from '../../lib/adapters/dynamodb/itemKeys.js';

/**
 * A function that calls the venue reads the shared venue hold when it builds its gateway and
 * records one it meets (DynamoDbVenueHoldStore): GetItem and UpdateItem on the state table's
 * VENUE_HOLD partition, and nothing else there.
 */
export function grantVenueHold(fn: IFunction, state: ITable): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resources: [state.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [VENUE_HOLD_KEY.pk] } },
    }),
  );
}
