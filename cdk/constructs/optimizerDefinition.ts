import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Choice, Condition, DistributedMap, Errors, JsonPath, type IChainable, ProcessorMode, ProcessorType, ResultWriterV2, S3JsonItemReader, StateMachineType, Succeed, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { LAMBDA_SERVICE_ERRORS } from './reconcileTask.js';

/** The state names of the optimizer's machine; tests bind handlers to the Task names. */
export const OPTIMIZER_STATES = {
  choose: 'ItemsInline?',
  fromFile: 'RunTrials',
  inline: 'RunTrialsInline',
  taskFromFile: 'RunTrialBatch',
  taskInline: 'RunTrialBatchInline',
  done: 'Done',
} as const;

export interface OptimizerDefinitionProps {
  readonly trials: IFunction;
  readonly functionTimeout: Duration;
  readonly bucket: IBucket;
  readonly maxConcurrency: number;
  /** Where the Map writes its run's manifest and failed items (ResultWriter); absent: it writes none. */
  readonly resultPrefix?: string;
}

/**
 * The optimizer: a Distributed Map of trial batches. The execution's input is
 * `{"runId", "itemsKey"}` (the items file the CLI wrote to the bucket, read by the Map's
 * ItemReader) or `{"runId", "items": […]}` for a run small enough to pass inline. Each item
 * is one task; any failed item fails the run (ToleratedFailurePercentage 0), after the
 * task's retries: an item's result key is fixed, so running it again is harmless. Results
 * go to the bucket, not through the state: the Map discards its output.
 */
export function optimizerDefinition(scope: Construct, props: OptimizerDefinitionProps): IChainable {
  const task = (id: string) => {
    const invoke = new LambdaInvoke(scope, id, {
      lambdaFunction: props.trials,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(props.functionTimeout.plus(Duration.seconds(10))),
    });
    invoke.addRetry({ errors: LAMBDA_SERVICE_ERRORS, maxAttempts: 4, interval: Duration.seconds(2), backoffRate: 2 });
    invoke.addRetry({ errors: [Errors.ALL], maxAttempts: 1, interval: Duration.seconds(5), backoffRate: 2 });
    return invoke;
  };
  const map = (id: string, source: { itemReader: S3JsonItemReader } | { itemsPath: string }, taskId: string) =>
    new DistributedMap(scope, id, {
      ...source,
      maxConcurrency: props.maxConcurrency,
      toleratedFailurePercentage: 0,
      mapExecutionType: StateMachineType.STANDARD,
      resultPath: JsonPath.DISCARD,
      label: id,
      ...(props.resultPrefix !== undefined && { resultWriterV2: new ResultWriterV2({ bucket: props.bucket, prefix: props.resultPrefix }) }),
    }).itemProcessor(task(taskId), { mode: ProcessorMode.DISTRIBUTED, executionType: ProcessorType.STANDARD });
  const done = new Succeed(scope, OPTIMIZER_STATES.done);
  const fromFile = map(OPTIMIZER_STATES.fromFile, { itemReader: new S3JsonItemReader({ bucket: props.bucket, key: JsonPath.stringAt('$.itemsKey') }) }, OPTIMIZER_STATES.taskFromFile);
  const inline = map(OPTIMIZER_STATES.inline, { itemsPath: '$.items' }, OPTIMIZER_STATES.taskInline);
  return new Choice(scope, OPTIMIZER_STATES.choose)
    .when(Condition.isPresent('$.items'), inline.next(done))
    .otherwise(fromFile.next(done));
}
