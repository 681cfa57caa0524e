import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../../lib/ports/Logger.js';
import { reconcileAfterDeploy } from '../../../../../lib/runtime/lambda/reconcile/afterDeploy.js';
import { readAfterDeployEnv } from '../../../../../lib/runtime/lambda/reconcile/afterDeployEnv.js';

const sfnMock = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:reconcile';
const FINGERPRINT = '0123456789abcdef0123456789abcdef';
const VARIABLES = { BOT_ID: 'bot1', RECONCILE_STATE_MACHINE_ARN: ARN, DEPLOY_FINGERPRINT: FINGERPRINT, LOG_LEVEL: 'warn' };

describe('Function: reconcileAfterDeploy', () => {
  const sfn = new SFNClient({ region: 'eu-west-1' });
  const env = readAfterDeployEnv(VARIABLES);

  beforeEach(() => sfnMock.reset());

  it('starts one execution named after the bot and the deployment, for the reason "deploy"', async () => {
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:x`, startDate: new Date(0) });

    const start = await reconcileAfterDeploy(sfn, env, silentLogger, '3');

    expect(start).toEqual({ kind: 'started', name: `bot1-deploy-${FINGERPRINT}-v3`, executionArn: `${ARN}:x` });
    expect(sfnMock.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ARN, name: `bot1-deploy-${FINGERPRINT}-v3`, input: '{"reason":"deploy"}' },
    ]);
  });

  it('succeeds when CloudFormation runs the trigger again for the same deployment', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    await expect(reconcileAfterDeploy(sfn, env, silentLogger, '3')).resolves.toEqual({ kind: 'alreadyStarted', name: `bot1-deploy-${FINGERPRINT}-v3` });
  });

  it('fails, and so fails the deployment, when the execution cannot be started', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new Error('AccessDeniedException'));

    await expect(reconcileAfterDeploy(sfn, env, silentLogger, '3')).rejects.toThrow('AccessDeniedException');
  });
});

describe('Function: readAfterDeployEnv', () => {
  it('reads the bot, the state machine, the fingerprint and the log level', () => {
    expect(readAfterDeployEnv(VARIABLES)).toEqual({ botId: 'bot1', stateMachineArn: ARN, fingerprint: FINGERPRINT, logLevel: 'warn' });
    expect(readAfterDeployEnv({ ...VARIABLES, LOG_LEVEL: undefined }).logLevel).toBe('info');
  });

  it('names a missing or invalid variable', () => {
    expect(() => readAfterDeployEnv({ ...VARIABLES, DEPLOY_FINGERPRINT: undefined })).toThrow('environment: DEPLOY_FINGERPRINT: is not set');
    expect(() => readAfterDeployEnv({ ...VARIABLES, RECONCILE_STATE_MACHINE_ARN: 'reconcile' })).toThrow('environment: RECONCILE_STATE_MACHINE_ARN: must be an ARN');
  });
});
