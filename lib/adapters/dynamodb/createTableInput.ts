import type { AttributeDefinition, CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDefinition } from './tableDefinitions.js';

/** The CreateTable request for a definition: on-demand, as deployed. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const keySchema = (partition: KeyAttribute, sort?: KeyAttribute): KeySchemaElement[] => {
    for (const key of [partition, sort]) if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
    return [{ AttributeName: partition.name, KeyType: 'HASH' }, ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : [])];
  };
  const tableKeys = keySchema(definition.partitionKey, definition.sortKey);
  const indexes = definition.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: tableKeys,
    AttributeDefinitions: [...attributes.values()],
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}
