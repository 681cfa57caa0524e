import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { startReconciliation } from '../../../../lib/adapters/sfn/startReconciliation.js';
import { deployExecutionName, driftExecutionName, killSwitchExecutionName } from '../../../../lib/runtime/lambda/reconcile/executionNames.js';

const sfnMock = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:reconcile';
const WINDOW = 15 * 60_000;

describe('Function: driftExecutionName', () => {
  it('is the same within a window and changes with the next', () => {
    const t = Date.UTC(2024, 0, 2, 12, 14, 59);
    expect(driftExecutionName('bot1', t, WINDOW)).toBe('bot1-drift-202401021200');
    expect(driftExecutionName('bot1', Date.UTC(2024, 0, 2, 12, 0), WINDOW)).toBe('bot1-drift-202401021200');
    expect(driftExecutionName('bot1', Date.UTC(2024, 0, 2, 12, 15), WINDOW)).toBe('bot1-drift-202401021215');
  });
});

describe('Function: killSwitchExecutionName', () => {
  it('names the execution after the event, within Step Functions’ characters and length', () => {
    expect(killSwitchExecutionName('bot1', '6f1c0a2e-1111-2222-3333-444455556666')).toBe('bot1-run-6f1c0a2e-1111-2222-3333-444455556666');
    expect(killSwitchExecutionName('bot1', `a.b/c${'x'.repeat(100)}`)).toMatch(/^bot1-run-a_b_cx+$/);
    expect(killSwitchExecutionName('bot1', 'x'.repeat(100))).toHaveLength(80);
  });
});

describe('Function: deployExecutionName', () => {
  it('names the execution after the bot and the deployment fingerprint, within 80 characters', () => {
    const fingerprint = 'f'.repeat(32);

    expect(deployExecutionName('bot1', fingerprint, '17')).toBe(`bot1-deploy-${fingerprint}-v17`);
    expect(deployExecutionName('abcdefghij', fingerprint, '99999').length).toBeLessThanOrEqual(80);
  });
});

describe('Function: startReconciliation', () => {
  beforeEach(() => sfnMock.reset());

  it('starts the state machine under the name, with the input as JSON', async () => {
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:n1`, startDate: new Date(0) });
    const start = await startReconciliation(new SFNClient({ region: 'eu-west-1' }), ARN, 'n1', { reason: 'drift' }, silentLogger);
    expect(start).toEqual({ kind: 'started', name: 'n1', executionArn: `${ARN}:n1` });
    expect(sfnMock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([{ stateMachineArn: ARN, name: 'n1', input: '{"reason":"drift"}' }]);
  });

  it('takes ExecutionAlreadyExists as the reconciliation already started', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const start = await startReconciliation(new SFNClient({ region: 'eu-west-1' }), ARN, 'n1', {}, silentLogger);
    expect(start).toEqual({ kind: 'alreadyStarted', name: 'n1' });
  });

  it('starts nothing when reconciliation is not deployed', async () => {
    const start = await startReconciliation(new SFNClient({ region: 'eu-west-1' }), undefined, 'n1', {}, silentLogger);
    expect(start).toEqual({ kind: 'notDeployed', name: 'n1' });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('lets any other failure through', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new Error('AccessDenied'));
    await expect(startReconciliation(new SFNClient({ region: 'eu-west-1' }), ARN, 'n1', {}, silentLogger)).rejects.toThrow('AccessDenied');
  });
});
