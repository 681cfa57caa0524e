import { DynamoDbBotStateStore } from '../../../adapters/dynamodb/DynamoDbBotStateStore.js';
import { DynamoDbOrderRepository } from '../../../adapters/dynamodb/DynamoDbOrderRepository.js';
import type { OrderLedger } from '../../../ports/repositories.js';
import { DynamoDbPlanRepository } from '../../../adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbReconciliationLedger } from '../../../adapters/dynamodb/DynamoDbReconciliationLedger.js';
import { DynamoDbTelemetryStore } from '../../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import { SsmKillSwitch } from '../../../adapters/ssm/SsmKillSwitch.js';
import type { BotConfig } from '../../../domain/botConfig.js';
import type { BotStateStore } from '../../../ports/BotStateStore.js';
import type { Clock } from '../../../ports/Clock.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { KillSwitch } from '../../../ports/KillSwitch.js';
import type { Logger } from '../../../ports/Logger.js';
import type { Metrics } from '../../../ports/Metrics.js';
import type { ReconciliationLedger } from '../../../ports/ReconciliationLedger.js';
import type { PlanRepository } from '../../../ports/repositories.js';
import type { TelemetryStore } from '../../../ports/TelemetryStore.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';

export interface ReconcileDeps {
  readonly config: BotConfig;
  readonly botState: BotStateStore;
  readonly plans: PlanRepository;
  /** The adapter itself: reconciliation reads its unsettled records, which no port offers yet. */
  readonly orders: OrderLedger;
  readonly ledger: ReconciliationLedger;
  readonly venue: () => Promise<Exchange>;
  /** Read anew before every order a repair sends. */
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Halts and applied repairs become bot actions (read by /actions and `npm run status`, and notified). */
  readonly actions: Pick<TelemetryStore, 'recordAction' | 'recordActionOnce'>;
}

/** The reconciliation steps' adapters over the runtime's clients (each step uses its part). */
export function createReconcileDeps(runtime: LambdaRuntime): ReconcileDeps {
  const { config, env, dynamo: client } = runtime;
  const tables = env.tableNames;
  return {
    config,
    botState: new DynamoDbBotStateStore(client, tables),
    plans: new DynamoDbPlanRepository(client, tables),
    orders: new DynamoDbOrderRepository(client, tables),
    ledger: new DynamoDbReconciliationLedger(client, tables),
    venue: () => runtime.venue(),
    killSwitch: new SsmKillSwitch({ client: runtime.ssm, parameterName: env.killSwitchParameter, clock: runtime.clock, logger: runtime.logger, cacheMs: 0 }),
    clock: runtime.clock,
    logger: runtime.logger,
    metrics: runtime.metrics,
    actions: new DynamoDbTelemetryStore({ client, tables, retentionDays: config.retentionDays.telemetry }),
  };
}
