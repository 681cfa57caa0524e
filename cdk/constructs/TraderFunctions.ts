import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PAPER_VENUE_KEY } from '../../lib/adapters/dynamodb/DynamoDbPaperVenue.js';
import { LAMBDA_ENV } from '../../lib/runtime/lambda/env.js';
import { APPEND, APPEND_AND_REMOVE, BATCH_WRITE, PUT_ONLY, READ, grantTables } from './grantTableAccess.js';
import { grantVenueHold } from './grantVenueHold.js';
import { TraderFunction } from './TraderFunction.js';
import { type TraderFunctionResources, traderFunctionEnvironment } from './traderFunctionEnvironment.js';
import { functionTimeoutSeconds } from '../functionTimeouts.js';

export const FUNCTION_NAMES = ['capture', 'decide', 'heartbeat', 'maintenance'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface TraderFunctionsProps extends TraderFunctionResources {
  /** The handler file of each function, e.g. `functions/capture.ts`. */
  readonly entries: Readonly<Record<FunctionName, string>>;
  /** The reconciliation heartbeat starts on drift and when the kill switch returns to RUN. */
  readonly reconcileStateMachine: IStateMachine;
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
    const environment = traderFunctionEnvironment(props);
    const logGroups = {} as Record<FunctionName, ILogGroup>;
    const create = (name: FunctionName, timeout: Duration, extraEnvironment: Record<string, string> = {}) => {
      const traderFunction = new TraderFunction(this, name[0]!.toUpperCase() + name.slice(1), {
        entry: props.entries[name],
        ccxtExchangeId: config.exchange.id,
        environment: { ...environment, ...extraEnvironment },
        timeout,
        ...FUNCTION_SETTINGS[name],
        // The model strategy runs in decide: the runtime configuration may switch to it without a redeploy.
        ...(name === 'decide' && { withModelRuntime: true }),
      });
      logGroups[name] = traderFunction.logGroup;
      return traderFunction.function;
    };
    const timeouts = functionTimeoutSeconds(config);
    const capture = create('capture', Duration.seconds(timeouts.capture));
    const decide = create('decide', Duration.seconds(timeouts.decide));
    const heartbeat = create('heartbeat', Duration.seconds(timeouts.heartbeat), {
      [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: props.reconcileStateMachine.stateMachineArn,
    });
    const maintenance = create('maintenance', Duration.seconds(timeouts.maintenance));
    this.functions = { capture, decide, heartbeat, maintenance };
    this.logGroups = logGroups;

    grantTables(capture, tables, BATCH_WRITE, 'market');
    // Every function that calls the venue honours and records the shared venue hold (a 418 ban).
    for (const fn of [capture, decide, heartbeat, maintenance]) grantVenueHold(fn, tables.state);
    props.decisionQueue.grantSendMessages(capture);
    props.exchangeCredentials.grantRead(capture);
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

    grantTables(decide, tables, APPEND_AND_REMOVE, 'state');
    grantTables(decide, tables, APPEND, 'plans', 'orders', 'fills', 'telemetry');
    grantTables(decide, tables, READ, 'market');
    // Shadow strategies: their books and plan events, put in one conditional transaction.
    grantTables(decide, tables, PUT_ONLY, 'shadow');
    props.killSwitch.grantRead(decide);
    props.runtimeConfig.grantRead(decide);
    props.exchangeCredentials.grantRead(decide);
    decide.addEventSource(
      new SqsEventSource(props.decisionQueue, {
        batchSize: config.decide.batchSize,
        maxConcurrency: config.decide.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    // FLATTEN (on the kill switch's change) cancels and exits through the ledger, as decide does.
    grantTables(heartbeat, tables, APPEND_AND_REMOVE, 'state');
    grantTables(heartbeat, tables, APPEND, 'plans', 'orders', 'fills', 'telemetry');
    grantTables(heartbeat, tables, READ, 'market');
    // The calibration monitor reads the shadows' resolved plans.
    grantTables(heartbeat, tables, READ, 'shadow');
    props.killSwitch.grantRead(heartbeat);
    props.runtimeConfig.grantRead(heartbeat);
    props.exchangeCredentials.grantRead(heartbeat);
    // It starts reconciliation on drift and when the kill switch returns to RUN.
    props.reconcileStateMachine.grantStartExecution(heartbeat);

    // Prunes telemetry and candles, rolls up closed plans, flags stale intents (looked up at the venue).
    // Pruning deletes in batches (BatchWriteItem) from telemetry and candles only; roll-ups put.
    grantTables(maintenance, tables, [...APPEND, ...BATCH_WRITE], 'telemetry');
    grantTables(maintenance, tables, BATCH_WRITE, 'market');
    grantTables(maintenance, tables, READ, 'state', 'plans', 'orders');
    // Shadow plan events beyond the TTL's reach, pruned in batches.
    grantTables(maintenance, tables, BATCH_WRITE, 'shadow');
    props.exchangeCredentials.grantRead(maintenance);
    props.killSwitch.grantRead(maintenance);
  }
}
