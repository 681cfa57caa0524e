import { describe, expect, it } from 'vitest';
import { classifyHeartbeatEvent, isSameParameter } from '../../../../../lib/runtime/lambda/heartbeat/heartbeatEvent.js';

describe('Function: classifyHeartbeatEvent', () => {
  it("reads EventBridge Scheduler's default notification as a scheduled run", () => {
    const event = {
      version: '0',
      id: '5b8e2f0e-0c1d-4a3b-9f8e-1d2c3b4a5f6e',
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '123456789012',
      time: '2024-01-02T12:00:00Z',
      region: 'eu-west-1',
      resources: ['arn:aws:scheduler:eu-west-1:123456789012:schedule/default/heartbeat'],
      detail: '{}',
    };
    expect(classifyHeartbeatEvent(event)).toEqual({ kind: 'scheduled', id: '5b8e2f0e-0c1d-4a3b-9f8e-1d2c3b4a5f6e' });
  });

  it('reads the SSM parameter change the kill-switch rule sends', () => {
    const event = {
      version: '0',
      id: 'e1',
      'detail-type': 'Parameter Store Change',
      source: 'aws.ssm',
      account: '123456789012',
      time: '2024-01-02T12:00:05Z',
      region: 'eu-west-1',
      resources: ['arn:aws:ssm:eu-west-1:123456789012:parameter/bot/kill-switch'],
      detail: { operation: 'Update', name: '/bot/kill-switch', type: 'String', description: '' },
    };
    expect(classifyHeartbeatEvent(event)).toEqual({ kind: 'killSwitchChanged', id: 'e1', time: '2024-01-02T12:00:05Z', parameterName: '/bot/kill-switch', operation: 'Update' });
  });

  it.each([
    ['an empty object', {}, 'object with keys (none)'],
    ['null', null, 'object'],
    ['another service', { id: 'x', 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', detail: {} }, 'aws.ec2 / EC2 Instance State-change Notification'],
    ['an SSM change without a name', { id: 'x', 'detail-type': 'Parameter Store Change', source: 'aws.ssm', detail: {} }, 'aws.ssm / Parameter Store Change'],
  ])('calls %s unknown', (_label, event, description) => {
    expect(classifyHeartbeatEvent(event)).toEqual({ kind: 'unknown', description });
  });
});

describe('Function: isSameParameter', () => {
  it('compares names with or without the leading slash', () => {
    expect(isSameParameter('/bot/kill-switch', 'bot/kill-switch')).toBe(true);
    expect(isSameParameter('/bot/kill-switch', '/bot/runtime-config')).toBe(false);
  });
});
