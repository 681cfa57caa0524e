import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBotConfigFile } from '../../cdk/loadBotConfigFile.js';
import { KILL_SWITCH_STATES } from '../../lib/domain/killSwitch.js';
import { parseKillSwitchArgs, runKillSwitchCommand, UsageError } from '../../scripts/killSwitchCommand.js';

const ssmMock = mockClient(SSMClient);
const putInputs = () => ssmMock.commandCalls(PutParameterCommand).map((call) => call.args[0].input);

describe('Script: kill-switch arguments', () => {
  it.each(KILL_SWITCH_STATES)('takes %s, reading the shipped config by default', (state) => {
    expect(parseKillSwitchArgs([state])).toEqual({ help: false, state, configPath: 'config/bot.json' });
  });

  it('takes a state in any letter case and sets it in capitals', () => {
    expect(parseKillSwitchArgs([' pause_entries '])).toMatchObject({ state: 'PAUSE_ENTRIES' });
  });

  it('takes --config, --parameter and --region in any order', () => {
    expect(parseKillSwitchArgs(['--config', 'other.json', 'HALT', '--parameter', '/bot2/kill-switch', '--region', 'eu-west-1'])).toEqual({
      help: false,
      state: 'HALT',
      configPath: 'other.json',
      parameter: '/bot2/kill-switch',
      region: 'eu-west-1',
    });
  });

  it.each([
    [['STOP'], '"STOP" is not a kill switch state; allowed values: RUN, PAUSE_ENTRIES, HALT, FLATTEN'],
    [['RUNNING'], '"RUNNING" is not a kill switch state; allowed values: RUN, PAUSE_ENTRIES, HALT, FLATTEN'],
    [[], 'no kill switch state given; allowed values: RUN, PAUSE_ENTRIES, HALT, FLATTEN'],
    [['HALT', 'RUN'], 'one state expected, got HALT RUN; allowed values'],
    [['HALT', '--parameter', 'kill-switch'], '--parameter: "kill-switch" is not a parameter name'],
    [['HALT', '--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j, naming what is allowed', (argv, message) => {
    expect(() => parseKillSwitchArgs(argv)).toThrow(UsageError);
    expect(() => parseKillSwitchArgs(argv)).toThrow(message);
  });

  it('answers --help with the usage', () => {
    expect(parseKillSwitchArgs(['--help'])).toEqual({ help: true });
  });
});

describe('Script: kill-switch command', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
  const createClient = vi.fn((region: string | undefined) => new SSMClient({ region: region ?? 'eu-west-1', credentials }));
  const deps = { createClient, readBotId: (path: string) => loadBotConfigFile(path).botId };

  beforeEach(() => {
    ssmMock.reset();
    createClient.mockClear();
    ssmMock.on(PutParameterCommand).resolves({ Version: 7, Tier: 'Standard' });
  });

  it("overwrites the configured bot's parameter with the state, as a String", async () => {
    const done = await runKillSwitchCommand(['HALT'], deps);

    expect(putInputs()).toEqual([{ Name: '/trader/kill-switch', Value: 'HALT', Type: 'String', Overwrite: true }]);
    expect(done).toBe('kill switch /trader/kill-switch set to HALT (parameter version 7)');
  });

  it('sets the named parameter in the named region without reading a config', async () => {
    const readBotId = vi.fn(() => 'unused');

    await runKillSwitchCommand(['RUN', '--parameter', '/bot2/kill-switch', '--region', 'us-east-1'], { createClient, readBotId });

    expect(putInputs()).toEqual([{ Name: '/bot2/kill-switch', Value: 'RUN', Type: 'String', Overwrite: true }]);
    expect(readBotId).not.toHaveBeenCalled();
    expect(createClient).toHaveBeenCalledWith('us-east-1');
  });

  it('sends nothing for an invalid state or an unreadable config', async () => {
    await expect(runKillSwitchCommand(['halted'], deps)).rejects.toThrow(UsageError);
    await expect(runKillSwitchCommand(['HALT', '--config', 'no/such/bot.json'], deps)).rejects.toThrow('no/such/bot.json: cannot be read');

    expect(putInputs()).toEqual([]);
  });

  it('passes an SSM failure on', async () => {
    ssmMock.on(PutParameterCommand).rejects(new Error('AccessDeniedException: not allowed'));

    await expect(runKillSwitchCommand(['FLATTEN'], deps)).rejects.toThrow('not allowed');
  });

  it('says no local bot runs and what the deployed bot needs when no region is set, and sends nothing', async () => {
    const noRegion = () => new SSMClient({ region: () => Promise.reject<string>(new Error('Region is missing')), credentials });

    const refused = runKillSwitchCommand(['HALT'], { ...deps, createClient: noRegion, runningLocalBots: () => Promise.resolve([]) });

    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(
      [
        'No local bot is running (start one with `npm start`), so this goes to the deployed bot, which is reached through AWS: no AWS region is set.',
        '  The deployed bot needs the region it is deployed in (--region eu-west-1, AWS_REGION, or a region in your AWS profile)',
        '  and credentials allowed to reach it (AWS_PROFILE, `aws configure` or `aws sso login`).',
        '  --aws goes to the deployed bot even while a local bot runs.',
      ].join('\n'),
    );
    expect(putInputs()).toEqual([]);
  });

  it('says which credentials the deployed bot needs when none are found', async () => {
    const noCredentials = () => new SSMClient({ region: 'eu-west-1', credentials: () => Promise.reject(new Error('Could not load credentials from any providers')) });

    await expect(runKillSwitchCommand(['RUN', '--aws'], { ...deps, createClient: noCredentials })).rejects.toThrow(
      'This goes to the deployed bot, which is reached through AWS: no AWS credentials were found (Could not load credentials from any providers).\n  The deployed bot needs',
    );
    expect(putInputs()).toEqual([]);
  });
});
