import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, TRADING_STOPPED } from '../../lib/runtime/lambda/metricNames.js';
import { alarmWindow, heartbeatGaugePeriod, heartbeatSilence } from '../alarmWindows.js';
import { botMetric } from '../botMetric.js';
import { AlarmTopic } from './AlarmTopic.js';

export interface TraderAlarmsProps {
  readonly botId: string;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  /** Receives every alarm and its recovery. @default no subscription */
  readonly alarmEmail?: string;
  /** Alarm when no candle has been decided for this long; the stack derives it from the shortest timeframe. */
  readonly noDecisionFor: Duration;
  /** How often heartbeat runs: the periods of the alarms on what it emits follow from it. */
  readonly heartbeatEvery: Duration;
  /** Alarm when the oldest decision message is older than this. @default Duration.minutes(10) */
  readonly maxMessageAge?: Duration;
  /**
   * The bot's strategy is `model`: alarm when decide finds its checkpoint stale. One more
   * alarm metric (beyond the free ten, $0.10 a month), so only a model bot has it; a bot switched to the model
   * through the runtime configuration gets it at its next deploy.
   */
  readonly modelStrategy?: boolean;
  /**
   * A book (live or shadow) runs a strategy that can carry pWin: alarm when heartbeat's
   * CalibrationError (the worst expected calibration error among the books judged on at least
   * `calibration.minOutcomes` outcomes) exceeds this. One more alarm metric, only for such a bot.
   */
  readonly maxExpectedCalibrationError?: number;
}

/**
 * CloudWatch bills alarms by the metric: ten are free, then $0.10 a month each. The bot's own
 * alarms take eight, so the notifier's NotificationFailures and one more (a model bot's
 * ModelCheckpointStale or CalibrationError) stay within the free ten. They fit because a class
 * of failure is one metric at its source: FunctionErrors, which the handlers count (it replaced
 * three Lambda Errors alarms, and covers maintenance, which had none), and TradingStopped,
 * heartbeat's one gauge for HALTED (2) and the daily loss limit (1).
 */
export const ALARM_METRIC_BUDGET = 8;

type AlarmOptions = Pick<ConstructorParameters<typeof Alarm>[2], 'threshold' | 'comparisonOperator' | 'evaluationPeriods' | 'treatMissingData'>;

/**
 * The alarms a person must hear about, all sent to one encrypted SNS topic. They stay
 * within ALARM_METRIC_BUDGET alarm metrics, one metric each, so
 * there is no DynamoDB or Lambda throttle alarm: the tables are on demand and the SDK
 * retries throttled calls, so throttling that matters ends as a function error or an old
 * decision message, and a throttled SQS delivery waits in the queue and ages its oldest message.
 */
export class TraderAlarms extends Construct {
  readonly topic: AlarmTopic;
  readonly alarms: Alarm[] = [];
  private readonly botId: string;

  constructor(scope: Construct, id: string, props: TraderAlarmsProps) {
    super(scope, id);
    this.botId = props.botId;
    this.topic = new AlarmTopic(this, 'Topic', props.alarmEmail !== undefined ? { email: props.alarmEmail } : {});
    const fiveMinutes = Duration.minutes(5);
    const atLeast = (threshold: number): AlarmOptions => ({
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const gauge = (name: (typeof METRIC_NAMES)['unprotectedPositions' | 'tradingStopped']) =>
      botMetric(props.botId, name, 'Maximum', heartbeatGaugePeriod(props.heartbeatEvery));

    // Queue and functions.
    const deadLetters = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes });
    this.add('DeadLetters', 'a decision message failed 5 times and waits in the dead-letter queue', deadLetters, atLeast(1));
    // Counted by the handlers themselves (countFailedInvocations): one alarm metric where a
    // Lambda Errors alarm per function billed three; the log line names the function.
    const functionErrors = botMetric(props.botId, METRIC_NAMES.functionErrors, 'Sum', fiveMinutes);
    this.add('FunctionErrors', 'a function failed (decide, heartbeat or maintenance once, capture 3 runs in a row): its log line "<function> failed" says which and why', functionErrors, atLeast(1));
    const maxAge = (props.maxMessageAge ?? Duration.minutes(10)).toSeconds();
    const oldest = props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: fiveMinutes });
    this.add('OldestMessage', `decisions are falling behind: a message has waited ${maxAge} s`, oldest, atLeast(maxAge));

    // What heartbeat reports on each run; a data point only while true for the last two.
    this.add('UnprotectedPosition', 'a position has no protective exit', gauge(METRIC_NAMES.unprotectedPositions), atLeast(1));
    // One metric for both ways trading stops, its value saying which (the alarm's reason carries it).
    this.add(
      'TradingStopped',
      `trading stopped: ${TRADING_STOPPED.halted} = the bot is HALTED (reconciliation failed or an operator halted it) and sends no orders; ${TRADING_STOPPED.dailyLossLimit} = today's loss reached the daily loss limit: no new entries until tomorrow (UTC)`,
      gauge(METRIC_NAMES.tradingStopped),
      atLeast(TRADING_STOPPED.dailyLossLimit),
    );
    // Counted by whichever function the venue turned away (only when it happens).
    const venueHolds = botMetric(props.botId, METRIC_NAMES.venueHolds, 'Sum', fiveMinutes);
    this.add('VenueHold', 'the venue banned our IP (418) or asked for a pause longer than a retry may wait: no order, cancel or exit is sent until it ends', venueHolds, atLeast(1));

    // Silence is the failure here: a missing data point breaches.
    const silent = (evaluationPeriods: number): AlarmOptions => ({
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: TreatMissingData.BREACHING,
    });
    const noDecision = alarmWindow(props.noDecisionFor);
    const decisions = botMetric(props.botId, METRIC_NAMES.decisions, 'Sum', noDecision.period);
    this.add('NoDecision', `no candle decided for ${props.noDecisionFor.toMinutes()} minutes`, decisions, silent(noDecision.evaluationPeriods));
    if (props.modelStrategy === true) {
      const stale = botMetric(props.botId, METRIC_NAMES.modelCheckpointStale, 'Sum', fiveMinutes);
      this.add('ModelCheckpointStale', 'the model checkpoint is older than maxCheckpointAgeDays: the model strategy proposes nothing', stale, atLeast(1));
    }
    if (props.maxExpectedCalibrationError !== undefined) {
      const calibration = botMetric(props.botId, METRIC_NAMES.calibrationError, 'Maximum', heartbeatGaugePeriod(props.heartbeatEvery));
      // No data point until a book has enough outcomes to be judged: missing is not breaching.
      this.add('CalibrationError', `a model's expected calibration error exceeds ${props.maxExpectedCalibrationError} over its newest resolved plans (the heartbeat's calibration log line names the book)`, calibration, {
        threshold: props.maxExpectedCalibrationError,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
    const silence = heartbeatSilence(props.heartbeatEvery);
    const noHeartbeat = alarmWindow(silence);
    // heartbeat emits Equity on every run that gets that far; its count of samples is its pulse.
    const equitySamples = botMetric(props.botId, METRIC_NAMES.equity, 'SampleCount', noHeartbeat.period);
    this.add('HeartbeatMissing', `no heartbeat for ${silence.toMinutes()} minutes`, equitySamples, silent(noHeartbeat.evaluationPeriods));
  }

  private add(id: string, description: string, metric: IMetric, options: AlarmOptions): void {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.botId}-${id}`,
      alarmDescription: `${this.botId}: ${description}`,
      metric,
      ...options,
    });
    const action = new SnsAction(this.topic.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
