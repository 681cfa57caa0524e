import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { TABLE_DEFINITIONS, type TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { PAPER_VENUE_KEY } from '../../lib/adapters/paper/DynamoDbPaperVenue.js';
import type { BotConfig } from '../../lib/domain/botConfig.js';
import { LAMBDA_ENV, TABLE_ENV } from '../../lib/runtime/lambda/env.js';
import { botConfigVariable } from '../botConfigVariable.js';
import { METRICS_SERVICE_NAME, metricsNamespace } from '../../lib/runtime/lambda/metricNames.js';
import { type TableAccess, grantTableAccess } from './grantTableAccess.js';
import { TraderFunction } from './TraderFunction.js';

export type FunctionName = 'capture' | 'decide' | 'heartbeat' | 'maintenance';

export interface TraderFunctionsProps {
  readonly config: BotConfig;
  /** The handler file of each function, e.g. `functions/capture.ts`. */
  readonly entries: Readonly<Record<FunctionName, string>>;
  readonly tables: Readonly<Record<TableId, ITable>>;
  readonly decisionQueue: IQueue;
  readonly killSwitch: IStringParameter;
  readonly runtimeConfig: IStringParameter;
  readonly exchangeSecret: ISecret;
  /** When given, heartbeat may start it (on drift or when the kill switch returns to RUN). @default none */
  readonly reconcileStateMachineArn?: string;
  /** Pino's level in every function. @default 'info' */
  readonly logLevel?: string;
}

const FUNCTION_SETTINGS: Readonly<Record<FunctionName, { memorySize: number; description: string }>> = {
  capture: { memorySize: 512, description: 'Captures closed candles and queues one decision message per candle' },
  decide: { memorySize: 512, description: 'Decides each closed candle: monitor plans, strategy, risk, execution' },
  heartbeat: { memorySize: 256, description: 'Equity snapshot, health, stale-order and drift checks, kill-switch state' },
  maintenance: { memorySize: 256, description: 'Retention pruning, stale intents, statistics roll-ups' },
};

/**
 * The bot's four functions, each granted only what it uses, and decide's SQS event source
 * (batches with partial-failure reporting, concurrency capped by the configuration).
 */
export class TraderFunctions extends Construct {
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
  /** Each function's own log group: the dashboard's Logs Insights widgets read them. */
  readonly logGroups: Readonly<Record<FunctionName, ILogGroup>>;

  constructor(scope: Construct, id: string, props: TraderFunctionsProps) {
    super(scope, id);
    const { config, tables } = props;
    const environment = this.environment(props);
    const logGroups = {} as Record<FunctionName, ILogGroup>;
    const create = (name: FunctionName, timeout: Duration) => {
      const traderFunction = new TraderFunction(this, name[0]!.toUpperCase() + name.slice(1), {
        entry: props.entries[name],
        ccxtExchangeId: config.exchange.id,
        environment: { ...environment, [LAMBDA_ENV.POWERTOOLS_SERVICE_NAME]: METRICS_SERVICE_NAME },
        timeout,
        ...FUNCTION_SETTINGS[name],
      });
      logGroups[name] = traderFunction.logGroup;
      return traderFunction.function;
    };
    // A capture ends before the next one starts.
    const capture = create('capture', Duration.seconds(Math.min(config.schedules.captureMinutes * 60 - 10, 300)));
    const decide = create('decide', Duration.seconds(config.decide.timeoutSeconds));
    const heartbeat = create('heartbeat', Duration.seconds(60));
    const maintenance = create('maintenance', Duration.minutes(5));
    this.functions = { capture, decide, heartbeat, maintenance };
    this.logGroups = logGroups;

    const grant = (grantee: IFunction, access: TableAccess, ...ids: TableId[]) => {
      for (const tableId of ids) grantTableAccess(grantee, tables[tableId], TABLE_DEFINITIONS[tableId], access);
    };

    grant(capture, 'readWrite', 'market');
    props.decisionQueue.grantSendMessages(capture);
    props.exchangeSecret.grantRead(capture);
    props.killSwitch.grantRead(capture);
    if (config.mode === 'paper') {
      // capture advances the paper venue (fills resting orders against the candles it
      // stores): one item in the state table's PAPER partition, and nothing else there.
      capture.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          resources: [tables.state.tableArn],
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PAPER_VENUE_KEY.pk] } },
        }),
      );
    }

    grant(decide, 'readWrite', 'state', 'plans', 'orders', 'fills', 'telemetry');
    grant(decide, 'read', 'market');
    props.killSwitch.grantRead(decide);
    props.runtimeConfig.grantRead(decide);
    props.exchangeSecret.grantRead(decide);
    decide.addEventSource(
      new SqsEventSource(props.decisionQueue, {
        batchSize: config.decide.batchSize,
        maxConcurrency: config.decide.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    // FLATTEN (on the kill switch's change) cancels and exits through the ledger, as decide does.
    grant(heartbeat, 'readWrite', 'state', 'plans', 'orders', 'fills', 'telemetry');
    grant(heartbeat, 'read', 'market');
    props.killSwitch.grantRead(heartbeat);
    props.runtimeConfig.grantRead(heartbeat);
    props.exchangeSecret.grantRead(heartbeat);
    if (props.reconcileStateMachineArn !== undefined) {
      heartbeat.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [props.reconcileStateMachineArn] }));
    }

    // Prunes telemetry and candles, rolls up closed plans, flags stale intents (looked up at the venue).
    grant(maintenance, 'readWrite', 'telemetry', 'market');
    grant(maintenance, 'read', 'state', 'plans', 'orders');
    props.exchangeSecret.grantRead(maintenance);
    props.killSwitch.grantRead(maintenance);
  }

  private environment(props: TraderFunctionsProps): Record<string, string> {
    const tableVariables = Object.entries(TABLE_ENV).map(([tableId, name]) => [name, props.tables[tableId as TableId].tableName]);
    return {
      ...(Object.fromEntries(tableVariables) as Record<string, string>),
      [LAMBDA_ENV.DECISION_QUEUE_URL]: props.decisionQueue.queueUrl,
      [LAMBDA_ENV.KILL_SWITCH_PARAMETER]: props.killSwitch.parameterName,
      [LAMBDA_ENV.RUNTIME_CONFIG_PARAMETER]: props.runtimeConfig.parameterName,
      [LAMBDA_ENV.EXCHANGE_SECRET_ARN]: props.exchangeSecret.secretArn,
      [LAMBDA_ENV.BOT_CONFIG]: botConfigVariable(props.config),
      ...(props.reconcileStateMachineArn !== undefined ? { [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: props.reconcileStateMachineArn } : {}),
      [LAMBDA_ENV.POWERTOOLS_METRICS_NAMESPACE]: metricsNamespace(props.config.botId),
      [LAMBDA_ENV.LOG_LEVEL]: props.logLevel ?? 'info',
    };
  }
}
