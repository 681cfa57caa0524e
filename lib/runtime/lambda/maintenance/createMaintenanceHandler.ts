import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { DynamoDbLedgerStore } from '../../../adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbPlanRepository } from '../../../adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbRetentionPruner } from '../../../adapters/dynamodb/DynamoDbRetentionPruner.js';
import { DynamoDbShadowStore } from '../../../adapters/dynamodb/DynamoDbShadowStore.js';
import { DynamoDbTelemetryStore } from '../../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import { correlationId } from '../capture/correlationId.js';
import { countFailedInvocations } from '../countFailedInvocations.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { type MaintenanceDeps, type MaintenanceSummary, runMaintenance } from './runMaintenance.js';

export type MaintenanceHandler = MiddyfiedHandler<unknown, MaintenanceSummary>;

/**
 * The maintenance function, on its schedule (hourly by default). It reads nothing from its
 * event but an id for the log lines: every part is idempotent, so any invocation may run
 * it. A failed part makes the invocation fail once all parts have been tried.
 */
export function createMaintenanceHandler(runtime: LambdaRuntime): MaintenanceHandler {
  const { config, dynamo: client, env } = runtime;
  const tables = env.tableNames;
  const deps: MaintenanceDeps = {
    config,
    ledger: new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: config.retentionDays.telemetry }),
    orders: new DynamoDbOrderRepository(client, tables),
    plans: new DynamoDbPlanRepository(client, tables),
    telemetry: new DynamoDbTelemetryStore({ client, tables, retentionDays: config.retentionDays.telemetry }),
    venue: () => runtime.venue(),
    pruner: new DynamoDbRetentionPruner({ client, tables }),
    shadows: new DynamoDbShadowStore({ client, tableName: tables.shadow, retentionDays: config.retentionDays.shadow }),
    clock: runtime.clock,
  };
  const maintain = (event: unknown, context: Context): Promise<MaintenanceSummary> =>
    runMaintenance(deps, runtime.logger.child({ correlationId: correlationId(event, context.awsRequestId) }));
  return middy<unknown, MaintenanceSummary>()
    .use(logMetrics(runtime.powertoolsMetrics))
    .use(countFailedInvocations(runtime.metrics, runtime.logger, { functionName: 'maintenance' }))
    .use(runtime.pendingWrites.middleware())
    .handler(maintain);
}
