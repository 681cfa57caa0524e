import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { type BotConfig, type BotConfigInput, BotConfigSchema } from '../../../lib/domain/botConfig.js';
import type { KillSwitchState } from '../../../lib/domain/killSwitch.js';
import { LambdaRuntime, type LambdaRuntimeOverrides } from '../../../lib/runtime/lambda/LambdaRuntime.js';
import { scheduledEvent as fixtureScheduledEvent, lambdaEnvironment } from '../../support/lambdaRuntimeFixture.js';

// Powertools would print every flushed metric blob on stdout; the tests read the Metrics port instead.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export const BOT_ID = 'hb';
export const KILL_SWITCH_PARAMETER = `/${BOT_ID}/kill-switch`;
export const RUNTIME_CONFIG_PARAMETER = `/${BOT_ID}/runtime-config`;
export const RECONCILE_ARN = `arn:aws:states:eu-west-1:123456789012:stateMachine:${BOT_ID}-reconcile`;

/** SSM and Step Functions as the functions reach them, mocked for every client of the process. */
export const ssmMock = mockClient(SSMClient);
export const sfnMock = mockClient(SFNClient);

/** The kill switch holds `state`; the runtime configuration parameter does not exist (the deployed config applies). */
export function holdKillSwitch(state: KillSwitchState): void {
  ssmMock.on(GetParameterCommand, { Name: KILL_SWITCH_PARAMETER }).resolves({ Parameter: { Name: KILL_SWITCH_PARAMETER, Type: 'String', Value: state, Version: 1 } });
  ssmMock.on(GetParameterCommand, { Name: RUNTIME_CONFIG_PARAMETER }).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
}

/** A live-mode bot trading the simulator's LTC/BTC on 5-minute candles. */
export function liveBotConfig(overrides: Partial<BotConfigInput> = {}): BotConfig {
  return BotConfigSchema.parse({ botId: BOT_ID, exchange: { id: 'binance' }, mode: 'live', symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }], ...overrides });
}

/** The environment the stack sets, for these tables and this config. */
export function lambdaEnv(tables: TableNames, config: BotConfig, reconcile = true): NodeJS.ProcessEnv {
  return lambdaEnvironment(tables, config, { logLevel: 'silent', ...(reconcile ? { reconcileStateMachineArn: RECONCILE_ARN } : {}) });
}

/** A runtime on DynamoDB Local and mocked SSM / Step Functions clients; the caller adds the venue and clock. */
export function aRuntime(tables: TableNames, config: BotConfig, overrides: LambdaRuntimeOverrides, reconcile = true): LambdaRuntime {
  return new LambdaRuntime(lambdaEnv(tables, config, reconcile), {
    ssm: new SSMClient({ region: 'eu-west-1' }),
    sfn: new SFNClient({ region: 'eu-west-1' }),
    ...overrides,
  });
}

export const lambdaContext = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** EventBridge Scheduler's default notification, as a scheduled run receives it. */
export function scheduledEvent(id: string, time: number): ScheduledEvent {
  return fixtureScheduledEvent(id, time, `${BOT_ID}-heartbeat`);
}

/** The event KillSwitchTrigger's rule sends when the parameter is updated. */
export function killSwitchEvent(id: string, time: number): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': 'Parameter Store Change',
    source: 'aws.ssm',
    account: '123456789012',
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-west-1',
    resources: [`arn:aws:ssm:eu-west-1:123456789012:parameter${KILL_SWITCH_PARAMETER}`],
    detail: { operation: 'Update', name: KILL_SWITCH_PARAMETER, type: 'String', description: '' },
  };
}
