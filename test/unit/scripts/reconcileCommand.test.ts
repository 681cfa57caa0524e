import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseReconcileArgs, refuseWhileLocalBotsRun, runReconcileCommand } from '../../../scripts/reconcileCommand.js';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:bot1-reconcile';
const NOW = Date.UTC(2026, 10, 22, 9, 30, 15, 250);

function deps() {
  let now = NOW;
  const slept: number[] = [];
  return { slept, deps: { client: new SFNClient({ region: 'eu-west-1' }), botId: 'bot1', now: () => now, sleep: (ms: number) => ((now += ms), slept.push(ms), Promise.resolve()) } };
}

describe('Script: npm run reconcile', () => {
  beforeEach(() => {
    sfn.reset();
    sfn.on(ListStateMachinesCommand).resolvesOnce({ stateMachines: [{ name: 'other', stateMachineArn: 'x', type: 'STANDARD', creationDate: new Date(0) }], nextToken: 'p2' }).resolves({ stateMachines: [{ name: 'bot1-reconcile', stateMachineArn: ARN, type: 'STANDARD', creationDate: new Date(0) }] });
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:run`, startDate: new Date(NOW) });
  });

  it('finds the bot\'s state machine by name, starts a manual run that may resume a halted bot, and waits for its findings', async () => {
    sfn.on(DescribeExecutionCommand).resolvesOnce({ status: 'RUNNING' } as never).resolves({ status: 'SUCCEEDED', output: JSON.stringify({ lock: { locked: true }, diff: { round: 2, findings: [{ kind: 'foreignOrder' }] } }) } as never);
    const { deps: commandDeps, slept } = deps();

    const result = await runReconcileCommand({ configPath: 'config/bot.json', resume: true }, commandDeps);

    expect(result).toEqual({ name: 'bot1-manual-20261122093015250', status: 'SUCCEEDED', summary: 'reconciled in 2 round(s); last findings: foreignOrder' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: ARN, name: 'bot1-manual-20261122093015250', input: '{"reason":"manual","resumeHalted":true}' });
    expect(slept).toEqual([2000]);
  });

  it('reports a halt with the reason Step Functions gives', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', error: 'Halted', cause: 'Reconciliation could not make the ledger agree with the exchange: the bot is HALTED' } as never);
    const result = await runReconcileCommand({ configPath: 'c', resume: false }, deps().deps);
    expect(result).toMatchObject({ status: 'FAILED', summary: 'Halted: Reconciliation could not make the ledger agree with the exchange: the bot is HALTED' });
  });

  it('says where to look when no such state machine is deployed, and refuses unknown options', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    await expect(runReconcileCommand({ configPath: 'c', resume: false }, deps().deps)).rejects.toThrow('no state machine named bot1-reconcile in this account and region');
    expect(() => parseReconcileArgs(['--resum'])).toThrow(/Unknown option '--resum'/);
    expect(parseReconcileArgs(['--resume', '--region', 'eu-west-1'])).toEqual({ help: false, configPath: 'config/bot.json', resume: true, region: 'eu-west-1' });
  });

  it('points at the kill switch while a local bot runs, and at --aws for the deployed bot', () => {
    const bots = [{ botId: 'trader', pid: 4242, parameterFile: '/tmp/p.json', startedAt: 0 }];

    expect(() => refuseWhileLocalBotsRun({ configPath: 'c', resume: true }, bots)).toThrow(
      'local bot running: trader (pid 4242). A local bot reconciles when it starts and when its kill switch goes back to RUN: `npm run kill-switch -- RUN` (which also lifts a HALTED bot).\n  To reconcile the deployed bot instead: `npm run reconcile -- --aws --resume`.',
    );
    expect(() => refuseWhileLocalBotsRun({ configPath: 'c', resume: false, aws: true }, bots)).not.toThrow();
    expect(() => refuseWhileLocalBotsRun({ configPath: 'c', resume: false }, [])).not.toThrow();
    expect(parseReconcileArgs(['--aws'])).toEqual({ help: false, configPath: 'config/bot.json', resume: false, aws: true });
  });
});
