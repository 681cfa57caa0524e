import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { UNSTORABLE_PROPOSAL_CASES } from './corpus/proposals.js';
import { SOUND_BODY } from './corpus/sqsBodies.js';
import { type BadInputBot, PROPOSE_FROM_PARAMS, startBadInputBot } from './support/badInputBot.js';

const dynamo = useDynamoDbLocal();
let bot: BadInputBot;
beforeEach(async () => {
  // The stored risk state is the previous day's: the decided candle starts a day, so its decision commits.
  bot = await startBadInputBot(dynamo, '2018-01-09');
});
afterEach(async () => bot.stop());

/** What a commit on a new day moves by design: the day's risk state, and the ledger version with it. */
// The day's risk state, the ledger version and the series' decided watermark move with the decision's commit.
const movesWithTheDay = (item: string) => item.includes('"DAILY_RISK"') || item.includes('"sk":{"S":"STATE"}') || item.includes('"sk":{"S":"DECIDED#');

describe('Bad input: unstorable proposal numbers on the first candle of a UTC day', () => {
  // DynamoDB's document client refuses NaN, ±Infinity and numbers out of its range: the record
  // keeps such numbers as text, so the commit goes through and the message is not redelivered.
  it.each(UNSTORABLE_PROPOSAL_CASES)('$name: refused with the field named, no order, the rejection recorded, nothing stored changed', async ({ params, code, mentions }) => {
    const decide = bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: { ...params } } });
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders()).toEqual(ordersBefore);
    const rejections = decide.logLines.filter((line) => line.msg === 'risk rejection');
    expect(rejections.map((line) => line.reason)).toEqual([code]);
    expect(JSON.stringify(rejections[0]?.rejection)).toContain(mentions);
    const after = await bot.snapshot();
    // The new day's risk state (and ledger version) and this candle's decision record are written; all else is as it was.
    expect(after.state.filter((item) => !movesWithTheDay(item))).toEqual(before.state.filter((item) => !movesWithTheDay(item)));
    expect({ ...after, state: [], telemetry: [] }).toEqual({ ...before, state: [], telemetry: [] });
    expect(after.telemetry).toEqual(expect.arrayContaining([...before.telemetry]));
    expect(after.telemetry).toHaveLength(before.telemetry.length + 1);
    expect(after.telemetry.find((item) => !before.telemetry.includes(item))).toContain(code);
  });

  it('control: a sound proposal on the same candle is decided, entered and recorded', async () => {
    const decide = bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: {} } });
    const before = await bot.snapshot();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders()).toHaveLength(1);
    expect((await bot.snapshot()).telemetry.length).toBe(before.telemetry.length + 1);
  });
});
