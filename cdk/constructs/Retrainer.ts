import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { LAMBDA_ENV } from '../../lib/runtime/lambda/env.js';
import { CHALLENGER_PREFIX } from '../../lib/runtime/retrain/checkpointKey.js';
import { READ, grantTables } from './grantTableAccess.js';
import { InvokeFunctionTarget } from './InvokeFunctionTarget.js';
import { TraderFunction } from './TraderFunction.js';
import { type TraderFunctionResources, traderFunctionEnvironment } from './traderFunctionEnvironment.js';

/** How often the retrain job runs: the `retrain` context flag, `-c retrain=weekly`. */
export const RETRAIN_CADENCES = ['daily', 'weekly'] as const;
export type RetrainCadence = (typeof RETRAIN_CADENCES)[number];

export interface RetrainerProps extends TraderFunctionResources {
  readonly cadence: RetrainCadence;
  /** functions/retrain.ts in the app. */
  readonly entry: string;
  /** decide: it reads the challenger's checkpoint from the bucket. */
  readonly decide: IFunction;
  readonly alarmTopic: ITopic;
}

/**
 * The scheduled retrain (issue 18): an encrypted, versioned bucket of checkpoints; the retrain
 * function, which reads the captured candles, writes a challenger under `challengers/` and
 * names it in the runtime-config parameter; decide allowed to read `challengers/` and told the
 * bucket; an EventBridge Scheduler rule; and an alarm when a run fails. A run that finds no
 * valid challenger succeeds and writes nothing (its log says why). Nothing is promoted here.
 */
export class Retrainer extends Construct {
  readonly bucket: Bucket;
  readonly retrain: TraderFunction;
  readonly schedule: Schedule;
  readonly failedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RetrainerProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Checkpoints', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // A promoted checkpoint is still read by decide: current objects are kept; replaced versions go after 90 days.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only model checkpoints trained from public market candles, written by this stack\'s retrain function; access logs would need a second bucket for nothing secret.',
    });
    const bucketEnvironment = { [LAMBDA_ENV.CHECKPOINT_BUCKET]: this.bucket.bucketName };
    this.retrain = new TraderFunction(this, 'Retrain', {
      entry: props.entry,
      ccxtExchangeId: props.config.exchange.id,
      environment: { ...traderFunctionEnvironment(props), ...bucketEnvironment },
      timeout: Duration.minutes(5),
      memorySize: 1024,
      // It loads the checkpoint it wrote as decide will, and reads the live model's card.
      withModelRuntime: true,
      // It writes the challenger's ONNX graph (onnx-proto, on protobufjs).
      withTrainer: true,
      description: 'Retrains the model on the captured candles and runs the result as the shadow "challenger"',
    });
    const fn = this.retrain.function;
    grantTables(fn, props.tables, READ, 'market');
    props.runtimeConfig.grantRead(fn);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ssm:PutParameter'], resources: [props.runtimeConfig.parameterArn] }));
    const challengers = this.bucket.arnForObjects(`${CHALLENGER_PREFIX}*`);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [challengers] }));

    if (!(props.decide instanceof LambdaFunction)) throw new Error('Retrainer: decide must be a Lambda function of this stack (it gets the bucket variable)');
    props.decide.addEnvironment(LAMBDA_ENV.CHECKPOINT_BUCKET, this.bucket.bucketName);
    props.decide.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [challengers] }));

    this.schedule = new Schedule(this, 'Schedule', {
      description: `retrain ${props.cadence}`,
      // Sunday (or every day) at 03:17 UTC: off the hour, when capture and maintenance also run.
      schedule: props.cadence === 'weekly' ? ScheduleExpression.cron({ minute: '17', hour: '3', weekDay: 'SUN' }) : ScheduleExpression.cron({ minute: '17', hour: '3' }),
      target: new InvokeFunctionTarget(fn, { retryAttempts: 1, maxEventAge: Duration.hours(1) }),
    });
    this.failedAlarm = new Alarm(this, 'Failed', {
      alarmDescription: `${props.config.botId}: the retrain function failed (see its log): no new challenger this ${props.cadence === 'weekly' ? 'week' : 'day'}`,
      metric: fn.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failedAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    this.acknowledgeWildcards(props.decide);
  }

  /** `challengers/*`: the keys are training window ends, made per run; nothing else is in reach. */
  private acknowledgeWildcards(decide: LambdaFunction): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as never);
    const id = `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${CHALLENGER_PREFIX}*]`;
    const reason = 'Checkpoint keys are training window ends made per retrain run; the statement reaches only the challengers/ prefix of this stack\'s checkpoint bucket.';
    for (const role of [this.retrain.role, decide.role]) {
      const policy = role?.node.tryFindChild('DefaultPolicy');
      if (policy !== undefined) Validations.of(policy).acknowledge({ id, reason });
    }
  }
}
