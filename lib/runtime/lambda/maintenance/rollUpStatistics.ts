import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt } from '../../../adapters/dynamodb/itemKeys.js';
import { parseItem } from '../../../adapters/dynamodb/parseItem.js';
import { queryAll } from '../../../adapters/dynamodb/queryAll.js';
import { CLOSED_PLANS_BY_SYMBOL_INDEX, type TableNames } from '../../../adapters/dynamodb/tableDefinitions.js';
import { PlanSchema } from '../../../domain/ledgerSchemas.js';
import type { Plan } from '../../../domain/plan.js';
import { type DailyStats, rollUpDay, utcDayOf } from './rollUpDay.js';

const DAY_MS = 86_400_000;
/** The telemetry partition of the daily roll-ups; sort key `DAY#<YYYY-MM-DD>`. */
export const STATS_PARTITION = 'STATS';
/** Roll-ups are one small item a day: kept at least this long whatever the telemetry retention. */
export const STATS_RETENTION_DAYS = 400;

export interface RollUpDeps {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly symbols: readonly string[];
  readonly now: number;
  readonly telemetryRetentionDays: number;
}

export const statsKey = (day: string) => ({ pk: STATS_PARTITION, sk: `DAY#${day}` });

/**
 * Yesterday's and today's statistics (UTC), written as one telemetry item per day and
 * rewritten every run: a plan closed late (by reconciliation, say) still lands in its day.
 * Reads one query of the plans table's `closedBySymbol` index per symbol (updatedAt from
 * yesterday's start; cancelled plans filtered out, though still read); writes 2 items.
 */
export async function rollUpStatistics(deps: RollUpDeps): Promise<DailyStats[]> {
  const today = Math.floor(deps.now / DAY_MS) * DAY_MS;
  const from = today - DAY_MS;
  const plans = (await Promise.all(deps.symbols.map((symbol) => closedPlans(deps, symbol, from)))).flat();
  const days = [utcDayOf(from), utcDayOf(today)].map((day) => rollUpDay(day, plans));
  for (const stats of days) {
    const dayEnd = Date.parse(`${stats.day}T00:00:00Z`) + DAY_MS;
    await deps.client.send(
      new PutCommand({
        TableName: deps.tables.telemetry,
        Item: {
          ...statsKey(stats.day),
          kind: 'dailyStats',
          ...stats,
          rolledUpAt: deps.now,
          expiresAt: expiresAt(dayEnd, Math.max(deps.telemetryRetentionDays, STATS_RETENTION_DAYS)),
        },
      }),
    );
  }
  return days;
}

async function closedPlans(deps: RollUpDeps, symbol: string, from: number): Promise<Plan[]> {
  const items = await queryAll(deps.client, {
    TableName: deps.tables.plans,
    IndexName: CLOSED_PLANS_BY_SYMBOL_INDEX,
    KeyConditionExpression: 'symbol = :symbol AND updatedAt >= :from',
    FilterExpression: '#status = :closed',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':symbol': symbol, ':from': from, ':closed': 'closed' },
  });
  return items.map((item) => parseItem(PlanSchema, item, 'plan', []));
}
