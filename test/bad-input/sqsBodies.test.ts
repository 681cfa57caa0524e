import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { SOUND_BODY, SQS_BODY_CASES } from './corpus/sqsBodies.js';
import { type BadInputBot, startBadInputBot } from './support/badInputBot.js';

const dynamo = useDynamoDbLocal();
let bot: BadInputBot;
beforeAll(async () => {
  bot = await startBadInputBot(dynamo);
});
afterAll(async () => bot.stop());

const REFUSED = 'malformed decision message: refused, no order';

describe('Bad input: malformed SQS bodies through the decide function', () => {
  it('starts from seeded tables, so "nothing changed" compares something', async () => {
    const seeded = await bot.snapshot();

    for (const items of Object.values(seeded)) expect(items.length).toBeGreaterThan(0);
  });

  it.each(SQS_BODY_CASES)('refuses $name, naming $field, sending and storing nothing', async ({ body, field, mentions }) => {
    const decide = bot.decideFunction();
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    const response = await decide.deliver(body, 'msg-bad');

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-bad' }] });
    const refusals = decide.logLines.filter((line) => line.msg === REFUSED);
    expect(refusals).toHaveLength(1);
    const reason = String(refusals[0]?.reason);
    expect(reason.startsWith(`${field}:`) || reason.startsWith(`${field} `), `reason "${reason}" should start with ${field}`).toBe(true);
    if (mentions !== undefined) expect(reason).toContain(mentions);
    expect(bot.sim.orders()).toEqual(ordersBefore);
    expect(await bot.snapshot()).toEqual(before);
  });

  it('holds back the next message of the same symbol behind a refused one, so candles are never decided out of order', async () => {
    const decide = bot.decideFunction();
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    const response = await decide.deliverBatch([['msg-bad', 'not json'], ['msg-sound', SOUND_BODY]]);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-bad' }, { itemIdentifier: 'msg-sound' }] });
    expect(bot.sim.orders()).toEqual(ordersBefore);
    expect(await bot.snapshot()).toEqual(before);
  });

  // Last: it trades, and so changes the tables the cases above share.
  it('control: the sound body the corpus is made from is decided and places its entry', async () => {
    const decide = bot.decideFunction();
    const ordersBefore = bot.sim.orders();

    expect(await decide.deliver(SOUND_BODY, 'msg-sound')).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders().length).toBeGreaterThan(ordersBefore.length);
    expect(decide.logLines.some((line) => line.msg === REFUSED)).toBe(false);
  });
});
