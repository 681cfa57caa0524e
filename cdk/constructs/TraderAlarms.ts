import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { botMetric } from '../botMetric.js';
import { METRIC_NAMES } from '../metricNames.js';
import { AlarmTopic } from './AlarmTopic.js';

export interface TraderAlarmsProps {
  readonly botId: string;
  readonly capture: IFunction;
  readonly decide: IFunction;
  /** Every function whose throttles alarm. */
  readonly functions: readonly IFunction[];
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly tables: Readonly<Record<string, ITable>>;
  /** Receives every alarm and its recovery. @default no subscription */
  readonly alarmEmail?: string;
  /** Alarm when no candle has been decided for this long; the stack derives it from the shortest timeframe. */
  readonly noDecisionFor: Duration;
  /** Alarm when the oldest decision message is older than this. @default Duration.minutes(10) */
  readonly maxMessageAge?: Duration;
}

/** The alarms a person must hear about, all sent to one encrypted SNS topic. */
export class TraderAlarms extends Construct {
  readonly topic: AlarmTopic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: TraderAlarmsProps) {
    super(scope, id);
    this.topic = new AlarmTopic(this, 'Topic', props.alarmEmail !== undefined ? { email: props.alarmEmail } : {});
    const fiveMinutes = Duration.minutes(5);
    const sumOf = (metrics: IMetric[]) =>
      new MathExpression({
        expression: metrics.map((_, index) => `FILL(m${index}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric])),
        period: fiveMinutes,
      });

    this.add('DeadLetters', 'A decision message failed 5 times and waits in the dead-letter queue', props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes }), 1);
    this.add('DecideErrors', 'decide failed', props.decide.metricErrors({ period: fiveMinutes }), 1);
    this.add('CaptureErrors', 'capture failed in 3 runs within 5 minutes', props.capture.metricErrors({ period: fiveMinutes }), 3);
    this.add('OldestMessage', 'Decisions are falling behind', props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: fiveMinutes }), (props.maxMessageAge ?? Duration.minutes(10)).toSeconds());
    this.add('UnprotectedPosition', 'A position has no protective exit', botMetric(props.botId, METRIC_NAMES.unprotectedPositions, 'Maximum', fiveMinutes), 1);
    this.add('LambdaThrottles', 'A function was throttled', sumOf(props.functions.map((fn) => fn.metricThrottles())), 1);
    for (const [tableId, table] of Object.entries(props.tables)) {
      const throttles = sumOf([table.metric('ReadThrottleEvents', { statistic: 'Sum' }), table.metric('WriteThrottleEvents', { statistic: 'Sum' })]);
      this.add(`Throttled-${tableId}`, `DynamoDB throttled requests on ${tableId}`, throttles, 1);
    }
    this.addNoDecisionAlarm(props);
  }

  /** Silence is the failure here: a missing data point counts as no decision. */
  private addNoDecisionAlarm(props: TraderAlarmsProps): void {
    const minutes = props.noDecisionFor.toMinutes();
    // CloudWatch periods stop at one day; longer silences are counted in whole days.
    const periodMinutes = Math.min(minutes, 24 * 60);
    const metric = botMetric(props.botId, METRIC_NAMES.decisions, 'Sum', Duration.minutes(periodMinutes));
    const alarm = new Alarm(this, 'NoDecision', {
      alarmDescription: `${props.botId}: no candle decided for ${minutes} minutes`,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: Math.ceil(minutes / periodMinutes),
      treatMissingData: TreatMissingData.BREACHING,
    });
    this.notify(alarm);
  }

  private add(id: string, description: string, metric: IMetric, threshold: number): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.notify(alarm);
  }

  private notify(alarm: Alarm): void {
    const action = new SnsAction(this.topic.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
