import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import type { ExchangeSimulator, FaultRule } from '../../../lib/local/exchange-sim/index.js';
import { LTC_CANDLES } from '../../integration/local/exchange-sim/simFixture.js';
import { type Reshape, unchanged, withField, without } from './binanceAnswers.js';
import { FILLED, RESTING, answerAlways, faultsServed, gatewayOn, rejectionOf, startStagedSim } from './gatewayOnSim.js';

const OPEN_ORDERS = 'GET /api/v3/openOrders';
const ORDER = 'GET /api/v3/order';
const TRADES = 'GET /api/v3/myTrades';

type Read = (gateway: CcxtExchange) => Promise<unknown>;
const READS: Readonly<Record<string, Read>> = {
  [OPEN_ORDERS]: (g) => g.fetchOpenOrders('LTC/BTC'),
  [ORDER]: (g) => g.fetchOrderByClientId('LTC/BTC', FILLED),
  // Every trade of the staged venue: since its first candle (a day-at-a-time read, so not from time 0).
  [TRADES]: (g) => g.fetchFills('LTC/BTC', LTC_CANDLES[0]!.openTime),
};

type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
const custom = (body: Reshape): Fault => ({ kind: 'customBody', body });

// [what the venue answers, endpoint, fault, fragments the error must hold]
const CASES: readonly (readonly [string, string, Fault, readonly string[]])[] = [
  ['an open order without status', OPEN_ORDERS, custom(without('status')), ['fetchOpenOrders failed: BadResponse: order ', `(${RESTING}): status is missing`]],
  ['an open order without amount', OPEN_ORDERS, custom(without('origQty')), [`(${RESTING}): amount is missing`]],
  ['an open limit order without price', OPEN_ORDERS, custom(without('price')), [`(${RESTING}): price is missing from a limit order`]],
  ['an open order without side', OPEN_ORDERS, custom(without('side')), [`(${RESTING}): side is missing`]],
  ['an open order on a side that is neither', OPEN_ORDERS, custom(withField('side', 'SHORT')), [`(${RESTING}): side "short" is neither buy nor sell`]],
  ['an open order without its id', OPEN_ORDERS, custom(without('orderId')), [`order (no id) (${RESTING}): id is missing`]],
  ['an open order without its filled quantity (ccxt reads it as 0)', OPEN_ORDERS, custom(without('executedQty')), [`(${RESTING}): filled is missing (the venue's executedQty or filledQty)`]],
  ['an open order with a negative amount', OPEN_ORDERS, custom(withField('origQty', '-1')), [`(${RESTING}): amount -1 is not a positive number`]],
  ['an HTML 502 page for the open orders', OPEN_ORDERS, { kind: 'htmlError' }, ['fetchOpenOrders failed: ExchangeNotAvailable: ', '502 Bad Gateway']],
  ['cut-short open orders', OPEN_ORDERS, { kind: 'malformedJson' }, ['fetchOpenOrders failed: BadResponse: binance GET /api/v3/openOrders: the answer is not JSON']],
  ['the order looked up, without its client order id', ORDER, custom(without('clientOrderId')), ['fetchOrderByClientId failed: BadResponse: order ', `: clientOrderId is missing (asked about ${FILLED})`]],
  ['another client order id than the one looked up', ORDER, custom(withField('clientOrderId', 'someone-else')), [`(someone-else): clientOrderId someone-else is not ${FILLED}, the one asked about`]],
  ['the order looked up, without status', ORDER, custom(without('status')), [`(${FILLED}): status is missing`]],
  ['a filled order without its filled quantity', ORDER, custom(without('executedQty', 'cummulativeQuoteQty')), [`(${FILLED}): filled is 0 on an order the venue calls closed (filled)`]],
  ['a cut-short order', ORDER, { kind: 'malformedJson' }, ['fetchOrderByClientId failed: BadResponse: binance GET /api/v3/order: the answer is not JSON']],
  ['a trade without price (nor the cost ccxt derives it from)', TRADES, custom(without('price', 'quoteQty')), ['fetchMyTrades failed: BadResponse: trade ', ': price is missing']],
  ['a trade without amount', TRADES, custom(without('qty')), ['fetchMyTrades failed: BadResponse: trade ', ': amount is missing']],
  ['a trade without its id', TRADES, custom(without('id')), ['fetchMyTrades failed: BadResponse: trade of order ', ': id is missing']],
  ['cut-short trades', TRADES, { kind: 'malformedJson' }, ['fetchMyTrades failed: BadResponse: binance GET /api/v3/myTrades: the answer is not JSON']],
];

describe('Bad input: order and trade answers the ccxt gateway refuses (real ccxt binance, simulator)', () => {
  let sim: ExchangeSimulator;
  beforeAll(async () => {
    sim = await startStagedSim();
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.stop());

  it.each(CASES)('refuses %s, naming it, and places or cancels nothing', async (_what, endpoint, fault, fragments) => {
    const ordersBefore = sim.orders();
    const servedBefore = faultsServed(sim, endpoint, fault.kind);
    answerAlways(sim, endpoint, fault);

    const error = await rejectionOf(READS[endpoint]!(gatewayOn(sim)));

    for (const fragment of fragments) expect(error.message).toContain(fragment);
    expect(faultsServed(sim, endpoint, fault.kind)).toBeGreaterThan(servedBefore);
    expect(sim.orders()).toEqual(ordersBefore);
  });

  it.each(Object.keys(READS))('reads the answer of %s when the same fault passes it unchanged', async (endpoint) => {
    const servedBefore = faultsServed(sim, endpoint, 'customBody');
    answerAlways(sim, endpoint, custom(unchanged));

    const answer = await READS[endpoint]!(gatewayOn(sim));

    expect(Array.isArray(answer) ? answer.length : answer).toBeTruthy();
    expect(faultsServed(sim, endpoint, 'customBody')).toBeGreaterThan(servedBefore);
  });

  it('refuses a cancel whose lookup answer lacks the status, and the order stays on the venue', async () => {
    answerAlways(sim, ORDER, custom(without('status')));

    const error = await rejectionOf(gatewayOn(sim).cancelOrder('LTC/BTC', RESTING));

    expect(error.message).toContain(`(${RESTING}): status is missing`);
    expect(sim.orders().find((o) => o.clientOrderId === RESTING)?.status).toBe('NEW');
  });
});
