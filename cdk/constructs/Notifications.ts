import { Arn, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterOrPolicy, type ITopic, SubscriptionFilter } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { NotificationSettings } from '../../lib/domain/notification.js';
import { METRIC_NAMES } from '../../lib/runtime/lambda/metricNames.js';
import { NOTIFIER_ENV } from '../../lib/runtime/lambda/notifier/notifierEnv.js';
import { botMetric } from '../botMetric.js';
import { notificationParameterName } from '../parameterNames.js';
import { AlarmTopic } from './AlarmTopic.js';
import { TraderFunction } from './TraderFunction.js';
import { type TraderFunctionResources, traderFunctionEnvironment } from './traderFunctionEnvironment.js';

export interface NotificationsProps extends TraderFunctionResources {
  readonly settings: NotificationSettings;
  /** `functions/notifier.ts`. */
  readonly entry: string;
  /** Streams on: telemetry with new and old images (the daily summary compares them), plans with new images. */
  readonly telemetry: ITable;
  readonly plans: ITable;
  /** The alarm topic; its alarms reach the notifier, all but the notifier's own. */
  readonly alarmTopic: ITopic;
}

/** FilterRule.isEqual, typed: CDK declares it `any`. */
const equals = (value: string): unknown => FilterRule.isEqual(value);

/** The tables' change streams the notifier reads: the daily summary compares a roll-up's old and new images. */
export const NOTIFIER_STREAMS = { telemetry: StreamViewType.NEW_AND_OLD_IMAGES, plans: StreamViewType.NEW_IMAGE } as const;

/** Seconds the event source gathers records before invoking: one invocation, and one rejection digest, per window. */
export const NOTIFIER_BATCH_WINDOW_SECONDS = 60;

/**
 * The notifier: one function fed by the telemetry and plans tables' change streams, filtered
 * so it is invoked only for what it tells (decision records, bot actions, daily roll-ups,
 * closed plans; never a TTL deletion), and by the alarm topic. decide writes nothing more for
 * it: the stream carries the transaction decide commits anyway. Tokens and webhook addresses
 * live in the SSM SecureString `/<botId>/notifications` the owner creates (CloudFormation
 * cannot create one; a Secrets Manager secret would cost $0.40 a month); email goes through a
 * topic of its own. Sends that fail
 * after their retries are counted, and the count alarms on the alarm topic (filtered out of
 * the notifier's own subscription, so a dead channel does not notify about itself in a loop).
 */
export class Notifications extends Construct {
  readonly function: IFunction;
  /** The SecureString's name and ARN: read with decryption by the notifier and the Telegram webhook. */
  readonly parameterName: string;
  readonly parameterArn: string;
  readonly emailTopic: AlarmTopic;
  readonly failureAlarm: Alarm;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { botId } = props.config;
    this.parameterName = notificationParameterName(botId);
    // A name starting with `/` is the ARN's resource `parameter/<name without the slash>`.
    this.parameterArn = Arn.format({ service: 'ssm', resource: 'parameter', resourceName: this.parameterName.slice(1) }, Stack.of(this));
    this.emailTopic = new AlarmTopic(this, 'EmailTopic', props.settings.email !== undefined ? { email: props.settings.email } : {});
    const notifier = new TraderFunction(this, 'Notifier', {
      entry: props.entry,
      ccxtExchangeId: props.config.exchange.id,
      environment: {
        ...traderFunctionEnvironment(props),
        [NOTIFIER_ENV.NOTIFICATION_PARAMETER]: this.parameterName,
        [NOTIFIER_ENV.NOTIFICATION_TOPIC_ARN]: this.emailTopic.topic.topicArn,
      },
      // Sends are retried with waits of up to 30 s (a channel's Retry-After) within one invocation.
      timeout: Duration.seconds(120),
      memorySize: 256,
      description: 'Sends entries, exits, rejection digests, daily summaries, kill-switch, reconciliation and alarm notifications',
    });
    this.function = notifier.function;
    grantReadNotificationParameter(this.function, this.parameterArn);
    // Not topic.grantPublish, which grants kms:GenerateDataKey* (a wildcard action) on the key.
    this.function.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [this.emailTopic.topic.topicArn] }));
    this.function.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.emailTopic.key.keyArn] }));

    const common = { startingPosition: StartingPosition.LATEST, batchSize: 100, maxBatchingWindow: Duration.seconds(NOTIFIER_BATCH_WINDOW_SECONDS), retryAttempts: 2, bisectBatchOnError: true, reportBatchItemFailures: false };
    this.function.addEventSource(
      new DynamoEventSource(props.telemetry, {
        ...common,
        filters: [FilterCriteria.filter({ eventName: FilterRule.or('INSERT', 'MODIFY'), dynamodb: { NewImage: { kind: { S: FilterRule.or('decision', 'action', 'dailyStats') } } } })],
      }),
    );
    this.function.addEventSource(
      new DynamoEventSource(props.plans, {
        ...common,
        filters: [FilterCriteria.filter({ eventName: equals('INSERT'), dynamodb: { NewImage: { status: { S: equals('closed') } } } })],
      }),
    );
    const failureAlarmName = `${botId}-NotificationFailures`;
    this.function.addEventSource(
      new SnsEventSource(props.alarmTopic, {
        filterPolicyWithMessageBody: { AlarmName: FilterOrPolicy.filter(SubscriptionFilter.stringFilter({ denylist: [failureAlarmName] })) },
      }),
    );

    this.failureAlarm = new Alarm(this, 'FailureAlarm', {
      alarmName: failureAlarmName,
      alarmDescription: `${botId}: notifications failed after their retries (the notifier's log names the channel and why)`,
      metric: botMetric(botId, METRIC_NAMES.notificationFailures, 'Sum', Duration.minutes(15)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failureAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    this.acknowledgeStreamListing(notifier);
  }

  /** DynamoEventSource grants dynamodb:ListStreams on `*`: the action has no resource-level permission. */
  private acknowledgeStreamListing(notifier: TraderFunction): void {
    const policy = notifier.role.node.tryFindChild('DefaultPolicy');
    if (policy === undefined) return;
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Lambda reads a DynamoDB stream through dynamodb:ListStreams, which supports no resource-level permission; the stream reads themselves are on the two streams only.',
    });
  }
}

/**
 * ssm:GetParameter on the notification parameter only. Its SecureString is encrypted with the
 * account's AWS-managed key aws/ssm, whose key policy lets any principal of the account decrypt
 * through SSM: no kms statement is needed (nor could name that key's id at synth time).
 */
export function grantReadNotificationParameter(fn: IFunction, parameterArn: string): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }));
}
