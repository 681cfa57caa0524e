import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { UNSTORABLE_PROPOSAL_CASES } from './corpus/proposals.js';
import { SOUND_BODY } from './corpus/sqsBodies.js';
import { type BadInputBot, PROPOSE_FROM_PARAMS, startBadInputBot } from './support/badInputBot.js';

const dynamo = useDynamoDbLocal();
let bot: BadInputBot;
beforeAll(async () => {
  // The stored risk state is the previous day's: the decided candle starts a day, so its decision commits.
  bot = await startBadInputBot(dynamo, '2018-01-09');
});
afterAll(async () => bot.stop());

describe('Bad input: unstorable proposal numbers on the first candle of a UTC day', () => {
  it.each(UNSTORABLE_PROPOSAL_CASES)('$name: no order and nothing stored, whatever the commit does', async ({ params }) => {
    const decide = bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: { ...params } } });
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    await decide.deliver(SOUND_BODY);

    expect(bot.sim.orders()).toEqual(ordersBefore);
    expect(await bot.snapshot()).toEqual(before);
  });

  // KNOWN BUG (not fixable from risk): the decision record keeps the raw proposal, and DynamoDB's
  // document client refuses NaN, ±Infinity and numbers out of its range, so the commit fails and
  // the message is redelivered until it dead-letters. Fix in lib/services/telemetry/buildDecisionRecord.ts
  // (record such numbers as text); then drop `.fails`.
  it.fails.each(UNSTORABLE_PROPOSAL_CASES)('$name: is decided and its rejection recorded', async ({ params, code, mentions }) => {
    const decide = bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: { ...params } } });

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    const rejections = decide.logLines.filter((line) => line.msg === 'risk rejection');
    expect(rejections.map((line) => line.reason)).toEqual([code]);
    expect(JSON.stringify(rejections[0]?.rejection)).toContain(mentions);
  });

  // Last: it trades. Shows the decided candle does commit, so the cases above reach the commit.
  it('control: a sound proposal on the same candle is decided, entered and recorded', async () => {
    const decide = bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: {} } });
    const before = await bot.snapshot();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders()).toHaveLength(1);
    expect((await bot.snapshot()).telemetry.length).toBe(before.telemetry.length + 1);
  });
});
