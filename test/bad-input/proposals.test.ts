import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { PROPOSAL_CASES } from './corpus/proposals.js';
import { SOUND_BODY } from './corpus/sqsBodies.js';
import type { ProposalParams } from './strategies/proposeFromParams.js';
import { type BadInputBot, PROPOSE_FROM_PARAMS, startBadInputBot } from './support/badInputBot.js';

const dynamo = useDynamoDbLocal();
let bot: BadInputBot;
beforeAll(async () => {
  bot = await startBadInputBot(dynamo);
});
afterAll(async () => bot.stop());

function decideProposing(params: ProposalParams) {
  return bot.decideFunction({ strategy: { name: PROPOSE_FROM_PARAMS, params: { ...params } } });
}

describe('Bad input: prices and amounts a strategy proposes, through the decide function', () => {
  it.each(PROPOSAL_CASES)('refuses $name ($code), naming it, sending and storing nothing', async ({ params, code, mentions }) => {
    const decide = decideProposing(params);
    const before = await bot.snapshot();
    const ordersBefore = bot.sim.orders();

    const response = await decide.deliver(SOUND_BODY, 'msg-proposal');

    if (code === 'decision_failed') {
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-proposal' }] });
      const failures = decide.logLines.filter((line) => line.msg === 'decision failed; the message will be delivered again');
      expect(failures.map((line) => (line.err as { message?: string } | undefined)?.message)).toEqual([expect.stringContaining(mentions)]);
    } else {
      expect(response).toEqual({ batchItemFailures: [] });
      const rejections = decide.logLines.filter((line) => line.msg === 'risk rejection');
      expect(rejections.map((line) => line.reason)).toEqual([code]);
      expect(JSON.stringify(rejections[0]?.rejection)).toContain(mentions);
      expect(decide.logLines.filter((line) => line.msg === 'decided')).toMatchObject([{ proposals: 1, orders: 0 }]);
    }
    expect(bot.sim.orders()).toEqual(ordersBefore);
    expect(await bot.snapshot()).toEqual(before);
  });

  // Last: it trades, and so changes the tables the cases above share.
  it('control: the sound proposal the cases are made from is approved and entered', async () => {
    const decide = decideProposing({});
    const ordersBefore = bot.sim.orders();

    expect(await decide.deliver(SOUND_BODY)).toEqual({ batchItemFailures: [] });

    expect(decide.logLines.some((line) => line.msg === 'risk rejection')).toBe(false);
    expect(bot.sim.orders().length).toBeGreaterThan(ordersBefore.length);
  });
});
