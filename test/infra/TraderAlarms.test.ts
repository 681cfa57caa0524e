import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { alarmWindow, heartbeatGaugePeriod, heartbeatSilence } from '../../cdk/alarmWindows.js';
import { ALARM_METRIC_BUDGET } from '../../cdk/constructs/TraderAlarms.js';
import type { TraderStack } from '../../cdk/stack.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

interface AlarmProperties {
  readonly AlarmName: string;
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Metrics?: { MetricStat?: unknown }[];
  readonly [key: string]: unknown;
}

let stack: TraderStack;
let template: Template;

beforeAll(() => {
  stack = synthTraderStack();
  template = Template.fromStack(stack);
});

const alarms = (from = template) => Object.values(from.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties as AlarmProperties);
const alarm = (name: string, from = template) => alarms(from).find((properties) => properties.AlarmName === `testbot-${name}`);
const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as never) });
const queueName = (construct: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [stack.getLogicalId(construct.node.defaultChild as never), 'QueueName'] });
/** What CloudWatch bills an alarm for: one metric, or each metric inside its math. */
const metricCount = (properties: AlarmProperties) => (properties.MetricName !== undefined ? 1 : (properties.Metrics ?? []).filter((m) => m.MetricStat !== undefined).length);

const atLeast = (threshold: number, period = 300) => ({
  Threshold: threshold,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'notBreaching',
  Period: period,
  EvaluationPeriods: 1,
});
const silentFor = (period: number) => ({ Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching', Period: period, EvaluationPeriods: 1 });
const bot = (metricName: string, statistic: string) => ({
  Namespace: 'ServerlessTrader/testbot',
  MetricName: metricName,
  Statistic: statistic,
  Dimensions: [{ Name: 'service', Value: 'trader' }],
});

describe('Construct: TraderAlarms', () => {
  it(`stays within its budget of ${ALARM_METRIC_BUDGET} alarm metrics, so the notifier's and a model's alarm fit in CloudWatch's free ten`, () => {
    const counts = alarms().map(metricCount);

    expect(ALARM_METRIC_BUDGET).toBe(8);
    expect(counts.every((count) => count >= 1)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(ALARM_METRIC_BUDGET);
  });

  it('raises exactly the alarms a person must hear about, and no throttle alarm', () => {
    expect(alarms().map((properties) => properties.AlarmName.replace(/^testbot-/, '')).sort()).toEqual(
      ['DeadLetters', 'FunctionErrors', 'HeartbeatMissing', 'NoDecision', 'OldestMessage', 'TradingStopped', 'UnprotectedPosition', 'VenueHold'].sort(),
    );
    const all = JSON.stringify(alarms());
    for (const throttle of ['Throttles', 'ReadThrottleEvents', 'WriteThrottleEvents']) expect(all).not.toContain(`"${throttle}"`);
  });

  it.each([
    ['DeadLetters', () => ({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Dimensions: [{ Name: 'QueueName', Value: queueName(stack.queues.deadLetterQueue) }], ...atLeast(1) })],
    // Counted by the handlers (capture after 3 failed runs in a row): one metric for every function.
    ['FunctionErrors', () => ({ ...bot('FunctionErrors', 'Sum'), ...atLeast(1) })],
    ['OldestMessage', () => ({ Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Statistic: 'Maximum', Dimensions: [{ Name: 'QueueName', Value: queueName(stack.queues.queue) }], ...atLeast(600) })],
    // heartbeat runs every 5 minutes: each 10-minute period holds at least one run.
    ['UnprotectedPosition', () => ({ ...bot('UnprotectedPositions', 'Maximum'), ...atLeast(1, 600) })],
    // 1: the daily loss limit is hit; 2: HALTED. Either alarms.
    ['TradingStopped', () => ({ ...bot('TradingStopped', 'Maximum'), ...atLeast(1, 600) })],
    // Any function the venue turned away (418, or a pause longer than a retry waits) counts one.
    ['VenueHold', () => ({ ...bot('VenueHolds', 'Sum'), ...atLeast(1) })],
    // The shortest timeframe is 1m: three candles, but never under ten minutes.
    ['NoDecision', () => ({ ...bot('Decisions', 'Sum'), ...silentFor(600) })],
    // Three missed 5-minute runs.
    ['HeartbeatMissing', () => ({ ...bot('Equity', 'SampleCount'), ...silentFor(900) })],
  ] as const)('%s: metric, statistic, threshold, comparison, missing data and period', (name, expected) => {
    expect(alarm(name)).toMatchObject(expected());
  });

  it('notifies the topic of every alarm and every recovery', () => {
    const topic = ref(stack.alarms.topic.topic);

    for (const properties of alarms()) {
      expect(properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });
      expect(properties.AlarmDescription).toMatch(/^testbot: /);
    }
  });

  it('sends alarms to a KMS-encrypted topic with the configured email subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('keeps a model bot with a calibrated shadow and notifications within the free ten alarm metrics', () => {
    const config = BotConfigSchema.parse({ ...TEST_CONFIG, strategy: { name: 'model', params: {} }, shadow: [{ id: 'model-b', strategy: 'model' }], calibration: { maxExpectedCalibrationError: 0.15 } });
    const names = alarms(Template.fromStack(synthTraderStack({ config }))).map((properties) => properties.AlarmName.replace(/^testbot-/, ''));

    expect(names).toEqual(expect.arrayContaining(['ModelCheckpointStale', 'CalibrationError']));
    // The notifier's NotificationFailures is one more: eleven, one over the free ten, only for a model bot that also has both.
    expect(names.length).toBe(ALARM_METRIC_BUDGET + 2);
  });

  it('alarms on CalibrationError above the configured ECE only when a book (live or shadow) runs a strategy that can carry pWin', () => {
    expect(alarm('CalibrationError')).toBeUndefined();
    const config = BotConfigSchema.parse({ ...TEST_CONFIG, shadow: [{ id: 'model-b', strategy: 'model' }], calibration: { maxExpectedCalibrationError: 0.15 } });
    const withModel = Template.fromStack(synthTraderStack({ config }));

    expect(alarm('CalibrationError', withModel)).toMatchObject({
      ...bot('CalibrationError', 'Maximum'),
      Threshold: 0.15,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Period: 600,
      EvaluationPeriods: 1,
    });
  });

  it('follows a slower heartbeat and a longer timeframe', () => {
    const config = BotConfigSchema.parse({ ...TEST_CONFIG, symbols: [{ symbol: 'ETH/BTC', timeframe: '1h' }], schedules: { heartbeatMinutes: 30 } });
    const slow = Template.fromStack(synthTraderStack({ config }));

    expect(alarm('TradingStopped', slow)).toMatchObject({ Period: 3600, EvaluationPeriods: 1 });
    expect(alarm('HeartbeatMissing', slow)).toMatchObject({ Period: 5400, EvaluationPeriods: 1 });
    expect(alarm('NoDecision', slow)).toMatchObject({ Period: 3 * 3600, EvaluationPeriods: 1 });
  });
});

describe('Alarm windows', () => {
  it.each([
    [5, 10, 15],
    [1, 10, 15],
    [30, 60, 90],
    [1440, 1440, 3 * 1440],
  ])('heartbeat every %i min: gauges over %i min, silent after %i min', (every, gauge, silence) => {
    expect(heartbeatGaugePeriod(Duration.minutes(every)).toMinutes()).toBe(gauge);
    expect(heartbeatSilence(Duration.minutes(every)).toMinutes()).toBe(silence);
  });

  it('counts a window longer than a day in whole days', () => {
    const window = alarmWindow(Duration.minutes(3 * 1440));

    expect(window.period.toMinutes()).toBe(1440);
    expect(window.evaluationPeriods).toBe(3);
    expect(alarmWindow(Duration.minutes(15))).toMatchObject({ evaluationPeriods: 1 });
    expect(() => alarmWindow(Duration.days(8))).toThrow('longer than the seven days CloudWatch evaluates');
  });
});
