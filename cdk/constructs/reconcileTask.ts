import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Errors, TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { RECONCILE_STATE_NAMES, type ReconcileStep } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';

/** Failures of the Lambda service itself, not of the handler: the call never ran or its answer was lost. */
export const LAMBDA_SERVICE_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

export interface ReconcileTaskOptions {
  /** The handler's event (Task `Parameters`). @default the state's whole input */
  readonly payload?: Record<string, unknown>;
  /** Where the handler's return value goes. @default '$' (it becomes the state's output) */
  readonly resultPath?: string;
  /** Retry any error, not only the Lambda service's: the step is idempotent (applyRepair). @default false */
  readonly idempotent?: boolean;
}

/**
 * The Task state that runs one reconciliation step, named as the contract names it
 * (RECONCILE_STATE_NAMES). `payloadResponseOnly` makes the ASL Resource the function's ARN
 * and the state's result the handler's return value, not Lambda's Invoke response. The
 * task times out a little after the function, so the function's own timeout is the one
 * that normally ends a stuck call.
 */
export function reconcileTask(scope: Construct, step: ReconcileStep, fn: IFunction, functionTimeout: Duration, options: ReconcileTaskOptions = {}): LambdaInvoke {
  const task = new LambdaInvoke(scope, RECONCILE_STATE_NAMES[step], {
    lambdaFunction: fn,
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    taskTimeout: Timeout.duration(functionTimeout.plus(Duration.seconds(10))),
    ...(options.payload !== undefined ? { payload: TaskInput.fromObject(options.payload) } : {}),
    ...(options.resultPath !== undefined ? { resultPath: options.resultPath } : {}),
  });
  if (options.idempotent) {
    task.addRetry({ errors: [Errors.ALL], maxAttempts: 2, interval: Duration.seconds(2), backoffRate: 2 });
  } else {
    task.addRetry({ errors: LAMBDA_SERVICE_ERRORS, maxAttempts: 3, interval: Duration.seconds(2), backoffRate: 2 });
  }
  return task;
}
