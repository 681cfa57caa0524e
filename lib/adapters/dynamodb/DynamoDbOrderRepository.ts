import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll.js';
import { DuplicateClientOrderIdError } from '../../domain/errors.js';
import { OrderIntentSchema, OrderSchema, PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { OrderLedger, OrderRecord } from '../../ports/repositories.js';
import { intentPutItem } from './intentPutItem.js';
import { orderUpdateItem } from './ledgerWriteItems.js';
import { parseItem } from './parseItem.js';
import { type TableNames, UNSETTLED_ORDERS_INDEX } from './tableDefinitions.js';

const STORAGE_ATTRIBUTES = ['unsettledSymbol', 'exchangeOrder', 'plan'] as const;

export type { OrderRecord };

/** Intents and the venue's view of each order, one item per client order id. */
export class DynamoDbOrderRepository implements OrderLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  /** Never overwrites: the same client order id twice is DuplicateClientOrderIdError. */
  async insertIntent(intent: OrderIntent, plan?: Plan): Promise<void> {
    const { Put } = intentPutItem(this.tables, intent, plan);
    if (!Put) throw new Error('intentPutItem must build a Put');
    try {
      await this.client.send(new PutCommand(Put));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DuplicateClientOrderIdError(intent.clientOrderId);
      throw error;
    }
  }

  async getIntent(clientOrderId: string): Promise<OrderIntent | undefined> {
    const item = await this.item(clientOrderId);
    return item ? parseItem(OrderIntentSchema, item, 'order intent', STORAGE_ATTRIBUTES) : undefined;
  }

  /** Only for an order whose intent is recorded: an order we never meant is not ours to record. */
  async recordOrder(order: Order): Promise<void> {
    const { Update } = orderUpdateItem(this.tables, order);
    if (!Update) throw new Error('orderUpdateItem must build an Update');
    try {
      await this.client.send(new UpdateCommand(Update));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error(`order ${order.clientOrderId} has no recorded intent`, { cause: error });
      throw error;
    }
  }

  async getOrder(clientOrderId: string): Promise<Order | undefined> {
    const item = await this.item(clientOrderId);
    const order: unknown = item?.exchangeOrder;
    return order && typeof order === 'object' ? parseItem(OrderSchema, order as Record<string, unknown>, 'order', []) : undefined;
  }

  /** Intents with no final answer from the venue yet, oldest first (the index is eventually consistent). */
  async listUnsettled(symbol: string): Promise<readonly OrderIntent[]> {
    const items = await queryAll(this.client, {
      TableName: this.tables.orders,
      IndexName: UNSETTLED_ORDERS_INDEX,
      KeyConditionExpression: 'unsettledSymbol = :symbol',
      ExpressionAttributeValues: { ':symbol': symbol },
    });
    return items.map((item) => parseItem(OrderIntentSchema, item, 'order intent', STORAGE_ATTRIBUTES));
  }

  /** The whole record of a client order id, read consistently. */
  async getRecord(clientOrderId: string): Promise<OrderRecord | undefined> {
    const item = await this.item(clientOrderId);
    return item ? orderRecordFromItem(item) : undefined;
  }

  /** `listUnsettled` with each intent's whole record, each read again consistently: the index may list one already settled. */
  async listUnsettledRecords(symbol: string): Promise<readonly OrderRecord[]> {
    const listed = await this.listUnsettled(symbol);
    const records = await Promise.all(listed.map(async (intent) => (await this.item(intent.clientOrderId)) ?? {}));
    return records.filter((item) => item.unsettledSymbol !== undefined).map(orderRecordFromItem);
  }

  private async item(clientOrderId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.orders, Key: { clientOrderId }, ConsistentRead: true }));
    return result.Item;
  }
}

/** One orders-table item as its intent, the venue's order and the plan sent with it. */
export function orderRecordFromItem(item: Record<string, unknown>): OrderRecord {
  const intent = parseItem(OrderIntentSchema, item, 'order intent', STORAGE_ATTRIBUTES);
  const { exchangeOrder, plan } = item;
  return {
    intent,
    ...(exchangeOrder && typeof exchangeOrder === 'object' ? { order: parseItem(OrderSchema, exchangeOrder as Record<string, unknown>, 'order', []) } : {}),
    ...(plan && typeof plan === 'object' ? { plan: parseItem(PlanSchema, plan as Record<string, unknown>, 'plan sent with an intent', []) } : {}),
  };
}
