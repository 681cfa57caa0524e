import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../lib/adapters/memory/ManualClock.js';
import { SsmKillSwitch } from '../../lib/adapters/ssm/SsmKillSwitch.js';
import { parseKillSwitch } from '../../lib/domain/killSwitch.js';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { INVALID_KILL_SWITCH_VALUES, PADDED_KILL_SWITCH_VALUES, UNREADABLE_KILL_SWITCH } from './corpus/killSwitchValues.js';
import { SOUND_BODY } from './corpus/sqsBodies.js';
import { type BadInputBot, startBadInputBot } from './support/badInputBot.js';

const PARAMETER = '/badinput/kill-switch';

/** The SSM adapter on its own client, answering `answer` to GetParameter, and what it logs. */
function aKillSwitch(answer: (mock: ReturnType<typeof mockClient>) => void) {
  const client = new SSMClient({ region: 'us-east-1' });
  const mock = mockClient(client);
  answer(mock);
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const clock = new ManualClock(1_000_000);
  return { killSwitch: new SsmKillSwitch({ client, parameterName: PARAMETER, clock, logger }), logger, clock, mock };
}

const holding = (value: string | undefined) => ({ Parameter: { Name: PARAMETER, Type: 'String' as const, Version: 3, ...(value === undefined ? {} : { Value: value }) } });

describe('Bad input: invalid kill-switch values read as HALT', () => {
  it.each(INVALID_KILL_SWITCH_VALUES)('parseKillSwitch fails closed on $name', ({ value }) => {
    expect(parseKillSwitch(value)).toEqual({ state: 'HALT', valid: false });
  });

  it.each(INVALID_KILL_SWITCH_VALUES)('the SSM adapter reads $name as HALT and logs the value', async ({ value }) => {
    const { killSwitch, logger } = aKillSwitch((mock) => mock.on(GetParameterCommand).resolves(holding(value)));

    expect(await killSwitch.read()).toBe('HALT');

    expect(logger.error).toHaveBeenCalledTimes(1);
    const [fields, message] = logger.error.mock.calls[0] as [Record<string, unknown>, string];
    expect(fields).toEqual({ parameterName: PARAMETER, value });
    expect(message).toBe(`kill switch value ${JSON.stringify(value)} is not a known state: reading HALT`);
  });

  it.each(PADDED_KILL_SWITCH_VALUES)('reads $name as $state, logging nothing', async ({ value, state }) => {
    const { killSwitch, logger } = aKillSwitch((mock) => mock.on(GetParameterCommand).resolves(holding(value)));

    expect(await killSwitch.read()).toBe(state);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it.each(UNREADABLE_KILL_SWITCH)('reads HALT when $name, logs why, and asks again on the next read', async ({ error }) => {
    const { killSwitch, logger, mock } = aKillSwitch((m) => m.on(GetParameterCommand).rejects(error));

    expect(await killSwitch.read()).toBe('HALT');
    expect(logger.error.mock.calls).toEqual([[{ parameterName: PARAMETER, reason: `${error.name}: ${error.message}` }, 'kill switch unreadable: reading HALT']]);

    mock.on(GetParameterCommand).resolves(holding('RUN'));
    expect(await killSwitch.read()).toBe('RUN');
  });
});

describe('Bad input: an invalid kill-switch value through the decide function', () => {
  const dynamo = useDynamoDbLocal();
  let bot: BadInputBot;
  beforeAll(async () => {
    bot = await startBadInputBot(dynamo);
  });
  afterAll(async () => bot.stop());

  it.each(INVALID_KILL_SWITCH_VALUES)('sends no order and stores nothing when the switch holds $name', async ({ value }) => {
    const decide = bot.decideFunction({ killSwitch: value });
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    const invalidValueLines = decide.logLines.filter((line) => line.msg === `kill switch value ${JSON.stringify(value)} is not a known state: reading HALT`);
    expect(invalidValueLines.map((line) => line.value)).toEqual([value]);
    expect(decide.logLines.filter((line) => line.msg === 'risk rejection')).toMatchObject([{ reason: 'kill_switch', rejection: { code: 'kill_switch', state: 'HALT' } }]);
    expect(bot.sim.orders()).toEqual(ordersBefore);
    expect(await bot.snapshot()).toEqual(before);
  });

  // Last: it trades, and so changes the tables the cases above share.
  it('control: with RUN the same message places its entry', async () => {
    const decide = bot.decideFunction({ killSwitch: 'RUN' });
    const ordersBefore = bot.sim.orders();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders().length).toBeGreaterThan(ordersBefore.length);
  });
});
