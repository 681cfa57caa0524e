import { CfnOutput, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { OPTIMIZER_BUCKET_ENV } from '../../lib/runtime/lambda/optimize/createTrialBatchHandler.js';
import { optimizerParameterName, optimizerStateMachineName } from '../parameterNames.js';
import { optimizerDefinition } from './optimizerDefinition.js';
import { TraderFunction } from './TraderFunction.js';

export interface OptimizerProps {
  readonly botId: string;
  /** functions/optimizeTrials.ts in the app. */
  readonly entry: string;
  readonly ccxtExchangeId: string;
  /** Items (tasks) in flight at once. @default 50 */
  readonly maxConcurrency?: number;
  /** Objects (candles, items, results) expire after this many days. @default 14 */
  readonly expireAfterDays?: number;
  /** Have the Map write its manifest and failed items under `map-results/` (ResultWriter). @default false */
  readonly writeMapResults?: boolean;
  /** 1769 MB is one full vCPU, which a backtest (single-threaded) uses whole. @default 1769 */
  readonly memorySize?: number;
  /** @default 15 minutes */
  readonly functionTimeout?: Duration;
}

/**
 * The distributed parameter search (issue 21): a bucket for a run's candles, items and
 * results; the trial-batch function, which reads a run's data and writes results only
 * under `runs/`; and a standard state machine whose Distributed Map runs one function call
 * per item. `npm run optimize -- --aws` finds both through the `/BOT_ID/optimizer`
 * parameter (also stack outputs OptimizerStateMachineArn and OptimizerBucketName).
 */
export class Optimizer extends Construct {
  readonly bucket: Bucket;
  readonly trials: TraderFunction;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  readonly parameter: StringParameter;

  constructor(scope: Construct, id: string, props: OptimizerProps) {
    super(scope, id);
    // ResultWriterV2 (the non-deprecated writer) is rendered only with this feature flag; set for this construct alone.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.expireAfterDays ?? 14), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only expiring copies of public market candles and backtest scores, written by this stack\'s function and the operator\'s CLI; access logs would need a second bucket for no secret worth auditing.',
    });
    const functionTimeout = props.functionTimeout ?? Duration.minutes(15);
    this.trials = new TraderFunction(this, 'Trials', {
      entry: props.entry,
      ccxtExchangeId: props.ccxtExchangeId,
      environment: { [OPTIMIZER_BUCKET_ENV]: this.bucket.bucketName },
      timeout: functionTimeout,
      memorySize: props.memorySize ?? 1769,
      description: 'Optimizer: backtests one batch of parameter sets over the walk-forward windows',
    });
    this.trials.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('runs/*/data.json.gz'), this.bucket.arnForObjects('runs/*/results/*')] }));
    this.trials.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('runs/*/results/*')] }));
    // Without ListBucket a HeadObject of a missing result answers 403, not 404.
    this.trials.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['runs/*'] } } }));

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: optimizerStateMachineName(props.botId),
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        optimizerDefinition(this, {
          trials: this.trials.function,
          functionTimeout,
          bucket: this.bucket,
          maxConcurrency: props.maxConcurrency ?? 50,
          ...(props.writeMapResults === true && { resultPrefix: 'map-results' }),
        }),
      ),
      timeout: Duration.hours(24),
      comment: `${props.botId}: parameter search, one Distributed Map item per batch of trials`,
      // Execution data stays out of the logs: items carry whole parameter batches.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    this.parameter = new StringParameter(this, 'Parameter', {
      parameterName: optimizerParameterName(props.botId),
      description: 'Where npm run optimize -- --aws finds the optimizer: {"stateMachineArn", "bucket"}',
      stringValue: Stack.of(this).toJsonString({ stateMachineArn: this.stateMachine.stateMachineArn, bucket: this.bucket.bucketName }),
      tier: ParameterTier.STANDARD,
    });
    new CfnOutput(this, 'StateMachineArn', { key: 'OptimizerStateMachineArn', value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'BucketName', { key: 'OptimizerBucketName', value: this.bucket.bucketName });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason: 'No X-Ray: every state transition is logged and the function logs to its own log group; tracing thousands of child executions would cost more than the search.',
    });
    this.acknowledgeWildcards();
  }

  /** The role statements whose resources end in a wildcard, each confined to this construct's own bucket, function or machine. */
  private acknowledgeWildcards(): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as never);
    const functionId = stack.getLogicalId(this.trials.function.node.defaultChild as never);
    const machineId = stack.getLogicalId(this.stateMachine.node.defaultChild as never);
    const trialsPolicy = this.trials.role.node.tryFindChild('DefaultPolicy');
    if (trialsPolicy !== undefined) {
      for (const path of ['runs/*/data.json.gz', 'runs/*/results/*']) {
        Validations.of(trialsPolicy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${path}]`,
          reason: 'The task reads any run\'s data object and reads and writes any run\'s result objects: run ids are made per search, and it touches nothing else in the bucket.',
        });
      }
    }
    const machinePolicy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (machinePolicy !== undefined) {
      Validations.of(machinePolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<${bucketId}>/*]`,
        reason: 'The ItemReader takes the items file\'s key from the execution input, so CDK grants s3:GetObject (and the ResultWriter s3:PutObject) on the objects of the optimizer\'s own bucket, which holds nothing but runs.',
      });
      Validations.of(machinePolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on the versions and aliases of the one trial function, as the LambdaInvoke task grants it.',
      });
      Validations.of(machinePolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Step Functions logging needs the CloudWatch Logs delivery actions (logs:CreateLogDelivery and the like), which support no resource-level permission.',
      });
    }
    const mapPolicy = this.stateMachine.node.tryFindChild('DistributedMapPolicy');
    if (mapPolicy !== undefined) {
      const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
      const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
      const executions = `arn:<AWS::Partition>:states:${region}:${account}:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
      for (const suffix of [':*', '/RunTrials:*', '/RunTrialsInline:*']) {
        Validations.of(mapPolicy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${executions}${suffix}]`,
          reason: 'The Distributed Map describes, stops and redrives the child executions it starts: executions of this state machine only, whose names Step Functions makes.',
        });
      }
    }
  }
}
