import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './queryAll.js';
import { PlanVersionConflictError } from '../../domain/errors.js';
import { PlanSchema } from '../../domain/ledgerSchemas.js';
import type { Plan } from '../../domain/plan.js';
import type { PlanHistory, PlanRepository } from '../../ports/repositories.js';
import { failedConditions } from './explainCancellation.js';
import { BOT_PARTITION, LIVE_PLAN_PREFIX, livePlanKey } from './itemKeys.js';
import { planWriteItems } from './ledgerWriteItems.js';
import { parseItem } from './parseItem.js';
import { CLOSED_PLANS_BY_SYMBOL_INDEX, type TableNames } from './tableDefinitions.js';

/**
 * Plans one at a time, for callers outside a decision (reconciliation, tools). Live plans
 * are read consistently from the state table; ended ones from the plans table.
 */
export class DynamoDbPlanRepository implements PlanRepository, PlanHistory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async get(planId: string): Promise<Plan | undefined> {
    const live = await this.client.send(new GetCommand({ TableName: this.tables.state, Key: livePlanKey(planId), ConsistentRead: true }));
    if (live.Item) return parseItem(PlanSchema, live.Item, 'live plan', ['pk', 'sk']);
    const ended = await this.client.send(new GetCommand({ TableName: this.tables.plans, Key: { id: planId }, ConsistentRead: true }));
    return ended.Item ? parseItem(PlanSchema, ended.Item, 'plan', []) : undefined;
  }

  async save(plan: Plan, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: planWriteItems(this.tables, { plan, expectedVersion }) }));
    } catch (error) {
      if (failedConditions(error)) throw new PlanVersionConflictError(plan.id, expectedVersion);
      throw error;
    }
  }

  /** Open plans, every symbol or one: one consistent query of the bot partition. */
  async listLive(symbol?: string): Promise<readonly Plan[]> {
    const items = await queryAll(this.client, {
      TableName: this.tables.state,
      KeyConditionExpression: 'pk = :bot AND begins_with(sk, :plan)',
      ExpressionAttributeValues: { ':bot': BOT_PARTITION, ':plan': LIVE_PLAN_PREFIX, ...(symbol ? { ':symbol': symbol } : {}) },
      ...(symbol ? { FilterExpression: 'symbol = :symbol' } : {}),
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(PlanSchema, item, 'live plan', ['pk', 'sk']));
  }

  /** One query of the plans table's `closedBySymbol` index; cancelled plans are filtered out, though still read. */
  async listClosedSince(symbol: string, since: number): Promise<readonly Plan[]> {
    const items = await queryAll(this.client, {
      TableName: this.tables.plans,
      IndexName: CLOSED_PLANS_BY_SYMBOL_INDEX,
      KeyConditionExpression: 'symbol = :symbol AND updatedAt >= :from',
      FilterExpression: '#status = :closed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':symbol': symbol, ':from': since, ':closed': 'closed' },
    });
    return items.map((item) => parseItem(PlanSchema, item, 'plan', []));
  }
}
