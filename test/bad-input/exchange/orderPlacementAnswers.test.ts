import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSimulator, FaultRule } from '../../../lib/local/exchange-sim/index.js';
import { ltcIntent } from '../../integration/adapters/ccxt/ccxtSimFixture.js';
import { type Reshape, orderAnswer, unchanged, withField, without, withoutFilters } from './binanceAnswers.js';
import { answerAlways, faultsServed, gatewayOn, startStagedSim } from './gatewayOnSim.js';

const PLACE = 'POST /api/v3/order';
type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
/** The venue does not act on the request and answers Binance's RESULT body, changed. */
const answering = (change: Reshape) => (clientOrderId: string, now: number): Fault => ({ kind: 'customBody', process: false, body: change(orderAnswer(clientOrderId, now)) });
const plainly = (fault: Fault) => (): Fault => ({ ...fault, process: false });

// [what the venue answers every send, the fault, fragments the unknown outcome's reason must hold]
const CASES: readonly (readonly [string, (clientOrderId: string, now: number) => Fault, readonly string[]])[] = [
  ['an acknowledgement without status', answering(without('status')), ['retries exhausted after 2 attempts: BadResponse: order 9001 (', '): status is missing']],
  ['an acknowledgement without amount', answering(without('origQty')), ['BadResponse: order 9001 (', '): amount is missing']],
  ['an acknowledgement of a limit order without price', answering(without('price')), ['): price is missing from a limit order']],
  ['an acknowledgement without side', answering(without('side')), ['): side is missing']],
  ['an acknowledgement without the order id', answering(without('orderId')), ['BadResponse: order (no id) (', '): id is missing']],
  ['an acknowledgement naming another client order id', answering(withField('clientOrderId', 'someone-else')), ['order 9001 (someone-else): clientOrderId someone-else is not ']],
  ['an HTML 502 page', plainly({ kind: 'htmlError' }), ['retries exhausted after 2 attempts: ExchangeNotAvailable: ', '502 Bad Gateway']],
  ['a cut-short acknowledgement', plainly({ kind: 'malformedJson' }), ['BadResponse: binance POST /api/v3/order: the answer is not JSON']],
];

describe('Bad input: order acknowledgements the ccxt gateway does not take for an order (real ccxt binance, simulator)', () => {
  let sim: ExchangeSimulator;
  beforeAll(async () => {
    sim = await startStagedSim();
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.stop());

  const onVenue = (clientOrderId: string) => sim.orders().filter((o) => o.clientOrderId === clientOrderId);

  it.each(CASES)('leaves the outcome unknown on %s, naming it, and no order is placed', async (_what, fault, fragments) => {
    const intent = ltcIntent({ price: '0.015' });
    const ordersBefore = sim.orders();
    const servedBefore = faultsServed(sim, PLACE, fault(intent.clientOrderId, sim.now()).kind);
    answerAlways(sim, PLACE, fault(intent.clientOrderId, sim.now()));

    const outcome = await gatewayOn(sim).createOrder(intent);

    expect(outcome.kind).toBe('unknown');
    for (const fragment of fragments) expect(outcome.kind === 'unknown' && outcome.reason).toContain(fragment);
    expect(faultsServed(sim, PLACE, fault(intent.clientOrderId, sim.now()).kind) - servedBefore).toBe(2);
    expect(sim.orders()).toEqual(ordersBefore);
  });

  it("takes the complete answer for an acknowledgement, and one without a client order id for the id it sent", async () => {
    for (const change of [unchanged, without('clientOrderId')]) {
      const intent = ltcIntent({ price: '0.015' });
      answerAlways(sim, PLACE, answering(change)(intent.clientOrderId, sim.now()));
      expect(await gatewayOn(sim).createOrder(intent)).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: intent.clientOrderId, exchangeOrderId: '9001', amount: '1', price: '0.015', status: 'open' } });
      sim.faults.clear();
    }
  });

  it.each<readonly [string, Fault]>([
    ['cut short', { kind: 'malformedJson' }],
    ['without status', { kind: 'customBody', body: without('status') }],
  ])('adopts, by lookup, the one order the venue placed when its acknowledgement came %s: never a second', async (_what, fault) => {
    const intent = ltcIntent({ price: '0.015' });
    sim.faults.inject({ ...fault, endpoint: PLACE, times: 1 });

    const outcome = await gatewayOn(sim).createOrder(intent);

    expect(outcome).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: intent.clientOrderId, status: 'open', amount: '1' } });
    expect(onVenue(intent.clientOrderId)).toHaveLength(1);
  });

  it('refuses to send an order whose market has no amount precision, naming it', async () => {
    const intent = ltcIntent({ price: '0.015' });
    const ordersBefore = sim.orders();
    answerAlways(sim, 'GET /api/v3/exchangeInfo', { kind: 'customBody', body: withoutFilters('LOT_SIZE') });

    expect(await gatewayOn(sim).createOrder(intent)).toEqual({ kind: 'rejected', reason: 'not sent: LTC/BTC precision.amount: missing from the market data' });
    expect(sim.orders()).toEqual(ordersBefore);
  });

  it('refuses to send a market order when the ticker has no last price, naming it', async () => {
    const intent = ltcIntent({ type: 'market', price: undefined });
    const ordersBefore = sim.orders();
    answerAlways(sim, 'GET /api/v3/ticker/24hr', { kind: 'customBody', body: without('lastPrice', 'priceChange', 'priceChangePercent') });

    const outcome = await gatewayOn(sim).createOrder(intent);

    expect(outcome).toEqual({ kind: 'rejected', reason: 'not sent: fetchTicker failed: BadResponse: LTC/BTC ticker: last is missing or not a positive price (undefined)' });
    expect(sim.orders()).toEqual(ordersBefore);
  });
});
