import { exchangeCredentialsParameterName, killSwitchParameterName, reconcileStateMachineName, runtimeConfigParameterName } from '../../../cdk/parameterNames.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { LAMBDA_ENV, TABLE_ENV } from '../../runtime/lambda/env.js';

/** The account and region the local runtime's placeholder ARNs and URLs name. */
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_REGION = 'local';

export const localDecisionQueueUrl = (botId: string): string => `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${botId}-decisions.fifo`;
export const localDecisionQueueArn = (botId: string): string => `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${botId}-decisions.fifo`;
export const localReconcileStateMachineArn = (botId: string): string =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${reconcileStateMachineName(botId)}`;

/**
 * The environment the stack gives every function (lib/runtime/lambda/env.ts), for the local
 * runtime: the same variables, naming local tables, the in-process queue and the local
 * state machine.
 * The simulator's keys are in the local parameter store under the exchange credentials
 * parameter, read as in Lambda.
 */
export function localLambdaEnvironment(tables: TableNames, config: BotConfig, logLevel: string): NodeJS.ProcessEnv {
  const { botId } = config;
  return {
    ...Object.fromEntries(Object.entries(TABLE_ENV).map(([id, name]) => [name, tables[id as keyof TableNames]])),
    [LAMBDA_ENV.DECISION_QUEUE_URL]: localDecisionQueueUrl(botId),
    [LAMBDA_ENV.KILL_SWITCH_PARAMETER]: killSwitchParameterName(botId),
    [LAMBDA_ENV.RUNTIME_CONFIG_PARAMETER]: runtimeConfigParameterName(botId),
    [LAMBDA_ENV.EXCHANGE_CREDENTIALS_PARAMETER]: exchangeCredentialsParameterName(botId),
    [LAMBDA_ENV.BOT_CONFIG]: JSON.stringify(config),
    [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: localReconcileStateMachineArn(botId),
    [LAMBDA_ENV.POWERTOOLS_METRICS_NAMESPACE]: `ServerlessTrader/${botId}`,
    [LAMBDA_ENV.POWERTOOLS_SERVICE_NAME]: 'trader',
    [LAMBDA_ENV.LOG_LEVEL]: logLevel,
  };
}
