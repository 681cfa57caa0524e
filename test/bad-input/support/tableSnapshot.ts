import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_IDS, type TableId, type TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';

/** Every item of every table, as DynamoDB's raw JSON (numbers stay the strings DynamoDB holds), sorted. */
export type TablesSnapshot = Readonly<Record<TableId, readonly string[]>>;

/** A copy with every object's keys sorted, so two equal items print as the same text. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return { binary: Buffer.from(value).toString('base64') };
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

async function scanTable(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const items: string[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) items.push(JSON.stringify(sortKeys(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items.sort();
}

/** Scans all six tables of a bot: compare two snapshots to prove nothing stored changed. */
export async function snapshotTables(client: DynamoDBClient, tables: TableNames): Promise<TablesSnapshot> {
  const entries = await Promise.all(TABLE_IDS.map(async (id) => [id, await scanTable(client, tables[id])] as const));
  return Object.fromEntries(entries) as Record<TableId, string[]>;
}
