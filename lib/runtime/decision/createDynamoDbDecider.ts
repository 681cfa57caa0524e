import type { DynamoDbClient } from '../../adapters/dynamodb/createDynamoDbClient.js';
import { DynamoDbCandleStore } from '../../adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbTelemetryStore } from '../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { Timeframe } from '../../domain/candle.js';
import type { TradingConfig } from '../../domain/config.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { DecisionCycle } from '../../services/decision/DecisionCycle.js';
import type { ShadowDecisions } from '../../services/decision/ShadowFleet.js';
import { SeriesWindows } from './SeriesWindows.js';
import { StoredTimeframeCandles } from './StoredTimeframeCandles.js';

export interface DynamoDbDeciderOptions {
  readonly client: DynamoDbClient;
  readonly tables: TableNames;
  readonly exchange: Exchange;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly config: TradingConfig;
  readonly strategy: Strategy;
  readonly windowSize: number;
  readonly retentionDays: { readonly telemetry: number; readonly market: number };
  readonly logger: Logger;
  /** The bot's series: a snapshot carries the candles of each timeframe of the decided symbol. */
  readonly symbols?: readonly { readonly symbol: string; readonly timeframe: Timeframe }[];
  /** Shadow strategies deciding each candle after the live decision (createStoredShadowFleet). */
  readonly shadows?: ShadowDecisions;
}

/** A DecisionCycle whose ledger, candle history and decision records live in the bot's DynamoDB tables. */
export function createDynamoDbDecider(options: DynamoDbDeciderOptions): DecisionCycle {
  const { client, tables, retentionDays } = options;
  const candles = new DynamoDbCandleStore({ client, tables, retentionDays: retentionDays.market });
  const telemetry = new DynamoDbTelemetryStore({ client, tables, retentionDays: retentionDays.telemetry });
  return new DecisionCycle({
    ...options,
    ledger: new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: retentionDays.telemetry }),
    windows: new SeriesWindows(Math.max(options.windowSize, options.strategy.warmupCandles), (symbol, timeframe, from, to) => candles.window(symbol, timeframe, from, to)),
    recordSkipped: (record) => telemetry.recordDecision(record),
    ...(options.symbols ? { timeframeCandles: new StoredTimeframeCandles(options.symbols, (symbol, timeframe, from, to) => candles.window(symbol, timeframe, from, to)) } : {}),
  });
}
