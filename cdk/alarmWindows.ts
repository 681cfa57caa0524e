import { Duration } from 'aws-cdk-lib';

/** CloudWatch alarm periods stop at one day; longer windows are counted in whole days. */
const MAX_PERIOD_MINUTES = 24 * 60;
/** CloudWatch evaluates at most seven days (period × evaluation periods). */
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export interface AlarmWindow {
  readonly period: Duration;
  readonly evaluationPeriods: number;
}

/** A window of `length` as whole alarm periods: one period up to a day, whole days beyond. */
export function alarmWindow(length: Duration): AlarmWindow {
  const minutes = Math.ceil(length.toSeconds() / 60);
  if (minutes > MAX_WINDOW_MINUTES) throw new Error(`an alarm window of ${minutes} minutes is longer than the seven days CloudWatch evaluates`);
  const periodMinutes = Math.min(minutes, MAX_PERIOD_MINUTES);
  return { period: Duration.minutes(periodMinutes), evaluationPeriods: Math.ceil(minutes / periodMinutes) };
}

/**
 * The period of an alarm on a value heartbeat emits on each run (a gauge): two runs and
 * at least ten minutes, so each period holds a run however the runs fall on the clock.
 * With one run a period, a run landing just across a period boundary would leave an
 * empty period, and an alarm counting missing data as good would flap.
 */
export function heartbeatGaugePeriod(heartbeatEvery: Duration): Duration {
  return Duration.minutes(Math.min(Math.max(10, 2 * heartbeatEvery.toMinutes()), MAX_PERIOD_MINUTES));
}

/** How long without a heartbeat run means heartbeat has stopped: three runs, and never under fifteen minutes. */
export function heartbeatSilence(heartbeatEvery: Duration): Duration {
  return Duration.minutes(Math.max(15, 3 * heartbeatEvery.toMinutes()));
}
