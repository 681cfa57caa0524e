import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../../lib/local/exchange-sim/index.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { type Reshape, balances, withField, without, withoutFilters } from './binanceAnswers.js';
import { answerAlways, faultsServed } from './gatewayOnSim.js';
import { LedgerBot } from './ledgerBot.js';

const dynamo = useDynamoDbLocal();
let bot: LedgerBot | undefined;
afterEach(async () => bot?.stop());

type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
const custom = (body: Reshape): Fault => ({ kind: 'customBody', body });
const ACCOUNT = 'GET /api/v3/account';
const MARKETS = 'GET /api/v3/exchangeInfo';
const ORDER = 'GET /api/v3/order';
const TRADES = 'GET /api/v3/myTrades';

// [what the venue answers, endpoint, fault, fragment of the logged error]
type Case = readonly [string, string, Fault, string];

/** Read by the first decision, before it places its entry. */
const BEFORE_ENTRY: readonly Case[] = [
  ['balances without free', ACCOUNT, custom(balances(without('free'))), 'fetchBalance failed: BadResponse: balance BTC: free is missing'],
  ['a cut-short balance answer', ACCOUNT, { kind: 'malformedJson' }, 'fetchBalance failed: BadResponse: binance GET /api/v3/account: the answer is not JSON'],
  ['an HTML 502 page for the balances', ACCOUNT, { kind: 'htmlError' }, '502 Bad Gateway'],
  ['a market without its lot size', MARKETS, custom(withoutFilters('LOT_SIZE')), 'LTC/BTC precision.amount: missing from the market data'],
  ['cut-short markets', MARKETS, { kind: 'malformedJson' }, 'loadMarkets failed: BadResponse: binance GET /api/v3/exchangeInfo: the answer is not JSON'],
];

/** Read by the next decision, settling the entry the first one placed. */
const SETTLING_ENTRY: readonly Case[] = [
  ['the entry order without status', ORDER, custom(without('status')), '): status is missing'],
  ['the entry order under another client order id', ORDER, custom(withField('clientOrderId', 'someone-else')), '(someone-else): clientOrderId someone-else is not '],
  ['the filled entry without its filled quantity', ORDER, custom(without('executedQty', 'cummulativeQuoteQty')), '): filled is 0 on an order the venue calls closed (filled)'],
  ['the entry fill without price (nor cost)', TRADES, custom(without('price', 'quoteQty')), 'fetchMyTrades failed: BadResponse: trade 1 of order 1: price is missing'],
  ['the entry fill without amount', TRADES, custom(without('qty')), 'fetchMyTrades failed: BadResponse: trade 1 of order 1: amount is missing'],
  ['cut-short fills', TRADES, { kind: 'malformedJson' }, 'fetchMyTrades failed: BadResponse: binance GET /api/v3/myTrades: the answer is not JSON'],
];

/** Decides candle `index` while `endpoint` answers badly: refused and named, nothing stored or placed. */
async function expectRefusedDecision(started: LedgerBot, index: number, endpoint: string, fault: Fault, fragment: string): Promise<void> {
  const stored = await started.snapshot();
  const ordersBefore = started.sim.orders();
  answerAlways(started.sim, endpoint, fault);

  const response = await started.decide(index);

  expect(response.batchItemFailures).toHaveLength(1);
  const [failure] = started.logged('decision failed; the message will be delivered again');
  expect((failure?.['err'] as { message?: string } | undefined)?.message).toContain(fragment);
  expect(faultsServed(started.sim, endpoint, fault.kind)).toBeGreaterThan(0);
  expect(await started.snapshot()).toEqual(stored);
  expect(started.sim.orders()).toEqual(ordersBefore);
}

describe('Bad input: decide on bad venue answers (DynamoDB Local, real ccxt binance, simulator)', () => {
  it.each(BEFORE_ENTRY)('refuses the decision on %s: logged by name, no order, every table unchanged', async (_what, endpoint, fault, fragment) => {
    bot = await LedgerBot.start(dynamo);
    await expectRefusedDecision(bot, 10, endpoint, fault, fragment);
    expect(bot.sim.orders()).toEqual([]);
  });

  it.each(SETTLING_ENTRY)('refuses to settle the entry on %s: logged by name, no second order, every table unchanged', async (_what, endpoint, fault, fragment) => {
    bot = await LedgerBot.start(dynamo);
    expect(await bot.decide(10)).toEqual({ batchItemFailures: [] });
    expect(bot.sim.orders()).toHaveLength(1);
    expect((await bot.snapshot()).orders).toHaveLength(1);

    await expectRefusedDecision(bot, 11, endpoint, fault, fragment);
  });

  it('settles the same entry once the venue answers well again (the control)', async () => {
    bot = await LedgerBot.start(dynamo);
    await bot.decide(10);
    answerAlways(bot.sim, ORDER, custom(without('status')));
    await bot.decide(11);
    bot.sim.faults.clear();

    expect(await bot.decide(11)).toEqual({ batchItemFailures: [] });
    expect(bot.logged('order settled')).toEqual([expect.objectContaining({ planStatus: 'open', orderStatus: 'closed', fills: 1 })]);
  });
});
