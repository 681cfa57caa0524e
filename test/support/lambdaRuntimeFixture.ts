import { Writable } from 'node:stream';
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { exchangeCredentialsParameterName, killSwitchParameterName, runtimeConfigParameterName } from '../../cdk/parameterNames.js';
import type { TableNames } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { type BotConfig, type BotConfigInput, BotConfigSchema } from '../../lib/domain/botConfig.js';
import type { DecisionMessage } from '../../lib/domain/decisionMessage.js';
import { decisionDeduplicationId } from '../../lib/domain/decisionMessage.js';
import type { KillSwitchState } from '../../lib/domain/killSwitch.js';
import { LAMBDA_ENV, TABLE_ENV } from '../../lib/runtime/lambda/env.js';
import { LambdaRuntime, type LambdaRuntimeOverrides } from '../../lib/runtime/lambda/LambdaRuntime.js';

export interface EnvironmentOptions {
  /** Set when the reconciliation state machine is deployed. */
  readonly reconcileStateMachineArn?: string;
  /** @default 'info' */
  readonly logLevel?: string;
}

/** The environment the stack gives every function (lib/runtime/lambda/env.ts), for these tables and bot configuration. */
export function lambdaEnvironment(tables: TableNames, config: BotConfigInput, options: EnvironmentOptions = {}): NodeJS.ProcessEnv {
  const { botId } = config;
  return {
    ...Object.fromEntries(Object.entries(TABLE_ENV).map(([id, name]) => [name, tables[id as keyof TableNames]])),
    [LAMBDA_ENV.DECISION_QUEUE_URL]: `https://sqs.us-east-1.amazonaws.com/123456789012/${botId}-decisions.fifo`,
    [LAMBDA_ENV.KILL_SWITCH_PARAMETER]: killSwitchParameterName(botId),
    [LAMBDA_ENV.RUNTIME_CONFIG_PARAMETER]: runtimeConfigParameterName(botId),
    [LAMBDA_ENV.EXCHANGE_CREDENTIALS_PARAMETER]: exchangeCredentialsParameterName(botId),
    [LAMBDA_ENV.BOT_CONFIG]: JSON.stringify(config),
    ...(options.reconcileStateMachineArn !== undefined ? { [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: options.reconcileStateMachineArn } : {}),
    [LAMBDA_ENV.POWERTOOLS_METRICS_NAMESPACE]: `ServerlessTrader/${botId}`,
    [LAMBDA_ENV.POWERTOOLS_SERVICE_NAME]: 'trader',
    [LAMBDA_ENV.LOG_LEVEL]: options.logLevel ?? 'info',
  };
}

/** EventBridge Scheduler's default payload for a schedule without input, as a scheduled function receives it. */
export function scheduledEvent(id: string, time: number, schedule: string): ScheduledEvent {
  return {
    version: '0',
    id,
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '123456789012',
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:scheduler:us-east-1:123456789012:schedule/default/${schedule}`],
    detail: '{}',
  };
}

export interface FunctionHarness {
  readonly runtime: LambdaRuntime;
  readonly config: BotConfig;
  /** Every JSON log line the runtime wrote. */
  readonly logLines: Record<string, unknown>[];
  /** Sets what the kill-switch parameter holds; the runtime's 5 s cache is bypassed by a fresh read. */
  setKillSwitch(state: KillSwitchState): void;
  /** Sets the text the runtime-config parameter holds (any text, so a test can store a bad one); read after the runtime's 5 s cache. */
  setRuntimeConfig(value: string): void;
  /** Sets (or, undefined, deletes) any other parameter, e.g. the notification SecureString. */
  setParameter(name: string, value: string | undefined): void;
  /** What the kill-switch parameter holds now (PutParameter changes it, as the webhook's commands do). */
  killSwitchState(): string;
}

/**
 * A LambdaRuntime as a function gets it in AWS, on DynamoDB Local, with SSM answering from
 * memory (the kill switch and the deployed runtime configuration) and its log lines kept.
 */
export function functionHarness(dynamo: DynamoDBDocumentClient, tables: TableNames, configInput: BotConfigInput, overrides: LambdaRuntimeOverrides = {}, environment: EnvironmentOptions = {}): FunctionHarness {
  const config = BotConfigSchema.parse(configInput);
  let killSwitch: KillSwitchState = 'RUN';
  let runtimeConfig = JSON.stringify({ risk: config.risk, strategy: config.strategy });
  const ssm = mockClient(SSMClient);
  const others = new Map<string, string>();
  let killSwitchVersion = 1;
  // One answer for every name: a generic matcher added after name-specific ones would shadow them.
  ssm.on(GetParameterCommand).callsFake((input: { Name?: string }) => {
    if (input.Name === killSwitchParameterName(config.botId)) return { Parameter: { Value: killSwitch } };
    if (input.Name === runtimeConfigParameterName(config.botId)) return { Parameter: { Value: runtimeConfig } };
    const value = others.get(input.Name ?? '');
    if (value === undefined) throw new ParameterNotFound({ message: '', $metadata: {} });
    return { Parameter: { Value: value } };
  });
  ssm.on(PutParameterCommand, { Name: killSwitchParameterName(config.botId) }).callsFake((input: { Value?: string }) => {
    killSwitch = input.Value as KillSwitchState;
    return { Version: ++killSwitchVersion };
  });
  const logLines: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const runtime = new LambdaRuntime(lambdaEnvironment(tables, config, environment), { dynamo, ssm: new SSMClient({ region: 'us-east-1' }), logDestination, ...overrides });
  return {
    runtime,
    config,
    logLines,
    setKillSwitch(state) {
      killSwitch = state;
    },
    setRuntimeConfig(value) {
      runtimeConfig = value;
    },
    setParameter(name, value) {
      if (value === undefined) others.delete(name);
      else others.set(name, value);
    },
    killSwitchState: () => killSwitch,
  };
}

let sequence = 0;

/** A record as Lambda's SQS FIFO event source delivers it. */
export function fifoRecord(message: DecisionMessage, receiveCount = 1): SQSRecord {
  sequence += 1;
  const dedup = decisionDeduplicationId(message);
  return {
    messageId: `msg-${dedup}-${receiveCount}`,
    receiptHandle: `receipt-${sequence}`,
    body: JSON.stringify(message),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(message.candle.openTime),
      SenderId: 'AROAEXAMPLE:capture',
      ApproximateFirstReceiveTimestamp: String(message.candle.openTime),
      SequenceNumber: String(sequence).padStart(20, '1'),
      MessageGroupId: message.symbol,
      MessageDeduplicationId: dedup,
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:itbot-decisions.fifo',
    awsRegion: 'us-east-1',
  };
}
