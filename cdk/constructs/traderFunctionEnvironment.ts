import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../lib/domain/botConfig.js';
import { LAMBDA_ENV, TABLE_ENV } from '../../lib/runtime/lambda/env.js';
import { METRICS_SERVICE_NAME, metricsNamespace } from '../../lib/runtime/lambda/metricNames.js';
import { botConfigVariable } from '../botConfigVariable.js';
import type { OwnerSecureString } from './OwnerSecureString.js';

/** What every trader function's environment names: the resources it may be granted, and the bot. */
export interface TraderFunctionResources {
  readonly config: BotConfig;
  readonly tables: Readonly<Record<TableId, ITable>>;
  readonly decisionQueue: IQueue;
  readonly killSwitch: IStringParameter;
  readonly runtimeConfig: IStringParameter;
  /** The exchange API key's SecureString. */
  readonly exchangeCredentials: OwnerSecureString;
  /** Pino's level in every function. @default 'info' */
  readonly logLevel?: string;
}

/**
 * The environment `readLambdaEnv` reads (lib/runtime/lambda/env.ts), the same in every
 * trader function; heartbeat adds the reconciliation state machine's ARN to it.
 */
export function traderFunctionEnvironment(resources: TraderFunctionResources): Record<string, string> {
  const tableVariables = Object.entries(TABLE_ENV).map(([tableId, name]) => [name, resources.tables[tableId as TableId].tableName]);
  return {
    ...(Object.fromEntries(tableVariables) as Record<string, string>),
    [LAMBDA_ENV.DECISION_QUEUE_URL]: resources.decisionQueue.queueUrl,
    [LAMBDA_ENV.KILL_SWITCH_PARAMETER]: resources.killSwitch.parameterName,
    [LAMBDA_ENV.RUNTIME_CONFIG_PARAMETER]: resources.runtimeConfig.parameterName,
    [LAMBDA_ENV.EXCHANGE_CREDENTIALS_PARAMETER]: resources.exchangeCredentials.parameterName,
    [LAMBDA_ENV.BOT_CONFIG]: botConfigVariable(resources.config),
    [LAMBDA_ENV.POWERTOOLS_METRICS_NAMESPACE]: metricsNamespace(resources.config.botId),
    [LAMBDA_ENV.POWERTOOLS_SERVICE_NAME]: METRICS_SERVICE_NAME,
    [LAMBDA_ENV.LOG_LEVEL]: resources.logLevel ?? 'info',
  };
}
