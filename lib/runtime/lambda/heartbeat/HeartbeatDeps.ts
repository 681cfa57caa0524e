import { DynamoDbBotStateStore } from '../../../adapters/dynamodb/DynamoDbBotStateStore.js';
import { DynamoDbCandleStore } from '../../../adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../../adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbTelemetryStore } from '../../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import { SsmKillSwitch } from '../../../adapters/ssm/SsmKillSwitch.js';
import type { BotConfig } from '../../../domain/botConfig.js';
import type { BotState } from '../../../domain/botState.js';
import type { RiskConfig } from '../../../domain/config.js';
import type { Order, OrderIntent } from '../../../domain/order.js';
import type { Clock } from '../../../ports/Clock.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { KillSwitch } from '../../../ports/KillSwitch.js';
import type { LedgerStore } from '../../../ports/LedgerStore.js';
import type { Logger } from '../../../ports/Logger.js';
import type { Metrics } from '../../../ports/Metrics.js';
import type { TelemetryStore } from '../../../ports/TelemetryStore.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import type { SeriesReadDeps } from './seriesHealth.js';
import type { ReconciliationStart } from '../../../ports/ReconciliationStarter.js';
import { startReconciliation } from '../../../adapters/sfn/startReconciliation.js';
import { DynamoDbPlanRepository } from '../../../adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbShadowStore } from '../../../adapters/dynamodb/DynamoDbShadowStore.js';
import type { PlanHistory } from '../../../ports/repositories.js';
import type { ShadowStore } from '../../../ports/ShadowStore.js';

/** The orders table as heartbeat reads it. */
export interface LedgerOrders {
  listUnsettled(symbol: string): Promise<readonly OrderIntent[]>;
  getIntent(clientOrderId: string): Promise<OrderIntent | undefined>;
  getOrder(clientOrderId: string): Promise<Order | undefined>;
}

/** The telemetry writes heartbeat makes. */
export type HeartbeatTelemetry = Pick<TelemetryStore, 'putEquitySnapshot' | 'putHeartbeat' | 'recordAction'>;

export interface HeartbeatDeps {
  readonly config: BotConfig;
  readonly ledger: LedgerStore;
  readonly botState: () => Promise<BotState>;
  readonly orders: LedgerOrders;
  readonly telemetry: HeartbeatTelemetry;
  readonly series: SeriesReadDeps;
  readonly venue: () => Promise<Exchange>;
  /** The cached switch (seconds), for the scheduled run's report. */
  readonly killSwitch: KillSwitch;
  /** Read anew every time: what a change event acts on, and what each FLATTEN exit checks. */
  readonly freshKillSwitch: KillSwitch;
  /** The risk limits in force (runtime configuration over the deployed ones). */
  readonly risk: () => Promise<RiskConfig>;
  readonly reconcile: (name: string, input: Record<string, unknown>, logger: Logger) => Promise<ReconciliationStart>;
  readonly killSwitchParameter: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The calibration monitor's sources: the live book's closed plans, and the shadows' resolved ones. */
  readonly plans: PlanHistory;
  readonly shadows: Pick<ShadowStore, 'resolvedPlans'>;
}

/**
 * Heartbeat's adapters over the runtime's clients: the ledger, orders and telemetry tables,
 * the candle store, the venue, the kill switch twice (cached, and uncached for change events,
 * so a value read seconds before a change is never acted on), and Step Functions.
 */
export function createHeartbeatDeps(runtime: LambdaRuntime): HeartbeatDeps {
  const { config, env, dynamo: client } = runtime;
  const tables = env.tableNames;
  const candles = new DynamoDbCandleStore({ client, tables, retentionDays: config.retentionDays.market });
  const botState = new DynamoDbBotStateStore(client, tables);
  const telemetry = new DynamoDbTelemetryStore({ client, tables, retentionDays: config.retentionDays.telemetry });
  return {
    config,
    ledger: new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: config.retentionDays.telemetry }),
    botState: () => botState.get(),
    orders: new DynamoDbOrderRepository(client, tables),
    telemetry,
    series: {
      latestQuote: (symbol, timeframe) => candles.latestQuote(symbol, timeframe),
      latestDecisionAt: (symbol, timeframe) => telemetry.latestDecisionAt(symbol, timeframe),
    },
    venue: () => runtime.venue(),
    killSwitch: runtime.killSwitch,
    freshKillSwitch: new SsmKillSwitch({ client: runtime.ssm, parameterName: env.killSwitchParameter, clock: runtime.clock, logger: runtime.logger, cacheMs: 0 }),
    risk: async () => (await runtime.runtimeConfigWithoutStrategies.read()).risk,
    reconcile: (name, input, logger) => startReconciliation(runtime.sfn, env.reconcileStateMachineArn, name, input, logger),
    killSwitchParameter: env.killSwitchParameter,
    clock: runtime.clock,
    logger: runtime.logger,
    metrics: runtime.metrics,
    plans: new DynamoDbPlanRepository(client, tables),
    shadows: new DynamoDbShadowStore({ client, tableName: tables.shadow, retentionDays: config.retentionDays.shadow }),
  };
}
