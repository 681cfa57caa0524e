import * as z from 'zod';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import { type BotConfig, BotConfigSchema } from '../../domain/botConfig.js';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';

/**
 * The environment variables the stack sets on every function: the one contract between
 * cdk/ and functions/. The stack writes them from these names; `readLambdaEnv` reads them.
 */
export const LAMBDA_ENV = {
  TABLE_STATE: 'TABLE_STATE',
  TABLE_PLANS: 'TABLE_PLANS',
  TABLE_ORDERS: 'TABLE_ORDERS',
  TABLE_FILLS: 'TABLE_FILLS',
  TABLE_TELEMETRY: 'TABLE_TELEMETRY',
  TABLE_MARKET: 'TABLE_MARKET',
  TABLE_SHADOW: 'TABLE_SHADOW',
  DECISION_QUEUE_URL: 'DECISION_QUEUE_URL',
  KILL_SWITCH_PARAMETER: 'KILL_SWITCH_PARAMETER',
  RUNTIME_CONFIG_PARAMETER: 'RUNTIME_CONFIG_PARAMETER',
  /** The SSM SecureString holding the exchange API key (readExchangeCredentials). */
  EXCHANGE_CREDENTIALS_PARAMETER: 'EXCHANGE_CREDENTIALS_PARAMETER',
  /** The validated bot configuration as JSON (BotConfigSchema). */
  BOT_CONFIG: 'BOT_CONFIG',
  /** The reconciliation state machine; the stack sets it on heartbeat, the one function that starts it. */
  RECONCILE_STATE_MACHINE_ARN: 'RECONCILE_STATE_MACHINE_ARN',
  POWERTOOLS_METRICS_NAMESPACE: 'POWERTOOLS_METRICS_NAMESPACE',
  POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
  LOG_LEVEL: 'LOG_LEVEL',
  /** The retrain job's checkpoint bucket; the stack sets it on decide and retrain when `-c retrain=…` deploys them. */
  CHECKPOINT_BUCKET: 'CHECKPOINT_BUCKET',
} as const;
export type LambdaEnvName = keyof typeof LAMBDA_ENV;

/** Table names by table id, as the stack sets them. */
export const TABLE_ENV = {
  state: LAMBDA_ENV.TABLE_STATE,
  plans: LAMBDA_ENV.TABLE_PLANS,
  orders: LAMBDA_ENV.TABLE_ORDERS,
  fills: LAMBDA_ENV.TABLE_FILLS,
  telemetry: LAMBDA_ENV.TABLE_TELEMETRY,
  market: LAMBDA_ENV.TABLE_MARKET,
  shadow: LAMBDA_ENV.TABLE_SHADOW,
} as const satisfies Record<keyof TableNames, LambdaEnvName>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LambdaEnv {
  readonly tableNames: TableNames;
  readonly decisionQueueUrl: string;
  readonly killSwitchParameter: string;
  readonly runtimeConfigParameter: string;
  readonly exchangeCredentialsParameter: string;
  readonly botConfig: BotConfig;
  readonly reconcileStateMachineArn?: string;
  readonly metricsNamespace: string;
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  readonly checkpointBucket?: string;
}

const required = z.string({ error: 'is not set' }).min(1, 'is empty');
const PlainVariablesSchema = z.object({
  ...Object.fromEntries(Object.values(TABLE_ENV).map((name) => [name, required])),
  DECISION_QUEUE_URL: z.url({ error: 'must be a queue URL' }),
  KILL_SWITCH_PARAMETER: required,
  RUNTIME_CONFIG_PARAMETER: required,
  EXCHANGE_CREDENTIALS_PARAMETER: required.startsWith('/', 'must be a parameter name starting with /'),
  BOT_CONFIG: required,
  RECONCILE_STATE_MACHINE_ARN: required.startsWith('arn:', 'must be an ARN').optional(),
  POWERTOOLS_METRICS_NAMESPACE: required,
  POWERTOOLS_SERVICE_NAME: required,
  LOG_LEVEL: z.enum(LOG_LEVELS),
  CHECKPOINT_BUCKET: required.optional(),
});

/**
 * Reads and checks the function's environment; a missing or invalid variable throws an
 * `InvalidInputError` naming it (`environment: TABLE_STATE: is not set`).
 */
export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const vars = parseWith(PlainVariablesSchema, env, 'environment') as Record<string, string | undefined>;
  const value = (name: LambdaEnvName): string => vars[name] ?? '';
  const optional = vars[LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN];
  return {
    tableNames: Object.fromEntries(Object.entries(TABLE_ENV).map(([id, name]) => [id, value(name)])) as unknown as TableNames,
    decisionQueueUrl: value('DECISION_QUEUE_URL'),
    killSwitchParameter: value('KILL_SWITCH_PARAMETER'),
    runtimeConfigParameter: value('RUNTIME_CONFIG_PARAMETER'),
    exchangeCredentialsParameter: value('EXCHANGE_CREDENTIALS_PARAMETER'),
    botConfig: parseWith(BotConfigSchema, parseJson(value('BOT_CONFIG')), `environment: ${LAMBDA_ENV.BOT_CONFIG}`),
    ...(optional !== undefined ? { reconcileStateMachineArn: optional } : {}),
    metricsNamespace: value('POWERTOOLS_METRICS_NAMESPACE'),
    serviceName: value('POWERTOOLS_SERVICE_NAME'),
    logLevel: value('LOG_LEVEL') as LogLevel,
    ...(vars[LAMBDA_ENV.CHECKPOINT_BUCKET] !== undefined ? { checkpointBucket: vars[LAMBDA_ENV.CHECKPOINT_BUCKET] } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(`environment: ${LAMBDA_ENV.BOT_CONFIG}`, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
