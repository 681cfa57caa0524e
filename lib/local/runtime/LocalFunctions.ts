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
import { LambdaRuntime, type LlmRuntimeOverrides } from '../../runtime/lambda/LambdaRuntime.js';
import { createMaintenanceHandler } from '../../runtime/lambda/maintenance/createMaintenanceHandler.js';
import { type StepHandler, reconcileStepHandlers } from '../../runtime/lambda/reconcile/reconcileStepHandlers.js';
import { RECONCILE_STEPS, type ReconcileStep } from '../../runtime/lambda/reconcile/reconcileSteps.js';
import { functionTimeoutSeconds } from '../../../cdk/functionTimeouts.js';
import { ExecutionEnvironmentDied } from './ExecutionEnvironmentDied.js';
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
  /** Runs around every invocation (the chaos suite kills environments here); a plain call when absent. */
  readonly invocationHook?: InvocationHook;
  /** The `llm` strategy's provider: the loopback model server. */
  readonly llm?: LlmRuntimeOverrides;
}

/** `reconcile`: any step of the reconciliation state machine. */
export type LocalFunctionName = ScheduledFunction | 'decide' | 'reconcile';
type HandlerFunction = Exclude<LocalFunctionName, 'reconcile'>;

/** Calls `invoke`, or not; an ExecutionEnvironmentDied it throws starts that function cold next time. */
export type InvocationHook = (fn: LocalFunctionName, invoke: () => Promise<unknown>) => Promise<unknown>;

export type Invocation<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: string };

/**
 * The bot's functions as Lambda runs them: each with its own runtime (its own caches and
 * exchange client, as each function has its own execution environment), built from the
 * environment the stack sets, and invoked with a Lambda context. A failed invocation is
 * logged and reported, as Lambda reports an error; nothing retries it here but the queue.
 */
export class LocalFunctions {
  private readonly environments = new Map<HandlerFunction, (event: never) => Promise<unknown>>();
  /** The step handlers' shared environment; undefined after one died (the next step starts cold). */
  private stepEnvironment: Readonly<Record<ReconcileStep, StepHandler>> | undefined;
  /** Each step through the invocation hook, as its own Lambda invocation. */
  readonly reconcileSteps: Readonly<Record<ReconcileStep, StepHandler>>;

  constructor(private readonly deps: LocalFunctionsDeps) {
    this.stepEnvironment = reconcileStepHandlers(this.runtime());
    this.reconcileSteps = Object.fromEntries(RECONCILE_STEPS.map((step) => [step, (event: unknown) => this.runStep(step, event)])) as Record<ReconcileStep, StepHandler>;
  }

  invoke(fn: ScheduledFunction, event: unknown): Promise<Invocation<unknown>> {
    return this.guarded(fn, () => this.run(fn, event));
  }

  /** decide's SQS event source handler; a throw fails the whole batch, as Lambda does. */
  decideBatch(event: SQSEvent): Promise<SQSBatchResponse> {
    return this.run('decide', event) as Promise<SQSBatchResponse>;
  }

  private async run(fn: HandlerFunction, event: unknown): Promise<unknown> {
    const handler = this.environment(fn);
    const hook = this.deps.invocationHook ?? ((_fn, invoke) => invoke());
    try {
      return await hook(fn, () => handler(event as never));
    } catch (error) {
      if (error instanceof ExecutionEnvironmentDied) this.environments.delete(fn);
      throw error;
    }
  }

  private async runStep(step: ReconcileStep, event: unknown): Promise<unknown> {
    const handlers = (this.stepEnvironment ??= reconcileStepHandlers(this.runtime()));
    const hook = this.deps.invocationHook ?? ((_fn, invoke) => invoke());
    try {
      return await hook('reconcile', () => handlers[step](event));
    } catch (error) {
      if (error instanceof ExecutionEnvironmentDied) this.stepEnvironment = undefined;
      throw error;
    }
  }

  /** The function's warm environment, or a new one (a cold start). */
  private environment(fn: HandlerFunction): (event: never) => Promise<unknown> {
    let handler = this.environments.get(fn);
    if (handler === undefined) {
      handler = this.coldStart(fn);
      this.environments.set(fn, handler);
    }
    return handler;
  }

  private coldStart(fn: HandlerFunction): (event: never) => Promise<unknown> {
    const timeoutMs = functionTimeoutSeconds(this.deps.config)[fn] * 1000;
    const context = () => lambdaContext(`${this.deps.config.botId}-${fn}`, timeoutMs);
    const runtime = this.runtime();
    switch (fn) {
      case 'capture': {
        const handler = createCaptureHandler(runtime);
        return (event) => handler(event, context());
      }
      case 'heartbeat': {
        const handler = createHeartbeatHandler(runtime);
        return (event) => handler(event, context());
      }
      case 'maintenance': {
        const handler = createMaintenanceHandler(runtime);
        return (event) => handler(event, context());
      }
      case 'decide': {
        const handler = createDecideHandler(runtime);
        return (event: SQSEvent) => handler(event, context());
      }
    }
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
      ...(deps.llm ? { llm: deps.llm } : {}),
    });
  }
}
