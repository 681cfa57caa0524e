import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { BotActionRecord } from '../../domain/botView.js';
import type { BotState } from '../../domain/botState.js';
import type { Timeframe } from '../../domain/candle.js';
import type { DailyStats } from '../../domain/dailyStats.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import type { EquitySnapshot } from '../../domain/equitySnapshot.js';
import type { Plan } from '../../domain/plan.js';
import type { BotReadModel } from '../../ports/BotReadModel.js';
import { DynamoDbBotStateStore } from './DynamoDbBotStateStore.js';
import { DynamoDbCandleStore } from './DynamoDbCandleStore.js';
import { DynamoDbPlanRepository } from './DynamoDbPlanRepository.js';
import { DynamoDbTelemetryStore } from './DynamoDbTelemetryStore.js';
import { ACTION_PARTITION, STATS_PARTITION } from './itemKeys.js';
import { parseItem } from './parseItem.js';
import { queryAll } from './queryAll.js';
import type { TableNames } from './tableDefinitions.js';

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal string');
const TallySchema = z.object({ trades: z.number().int(), wins: z.number().int(), losses: z.number().int(), realizedPnl: decimalString, fees: decimalString });
const DailyStatsSchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), trades: z.number().int(), wins: z.number().int(), losses: z.number().int(), bySymbol: z.record(z.string(), TallySchema), byQuote: z.record(z.string(), TallySchema) });

const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'kind', 'expiresAt', 'time', 'action']);

export interface DynamoDbBotReadModelOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly series: readonly { readonly symbol: string; readonly timeframe: Timeframe }[];
}

/** The views' reads over the bot's tables, through the adapters that write them; all reads, eventually consistent where that is enough. */
export class DynamoDbBotReadModel implements BotReadModel {
  private readonly state: DynamoDbBotStateStore;
  private readonly plans: DynamoDbPlanRepository;
  private readonly candles: DynamoDbCandleStore;
  private readonly telemetry: DynamoDbTelemetryStore;

  constructor(private readonly options: DynamoDbBotReadModelOptions) {
    const { client, tables } = options;
    this.state = new DynamoDbBotStateStore(client, tables);
    this.plans = new DynamoDbPlanRepository(client, tables);
    // Retention is only used by writes, which this model never makes.
    this.candles = new DynamoDbCandleStore({ client, tables, retentionDays: 1 });
    this.telemetry = new DynamoDbTelemetryStore({ client, tables, retentionDays: 1 });
  }

  botState(): Promise<BotState> {
    return this.state.get();
  }

  livePlans(): Promise<readonly Plan[]> {
    return this.plans.listLive();
  }

  async latestPrices(): Promise<ReadonlyMap<string, string>> {
    const quotes = await Promise.all(this.options.series.map(async ({ symbol, timeframe }) => ({ symbol, quote: await this.candles.latestQuote(symbol, timeframe) })));
    const newest = new Map<string, { price: string; at: number }>();
    for (const { symbol, quote } of quotes) {
      if (quote === undefined) continue;
      const at = quote.capturedAt ?? quote.openTime;
      const known = newest.get(symbol);
      if (known === undefined || at > known.at) newest.set(symbol, { price: quote.quote?.last ?? toDecimalString(dec(quote.close)), at });
    }
    return new Map([...newest].map(([symbol, { price }]) => [symbol, price]));
  }

  latestEquity(): Promise<EquitySnapshot | undefined> {
    return this.telemetry.latestEquitySnapshot();
  }

  async dailyStats(): Promise<readonly DailyStats[]> {
    const items = await queryAll(this.options.client, { TableName: this.options.tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': STATS_PARTITION } });
    return items.map((item) => parseItem(DailyStatsSchema, item, 'daily statistics', ['pk', 'sk', 'kind', 'expiresAt', 'rolledUpAt']));
  }

  async closedPlansSince(since: number): Promise<readonly Plan[]> {
    const symbols = [...new Set(this.options.series.map((s) => s.symbol))];
    return (await Promise.all(symbols.map((symbol) => this.plans.listClosedSince(symbol, since)))).flat();
  }

  async recentActions(limit: number): Promise<readonly BotActionRecord[]> {
    const page = await this.options.client.send(
      new QueryCommand({ TableName: this.options.tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ACTION_PARTITION }, ScanIndexForward: false, Limit: limit }),
    );
    return (page.Items ?? []).map((item) => {
      const details = Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
      return { time: typeof item['time'] === 'number' ? item['time'] : 0, action: typeof item['action'] === 'string' ? item['action'] : '?', details };
    });
  }
}
