import { afterEach, describe, expect, it } from 'vitest';
import { type FaultRule, connectCcxtBinance } from '../../../lib/local/exchange-sim/index.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { type Reshape, balances, unchanged, without } from './binanceAnswers.js';
import { answerAlways, faultsServed, rejectionOf } from './gatewayOnSim.js';
import { LedgerBot } from './ledgerBot.js';

const dynamo = useDynamoDbLocal();
let bot: LedgerBot | undefined;
afterEach(async () => bot?.stop());

type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
const custom = (body: Reshape): Fault => ({ kind: 'customBody', body });
const LOCK = { lockId: 'bad-input-run' };

// [what the venue answers, endpoint, fault, fragment of the step's error]
const CASES: readonly (readonly [string, string, Fault, string])[] = [
  ['open orders without status', 'GET /api/v3/openOrders', custom(without('status')), 'fetchOpenOrders failed: BadResponse: order 2 (manual-order): status is missing'],
  ['cut-short open orders', 'GET /api/v3/openOrders', { kind: 'malformedJson' }, 'fetchOpenOrders failed: BadResponse: binance GET /api/v3/openOrders: the answer is not JSON'],
  ['balances without free', 'GET /api/v3/account', custom(balances(without('free'))), 'fetchBalance failed: BadResponse: balance BTC: free is missing'],
  ['a ticker without last', 'GET /api/v3/ticker/24hr', custom(without('lastPrice', 'priceChange', 'priceChangePercent')), 'fetchTicker failed: BadResponse: LTC/BTC ticker: last is missing or not a positive price (undefined)'],
  ['fills without amount', 'GET /api/v3/myTrades', custom(without('qty')), 'fetchMyTrades failed: BadResponse: trade 1 of order 1: amount is missing'],
  ['an HTML 502 page for the fills', 'GET /api/v3/myTrades', { kind: 'htmlError' }, '502 Bad Gateway'],
];

/** A bot holding an open plan (its entry placed on candle 10, settled on 11), and someone's order resting on the venue. */
async function holdingAPosition(): Promise<LedgerBot> {
  const started = (bot = await LedgerBot.start(dynamo));
  expect(await started.decide(10)).toEqual({ batchItemFailures: [] });
  expect(await started.decide(11)).toEqual({ batchItemFailures: [] });
  expect(started.logged('order settled')).toHaveLength(1);
  await connectCcxtBinance(started.sim).createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015, { clientOrderId: 'manual-order' });
  return started;
}

describe("Bad input: reconciliation's exchange snapshot on bad venue answers (DynamoDB Local, real ccxt binance, simulator)", () => {
  it.each(CASES)('fails the snapshot on %s, naming it: nothing placed or cancelled, every table unchanged', async (_what, endpoint, fault, fragment) => {
    const started = await holdingAPosition();
    const stored = await started.snapshot();
    const ordersBefore = started.sim.orders();
    answerAlways(started.sim, endpoint, fault);

    const error = await rejectionOf(started.exchangeSnapshotStep()(LOCK));

    expect(error.message).toContain(fragment);
    expect(faultsServed(started.sim, endpoint, fault.kind)).toBeGreaterThan(0);
    expect(await started.snapshot()).toEqual(stored);
    expect(started.sim.orders()).toEqual(ordersBefore);
  });

  it('takes the snapshot when the same faults pass every answer unchanged (the control)', async () => {
    const started = await holdingAPosition();
    for (const endpoint of new Set(CASES.map(([, e]) => e))) answerAlways(started.sim, endpoint, custom(unchanged));

    const snapshot = (await started.exchangeSnapshotStep()(LOCK)) as { openOrders: unknown[]; fills: unknown[]; balances: Record<string, unknown> };

    expect(snapshot.openOrders.length).toBeGreaterThan(0);
    expect(snapshot.fills.length).toBeGreaterThan(0);
    expect(Object.keys(snapshot.balances)).toEqual(expect.arrayContaining(['BTC', 'LTC']));
  });
});
