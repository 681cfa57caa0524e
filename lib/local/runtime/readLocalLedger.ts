import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fillFromItem } from '../../adapters/dynamodb/DynamoDbFillRepository.js';
import { type OrderRecord, orderRecordFromItem } from '../../adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbPlanRepository } from '../../adapters/dynamodb/DynamoDbPlanRepository.js';
import { parseItem } from '../../adapters/dynamodb/parseItem.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import { PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Fill } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';

/** The whole ledger of a local bot, for its report and its checks. */
export interface LocalLedger {
  readonly livePlans: readonly Plan[];
  readonly endedPlans: readonly Plan[];
  readonly orders: readonly OrderRecord[];
  readonly fills: readonly Fill[];
}

/**
 * Reads every plan, order and fill with consistent scans: fine for a local run's few
 * hundred items (the functions never scan; a deployed bot's tools query by key).
 */
export async function readLocalLedger(client: DynamoDBDocumentClient, tables: TableNames): Promise<LocalLedger> {
  const [livePlans, ended, orders, fills] = await Promise.all([
    new DynamoDbPlanRepository(client, tables).listLive(),
    scanAll(client, tables.plans),
    scanAll(client, tables.orders),
    scanAll(client, tables.fills),
  ]);
  return {
    livePlans,
    endedPlans: ended.map((item) => parseItem(PlanSchema, item, 'plan', [])).sort((a, b) => (a.closedAt ?? a.updatedAt) - (b.closedAt ?? b.updatedAt)),
    orders: orders.map(orderRecordFromItem),
    fills: fills.map(fillFromItem).sort((a, b) => a.timestamp - b.timestamp),
  };
}

async function scanAll(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
