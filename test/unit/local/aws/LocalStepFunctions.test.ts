import { DescribeExecutionCommand, type SFNClient, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { LocalStepFunctions } from '../../../../lib/local/aws/LocalStepFunctions.js';
import type { ReconciliationRun } from '../../../../lib/local/runReconciliation.js';
import { startReconciliation } from '../../../../lib/adapters/sfn/startReconciliation.js';

const ARN = 'arn:aws:states:local:000000000000:stateMachine:bot1-reconcile';
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);
const succeeded = (tasks: string[]): ReconciliationRun => ({ status: 'SUCCEEDED', output: { tasks }, tasks });

function setup(run: (name: string, input: Record<string, unknown>, sfn: SFNClient) => Promise<ReconciliationRun>) {
  const ran: string[] = [];
  const clock = new ManualClock(T0);
  const stepFunctions: LocalStepFunctions = new LocalStepFunctions(
    ARN,
    (name, input) => {
      ran.push(name);
      return run(name, input, sfn);
    },
    clock,
  );
  const sfn = stepFunctions.client();
  const start = (name: string, input: Record<string, unknown> = { reason: 'drift' }) => startReconciliation(sfn, ARN, name, input, silentLogger);
  return { stepFunctions, sfn, start, ran, clock };
}

describe('Class: LocalStepFunctions', () => {
  it('queues a started execution and runs nothing until runPending', async () => {
    const { stepFunctions, start, ran } = setup(() => Promise.resolve(succeeded(['Lock'])));

    expect(await start('bot1-drift-202601020300')).toEqual({ kind: 'started', name: 'bot1-drift-202601020300', executionArn: 'arn:aws:states:local:000000000000:execution:bot1-reconcile:bot1-drift-202601020300' });
    expect(ran).toEqual([]);
    expect(stepFunctions.executions()).toMatchObject([{ name: 'bot1-drift-202601020300', status: 'PENDING', input: { reason: 'drift' }, startDate: new Date(T0) }]);

    expect(await stepFunctions.runPending()).toEqual([{ name: 'bot1-drift-202601020300', input: { reason: 'drift' }, run: succeeded(['Lock']) }]);
    expect(stepFunctions.executions()).toMatchObject([{ status: 'SUCCEEDED', run: succeeded(['Lock']) }]);
    expect(await stepFunctions.runPending()).toEqual([]);
  });

  it('answers a name already used with ExecutionAlreadyExists, which startReconciliation reports as alreadyStarted', async () => {
    const { stepFunctions, start } = setup(() => Promise.resolve(succeeded([])));
    await start('bot1-run-e1', { reason: 'killSwitch' });

    // Queued, with other input.
    expect(await start('bot1-run-e1', { reason: 'manual' })).toEqual({ kind: 'alreadyStarted', name: 'bot1-run-e1' });
    await stepFunctions.runPending();
    // Finished, with the same input.
    expect(await start('bot1-run-e1', { reason: 'killSwitch' })).toEqual({ kind: 'alreadyStarted', name: 'bot1-run-e1' });
    expect(stepFunctions.executions()).toHaveLength(1);
  });

  it('returns the queued execution when it is started again with the same input, as Step Functions does', async () => {
    const { stepFunctions, start } = setup(() => Promise.resolve(succeeded([])));
    const first = await start('bot1-drift-202601020300');

    expect(await start('bot1-drift-202601020300')).toEqual(first);
    expect(await stepFunctions.runPending()).toHaveLength(1);
  });

  it('runs executions one after another in start order, those a run starts included, and reports failed ones', async () => {
    let running = 0;
    const { stepFunctions, start } = setup(async (name) => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (name === 'a') await start('c', { reason: 'started by a' });
      running -= 1;
      if (name === 'b') return { status: 'FAILED', error: 'Execution has failed with the following error: Halted', tasks: ['Lock', 'Diff'] };
      if (name === 'c') throw new Error('step handler crashed');
      return succeeded([name]);
    });
    await start('a');
    await start('b');

    const ran = await stepFunctions.runPending();

    expect(ran.map(({ name, run }) => [name, run.status, run.error])).toEqual([
      ['a', 'SUCCEEDED', undefined],
      ['b', 'FAILED', 'Execution has failed with the following error: Halted'],
      ['c', 'FAILED', 'Error: step handler crashed'],
    ]);
    expect(stepFunctions.executions().map((execution) => execution.status)).toEqual(['SUCCEEDED', 'FAILED', 'FAILED']);
  });

  it('runs the executions of calls made while it runs after the ones already running', async () => {
    const { stepFunctions, start, ran } = setup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return succeeded([]);
    });
    await start('a');
    const first = stepFunctions.runPending();
    await start('b');
    const second = stepFunctions.runPending();

    expect((await first).map((execution) => execution.name)).toEqual(['a', 'b']);
    expect(await second).toEqual([]);
    expect(ran).toEqual(['a', 'b']);
  });

  it('describes an execution as DescribeExecution does', async () => {
    const { stepFunctions, sfn, start, clock } = setup(() => Promise.resolve({ status: 'FAILED', error: 'Execution has failed with the following error: Halted', tasks: [] }));
    const started = await start('bot1-manual-1', { reason: 'manual' });
    const executionArn = started.kind === 'started' ? started.executionArn : '';

    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'RUNNING', name: 'bot1-manual-1', input: '{"reason":"manual"}', startDate: new Date(T0) });
    clock.set(T0 + 1000);
    await stepFunctions.runPending();
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toEqual({
      $metadata: {},
      executionArn,
      stateMachineArn: ARN,
      name: 'bot1-manual-1',
      status: 'FAILED',
      startDate: new Date(T0),
      stopDate: new Date(T0 + 1000),
      input: '{"reason":"manual"}',
      error: 'ExecutionFailed',
      cause: 'Execution has failed with the following error: Halted',
    });
  });

  it('knows only its own state machine', async () => {
    const { sfn } = setup(() => Promise.resolve(succeeded([])));

    await expect(startReconciliation(sfn, `${ARN}-other`, 'x', {}, silentLogger)).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });
});
