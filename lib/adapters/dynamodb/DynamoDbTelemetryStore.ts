import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Timeframe } from '../../domain/candle.js';
import type { DailyStats } from '../../domain/dailyStats.js';
import type { DecisionRecord } from '../../domain/decisionRecord.js';
import { type EquitySnapshot, EquitySnapshotSchema } from '../../domain/equitySnapshot.js';
import { DecisionAlreadyRecordedError } from '../../domain/errors.js';
import type { TelemetryStore } from '../../ports/TelemetryStore.js';
import { ACTION_ONCE_PARTITION, ACTION_PARTITION, EQUITY_PARTITION, HEARTBEAT_PARTITION, decisionKey, expiresAt, sortableTime, statsKey } from './itemKeys.js';
import { failedConditions } from './explainCancellation.js';
import { decisionPutItem } from './ledgerWriteItems.js';
import { parseItem } from './parseItem.js';
import type { TableNames } from './tableDefinitions.js';

export interface DynamoDbTelemetryStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly retentionDays: number;
}

const TELEMETRY_ATTRIBUTES = ['pk', 'sk', 'kind', 'expiresAt'] as const;
const DAY_MS = 86_400_000;
/** Roll-ups are one small item a day: kept at least this long whatever the telemetry retention. */
export const STATS_RETENTION_DAYS = 400;

/**
 * Decision records, equity snapshots, heartbeats and bot actions, which expire after the
 * retention; and the daily statistics, kept at least STATS_RETENTION_DAYS.
 */
export class DynamoDbTelemetryStore implements TelemetryStore {
  constructor(private readonly options: DynamoDbTelemetryStoreOptions) {}

  /** For a decision that changed nothing else (a skip); one record per candle, the first kept. */
  async recordDecision(decision: DecisionRecord): Promise<void> {
    const { Put } = decisionPutItem(this.options.tables, decision, this.options.retentionDays);
    if (!Put) throw new Error('decisionPutItem must build a Put');
    try {
      await this.options.client.send(new PutCommand(Put));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DecisionAlreadyRecordedError(decision.symbol, decision.timeframe, decision.candleOpenTime);
      throw error;
    }
  }

  async getDecision(symbol: string, timeframe: string, candleOpenTime: number): Promise<Record<string, unknown> | undefined> {
    const result = await this.options.client.send(new GetCommand({ TableName: this.options.tables.telemetry, Key: decisionKey(symbol, timeframe, candleOpenTime) }));
    return result.Item;
  }

  /** One query of the series' decision partition, newest first, Limit 1, eventually consistent. */
  async latestDecisionAt(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.telemetry,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': decisionKey(symbol, timeframe, 0).pk },
        ProjectionExpression: 'decidedAt',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const decidedAt: unknown = page.Items?.[0]?.decidedAt;
    return typeof decidedAt === 'number' ? decidedAt : undefined;
  }

  async putEquitySnapshot(snapshot: EquitySnapshot): Promise<void> {
    await this.put(EQUITY_PARTITION, sortableTime(snapshot.time), 'equity', snapshot.time, { ...snapshot });
  }

  async latestEquitySnapshot(): Promise<EquitySnapshot | undefined> {
    const item = await this.latest(EQUITY_PARTITION);
    return item ? parseItem(EquitySnapshotSchema, item, 'equity snapshot', TELEMETRY_ATTRIBUTES) : undefined;
  }

  async putHeartbeat(time: number, health: Record<string, unknown>): Promise<void> {
    await this.put(HEARTBEAT_PARTITION, sortableTime(time), 'heartbeat', time, { time, ...health });
  }

  async latestHeartbeat(): Promise<Record<string, unknown> | undefined> {
    return this.latest(HEARTBEAT_PARTITION);
  }

  /** Something the bot did outside a decision (halted, reconciled, flattened), with why. */
  async recordAction(time: number, action: string, details: Record<string, unknown>): Promise<void> {
    await this.put(ACTION_PARTITION, `${sortableTime(time)}#${action}`, 'action', time, { time, action, ...details });
  }

  /**
   * The action and a claim on `onceKey` (`ACTION_ONCE` / key, kind `actionClaim`, which the
   * notifier's stream filter passes over) in one transaction, the claim conditional on its
   * absence: a second write with the key records nothing, and the first is never half done.
   */
  async recordActionOnce(time: number, action: string, onceKey: string, details: Record<string, unknown>): Promise<boolean> {
    const { client, tables, retentionDays } = this.options;
    const expires = expiresAt(time, retentionDays);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.telemetry, Item: { pk: ACTION_ONCE_PARTITION, sk: onceKey, kind: 'actionClaim', action, time, expiresAt: expires }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tables.telemetry, Item: { time, action, ...details, pk: ACTION_PARTITION, sk: `${sortableTime(time)}#${action}#${onceKey}`, kind: 'action', expiresAt: expires } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.includes(0)) return false;
      throw error;
    }
  }

  /** Expires STATS_RETENTION_DAYS (or the telemetry retention, if longer) after the day ends. */
  async putDailyStats(stats: DailyStats, now: number): Promise<void> {
    const dayEnd = Date.parse(`${stats.day}T00:00:00Z`) + DAY_MS;
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tables.telemetry,
        Item: {
          ...statsKey(stats.day),
          kind: 'dailyStats',
          ...stats,
          rolledUpAt: now,
          expiresAt: expiresAt(dayEnd, Math.max(this.options.retentionDays, STATS_RETENTION_DAYS)),
        },
      }),
    );
  }

  private async put(pk: string, sk: string, kind: string, time: number, body: Record<string, unknown>): Promise<void> {
    const item = { ...body, pk, sk, kind, expiresAt: expiresAt(time, this.options.retentionDays) };
    await this.options.client.send(new PutCommand({ TableName: this.options.tables.telemetry, Item: item }));
  }

  private async latest(pk: string): Promise<Record<string, unknown> | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.telemetry,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return page.Items?.[0];
  }
}
