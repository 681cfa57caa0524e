import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { InvokeFunctionTarget } from './InvokeFunctionTarget.js';
import { Construct } from 'constructs';

export interface ScheduledRun {
  readonly function: IFunction;
  readonly everyMinutes: number;
}

export interface BotSchedulesProps {
  readonly capture: ScheduledRun;
  readonly heartbeat: ScheduledRun;
  readonly maintenance: ScheduledRun;
}

/**
 * EventBridge Scheduler runs of capture, heartbeat and maintenance. A run is not retried
 * and expires once its period has passed: the next run does the same work from where the
 * last one stopped, and a late run would only overlap it.
 */
export class BotSchedules extends Construct {
  readonly schedules: readonly Schedule[];

  constructor(scope: Construct, id: string, props: BotSchedulesProps) {
    super(scope, id);
    this.schedules = (['capture', 'heartbeat', 'maintenance'] as const).map((name) => {
      const run = props[name];
      return new Schedule(this, name, {
        description: `${name} every ${run.everyMinutes} min`,
        schedule: ScheduleExpression.rate(Duration.minutes(run.everyMinutes)),
        target: new InvokeFunctionTarget(run.function, {
          retryAttempts: 0,
          maxEventAge: Duration.minutes(Math.min(run.everyMinutes, 24 * 60)),
        }),
      });
    });
  }
}
