import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { CcxtExchange } from '../../adapters/ccxt/CcxtExchange.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import { createCaptureHandler } from '../../runtime/lambda/capture/createCaptureHandler.js';
import { createDecideHandler } from '../../runtime/lambda/decide/createDecideHandler.js';
import { createHeartbeatHandler } from '../../runtime/lambda/heartbeat/createHeartbeatHandler.js';
import { LambdaRuntime } from '../../runtime/lambda/LambdaRuntime.js';
import { createMaintenanceHandler } from '../../runtime/lambda/maintenance/createMaintenanceHandler.js';
import { type StepHandler, reconcileStepHandlers } from '../../runtime/lambda/reconcile/reconcileStepHandlers.js';
import type { ReconcileStep } from '../../runtime/lambda/reconcile/reconcileSteps.js';
import { functionTimeoutSeconds } from '../../../cdk/functionTimeouts.js';
import { lambdaContext } from './lambdaContext.js';
import type { LocalLog } from './LocalLog.js';
import { localLambdaEnvironment } from './localLambdaEnvironment.js';
import type { ScheduledFunction } from './LocalSchedule.js';

export interface LocalFunctionsDeps {
  readonly config: BotConfig;
  readonly tables: TableNames;
  readonly dynamo: DynamoDBDocumentClient;
  readonly clock: Clock;
  readonly ssm: SSMClient;
  readonly sqs: SQSClient;
  readonly sfn: SFNClient;
  /** A new ccxt client on the market, as each function's execution environment builds its own. */
  readonly ccxt: (withKeys: boolean) => Promise<CcxtExchange>;
  readonly log: LocalLog;
  readonly logLevel: string;
  /** The runtime's own log lines (invocation failures). */
  readonly logger: Logger;
}

export type Invocation<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: string };

/**
 * The bot's functions as Lambda runs them: each with its own runtime (its own caches and
 * exchange client, as each function has its own execution environment), built from the
 * environment the stack sets, and invoked with a Lambda context. A failed invocation is
 * logged and reported, as Lambda reports an error; nothing retries it here but the queue.
 */
export class LocalFunctions {
  private readonly scheduled: Readonly<Record<ScheduledFunction, (event: unknown) => Promise<unknown>>>;
  private readonly decide: (event: SQSEvent) => Promise<SQSBatchResponse>;
  readonly reconcileSteps: Readonly<Record<ReconcileStep, StepHandler>>;

  constructor(private readonly deps: LocalFunctionsDeps) {
    const { botId } = deps.config;
    const timeouts = functionTimeoutSeconds(deps.config);
    const capture = createCaptureHandler(this.runtime());
    const heartbeat = createHeartbeatHandler(this.runtime());
    const maintenance = createMaintenanceHandler(this.runtime());
    const decideHandler = createDecideHandler(this.runtime());
    this.scheduled = {
      capture: (event) => capture(event, lambdaContext(`${botId}-capture`, timeouts.capture * 1000)),
      heartbeat: (event) => heartbeat(event, lambdaContext(`${botId}-heartbeat`, timeouts.heartbeat * 1000)),
      maintenance: (event) => maintenance(event, lambdaContext(`${botId}-maintenance`, timeouts.maintenance * 1000)),
    };
    this.decide = (event) => decideHandler(event, lambdaContext(`${botId}-decide`, timeouts.decide * 1000));
    this.reconcileSteps = reconcileStepHandlers(this.runtime());
  }

  invoke(fn: ScheduledFunction, event: unknown): Promise<Invocation<unknown>> {
    return this.guarded(fn, () => this.scheduled[fn](event));
  }

  /** decide's SQS event source handler; a throw fails the whole batch, as Lambda does. */
  decideBatch(event: SQSEvent): Promise<SQSBatchResponse> {
    return this.decide(event);
  }

  private async guarded<T>(fn: string, run: () => Promise<T>): Promise<Invocation<T>> {
    try {
      return { ok: true, result: await run() };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.deps.logger.error({ function: fn, err: error }, 'invocation failed');
      return { ok: false, error: message };
    }
  }

  private runtime(): LambdaRuntime {
    const { deps } = this;
    return new LambdaRuntime(localLambdaEnvironment(deps.tables, deps.config, deps.logLevel), {
      clock: deps.clock,
      dynamo: deps.dynamo,
      ssm: deps.ssm,
      sqs: deps.sqs,
      sfn: deps.sfn,
      logDestination: deps.log,
      ccxt: deps.ccxt,
    });
  }
}
