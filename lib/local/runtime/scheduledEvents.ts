import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';

const isoSeconds = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** EventBridge Scheduler's default notification, as a scheduled function receives it. */
export function scheduledEvent(schedule: string, time: number): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: isoSeconds(time),
    region: 'local',
    resources: [`arn:aws:scheduler:local:000000000000:schedule/default/${schedule}`],
    detail: '{}',
  };
}

/** The "Parameter Store Change" event the stack's KillSwitchTrigger sends heartbeat when the kill switch is written. */
export function parameterChangeEvent(parameterName: string, time: number): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Parameter Store Change',
    source: 'aws.ssm',
    account: '000000000000',
    time: isoSeconds(time),
    region: 'local',
    resources: [`arn:aws:ssm:local:000000000000:parameter${parameterName}`],
    detail: { operation: 'Update', name: parameterName, type: 'String', description: '' },
  };
}
