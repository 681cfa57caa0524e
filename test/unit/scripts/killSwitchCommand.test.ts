import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalParameterStore } from '../../../lib/local/aws/LocalParameterStore.js';
import type { LocalBotEntry } from '../../../lib/local/bots/localBotRegistry.js';
import { KILL_SWITCH_USAGE, parseKillSwitchArgs, runKillSwitchCommand } from '../../../scripts/killSwitchCommand.js';

// The AWS client's instance is mocked, not SSMClient's prototype: the local bots' clients are SSMClients too.
const awsClient = new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' } });
const awsMock = mockClient(awsClient);
const awsPuts = () => awsMock.commandCalls(PutParameterCommand).map((call) => call.args[0].input);

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kill-switch-'));
  awsMock.reset();
  awsMock.on(PutParameterCommand).resolves({ Version: 7, Tier: 'Standard' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function localBot(botId: string, pid: number): Promise<LocalBotEntry> {
  const parameterFile = join(dir, botId, 'parameters.json');
  await LocalParameterStore.create(parameterFile, { [`/${botId}/kill-switch`]: 'RUN', [`/${botId}/runtime-config`]: '{}' });
  return { botId, pid, parameterFile, startedAt: 1_767_322_800_000 };
}

function deps(bots: readonly LocalBotEntry[]) {
  return {
    createClient: vi.fn((_region: string | undefined) => awsClient),
    readBotId: vi.fn(() => 'trader'),
    runningLocalBots: vi.fn(() => Promise.resolve(bots)),
    openLocalParameters: vi.fn((file: string) => LocalParameterStore.open(file)),
  };
}

describe('Script: kill-switch command with local bots', () => {
  it('sets the switch of every running local bot in its parameter file, and nothing in AWS', async () => {
    const bots = [await localBot('bot1', 4101), await localBot('bot2', 4102)];
    const commandDeps = deps(bots);

    const done = await runKillSwitchCommand(['halt'], commandDeps);

    expect(done).toBe(['kill switch of the local bot bot1 (pid 4101) set to HALT (parameter version 2)', 'kill switch of the local bot bot2 (pid 4102) set to HALT (parameter version 2)'].join('\n'));
    expect(await LocalParameterStore.open(bots[0]!.parameterFile).get('/bot1/kill-switch')).toMatchObject({ value: 'HALT', version: 2 });
    expect(await LocalParameterStore.open(bots[1]!.parameterFile).get('/bot2/kill-switch')).toMatchObject({ value: 'HALT', version: 2 });
    expect(await LocalParameterStore.open(bots[0]!.parameterFile).get('/bot1/runtime-config')).toMatchObject({ value: '{}', version: 1 });
    expect(awsPuts()).toEqual([]);
    expect(commandDeps.createClient).not.toHaveBeenCalled();
    expect(commandDeps.readBotId).not.toHaveBeenCalled();
  });

  it('sets the parameter in AWS with --aws, even while a local bot runs, without looking for one', async () => {
    const bot = await localBot('bot1', 4101);
    const commandDeps = deps([bot]);

    const done = await runKillSwitchCommand(['FLATTEN', '--aws'], commandDeps);

    expect(done).toBe('kill switch /trader/kill-switch set to FLATTEN (parameter version 7)');
    expect(awsPuts()).toEqual([{ Name: '/trader/kill-switch', Value: 'FLATTEN', Type: 'String', Overwrite: true }]);
    expect(commandDeps.runningLocalBots).not.toHaveBeenCalled();
    expect(await LocalParameterStore.open(bot.parameterFile).get('/bot1/kill-switch')).toMatchObject({ value: 'RUN', version: 1 });
  });

  it('sets the parameter in AWS when no local bot runs', async () => {
    const done = await runKillSwitchCommand(['PAUSE_ENTRIES'], deps([]));

    expect(done).toBe('kill switch /trader/kill-switch set to PAUSE_ENTRIES (parameter version 7)');
    expect(awsPuts()).toEqual([{ Name: '/trader/kill-switch', Value: 'PAUSE_ENTRIES', Type: 'String', Overwrite: true }]);
  });

  it('tries every local bot when one cannot be set, then fails naming each', async () => {
    const gone = { botId: 'bot0', pid: 4100, parameterFile: join(dir, 'bot0', 'parameters.json'), startedAt: 0 };
    const bot = await localBot('bot1', 4101);

    const failure = runKillSwitchCommand(['HALT'], deps([gone, bot]));

    await expect(failure).rejects.toThrow(
      [
        "not every local bot's kill switch was set:",
        `kill switch of the local bot bot0 (pid 4100) not set: ${gone.parameterFile}: no local parameter file there (the local bot writes it when it starts)`,
        'kill switch of the local bot bot1 (pid 4101) set to HALT (parameter version 2)',
      ].join('\n'),
    );
    expect(await LocalParameterStore.open(bot.parameterFile).get('/bot1/kill-switch')).toMatchObject({ value: 'HALT' });
    expect(awsPuts()).toEqual([]);
  });

  it('takes --aws and names it in the usage', () => {
    expect(parseKillSwitchArgs(['HALT', '--aws'])).toEqual({ help: false, state: 'HALT', configPath: 'config/bot.json', aws: true });
    expect(KILL_SWITCH_USAGE).toContain('[--aws]');
  });
});
