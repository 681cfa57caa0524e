import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { deriveClientOrderId } from '../../lib/domain/clientOrderId.js';
import type { Fill, OrderLeg, OrderStatus } from '../../lib/domain/order.js';
import type { Plan } from '../../lib/domain/plan.js';
import type { SimOrderView, SimTradeView } from '../../lib/local/exchange-sim/index.js';
import type { LocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import { aPlan } from '../support/planFixture.js';
import type { ChaosOutcome } from './ChaosOutcome.js';
import { checkInvariants, clientOrderIdsSentOnce, ledgerEqualsVenue, noPlanSoldMoreThanBought, noPlanStuck, oneDecisionPerCandle, plansHoldVenue, positionsProtected, reconciledAndActive, venueOrdersAsIntended } from './invariants.js';
import type { Violation } from './Violation.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);
const T1 = T0 + 60_000;
const LTC_PLAN = 'test-ltcplan01';
const ENTRY = deriveClientOrderId('test', LTC_PLAN, 'entry', 0);
const EXIT = deriveClientOrderId('test', LTC_PLAN, 'exit', 0);
/** The open ETH/BTC plan of the fixture: 1 ETH held, stop 0.095; ETH/BTC trades at 0.1. */
const HELD = aPlan();
const HELD_STOP = deriveClientOrderId('test', HELD.id, 'stop', 0);

type OrderFields = Pick<SimOrderView, 'orderId' | 'clientOrderId' | 'side' | 'status' | 'origQty' | 'executedQty'> & Partial<SimOrderView>;
const venueOrder = (fields: OrderFields): SimOrderView => ({ symbol: 'LTC/BTC', type: 'MARKET', price: '0', stopPrice: '0', cummulativeQuoteQty: '0', isWorking: false, time: T0, updateTime: T0, ...fields });

type TradeFields = Pick<SimTradeView, 'id' | 'orderId' | 'side' | 'price' | 'qty' | 'quoteQty' | 'commission' | 'commissionAsset'>;
const venueTrade = (fields: TradeFields): SimTradeView => ({ symbol: 'LTC/BTC', isMaker: false, time: T1, ...fields });

/** The ledger's record of a venue order, as settled (status and filled may be overridden). */
function recordOf(order: SimOrderView, leg: OrderLeg, status: OrderStatus, filled = order.executedQty): OrderRecord {
  const side = order.side === 'BUY' ? 'buy' : 'sell';
  const common = { clientOrderId: order.clientOrderId, symbol: order.symbol, side, type: 'market', amount: order.origQty } as const;
  return {
    intent: { ...common, botId: 'test', planId: LTC_PLAN, leg, attempt: 0, createdAt: order.time },
    order: { ...common, exchangeOrderId: String(order.orderId), status, filled, timestamp: order.time },
  };
}

/** The ledger's fill of a venue trade, field for field. */
const fillOf = (trade: SimTradeView, clientOrderId: string): Fill => {
  const { id, orderId, symbol, side, price, qty, quoteQty, commission, commissionAsset, time } = trade;
  return { id: String(id), clientOrderId, exchangeOrderId: String(orderId), symbol, side: side === 'BUY' ? 'buy' : 'sell', price, amount: qty, cost: quoteQty, fee: { cost: commission, currency: commissionAsset }, timestamp: time };
};

const entryOrder = venueOrder({ orderId: 1, clientOrderId: ENTRY, side: 'BUY', status: 'FILLED', origQty: '1', executedQty: '1' });
const exitOrder = venueOrder({ orderId: 2, clientOrderId: EXIT, side: 'SELL', status: 'FILLED', origQty: '0.999', executedQty: '0.999' });
const buy = venueTrade({ id: 10, orderId: 1, side: 'BUY', price: '0.02', qty: '1', quoteQty: '0.02', commission: '0.001', commissionAsset: 'LTC' });
const sell = venueTrade({ id: 11, orderId: 2, side: 'SELL', price: '0.021', qty: '0.999', quoteQty: '0.020979', commission: '0.00002', commissionAsset: 'BTC' });
/** 1 - 0.02 + 0.020979 - 0.00002 BTC; 1 - 0.001 - 0.999 LTC. */
const TOTALS = { BTC: '1.000959', LTC: '0' };
/** TOTALS after one more buy of 1 LTC at 0.02 with a 0.001 LTC fee. */
const TOTALS_AFTER_ANOTHER_BUY = { BTC: '0.980959', LTC: '0.999' };

const decisionLine = (symbol: string, openTime: number, orders = 0, msg = 'decided') => ({ msg, symbol, timeframe: '1m', openTime, orders });

/** One closed LTC/BTC round trip and one open ETH/BTC plan, everything consistent. */
function anOutcome(): ChaosOutcome {
  return {
    venue: { orders: [entryOrder, exitOrder], trades: [buy, sell], totals: TOTALS, lastPrices: { 'LTC/BTC': '0.021', 'ETH/BTC': '0.1' } },
    startingBalances: { BTC: '1' },
    ledger: {
      livePlans: [HELD],
      endedPlans: [aPlan({ id: LTC_PLAN, symbol: 'LTC/BTC', status: 'closed', exitReason: 'target', closedAt: T1, version: 6, filledAmount: '0' })],
      orders: [recordOf(entryOrder, 'entry', 'closed'), recordOf(exitOrder, 'exit', 'closed')],
      fills: [fillOf(buy, ENTRY), fillOf(sell, EXIT)],
    },
    decidedSeries: new Set(['LTC/BTC#1m', 'ETH/BTC#1m']),
    expectedCandles: [`LTC/BTC 1m ${T0}`, `LTC/BTC 1m ${T1}`, `ETH/BTC 1m ${T0}`],
    decisionLines: [decisionLine('LTC/BTC', T0, 1), decisionLine('LTC/BTC', T1, 1), decisionLine('ETH/BTC', T0)],
    storedDecisions: new Set([`LTC/BTC 1m ${T0}`, `LTC/BTC 1m ${T1}`, `ETH/BTC 1m ${T0}`]),
    deadLetters: [],
    reconciliation: { status: 'SUCCEEDED' },
    bot: { status: 'ACTIVE' },
  };
}

const base = anOutcome();
const withVenue = (venue: Partial<ChaosOutcome['venue']>): ChaosOutcome => ({ ...base, venue: { ...base.venue, ...venue } });
const withLedger = (ledger: Partial<LocalLedger>, venue: Partial<ChaosOutcome['venue']> = {}): ChaosOutcome => ({ ...withVenue(venue), ledger: { ...base.ledger, ...ledger } });
const withHeld = (plan: Plan, venue: Partial<ChaosOutcome['venue']> = {}): ChaosOutcome => withLedger({ livePlans: [plan] }, venue);

/** The violations are, in order, of these invariants, each detail holding its fragments. */
function expectViolations(actual: readonly Violation[], expected: readonly (readonly [invariant: string, ...fragments: string[]])[]): void {
  expect(actual.map((violation) => violation.invariant)).toEqual(expected.map(([invariant]) => invariant));
  expected.forEach(([, ...fragments], index) => {
    for (const fragment of fragments) expect(actual[index]!.detail).toContain(fragment);
  });
}

describe('Function: checkInvariants', () => {
  it('finds nothing wrong with a consistent outcome', () => {
    expect(checkInvariants(anOutcome())).toEqual([]);
  });
});

describe('Function: clientOrderIdsSentOnce', () => {
  it('fires when a client order id reached the venue twice', () => {
    const again = venueOrder({ orderId: 3, clientOrderId: ENTRY, side: 'BUY', status: 'CANCELED', origQty: '1', executedQty: '0' });
    const outcome = withVenue({ orders: [entryOrder, exitOrder, again] });
    expectViolations(clientOrderIdsSentOnce(outcome), [['clientOrderIdSentOnce', `${ENTRY} reached the venue 2 times`]]);
    expect(checkInvariants(outcome).map((violation) => violation.invariant)).toContain('clientOrderIdSentOnce');
  });
});

describe('Function: ledgerEqualsVenue', () => {
  it.each([
    ['a status', 'open', '1', '"status":"open"'],
    ['a filled amount', 'closed', '0.5', '"filled":"0.5"'],
  ] as const)('fires when the ledger records %s other than the venue', (_what, status, filled, fragment) => {
    const outcome = withLedger({ orders: [recordOf(entryOrder, 'entry', status, filled), recordOf(exitOrder, 'exit', 'closed')] });
    expectViolations(checkInvariants(outcome), [['ledgerEqualsVenue', `order ${ENTRY}: venue`, '"status":"closed","amount":"1","filled":"1"', fragment]]);
  });

  it.each([
    ['EXPIRED', 'expired'],
    ['EXPIRED_IN_MATCH', 'expired'],
  ] as const)('accepts an exit the venue ended %s (self-trade prevention for the second) recorded %s', (venueStatus, ledgerStatus) => {
    const ended = { ...exitOrder, status: venueStatus };
    const outcome = anOutcome();
    const changed: ChaosOutcome = { ...outcome, venue: { ...outcome.venue, orders: [entryOrder, ended] }, ledger: { ...outcome.ledger, orders: [recordOf(entryOrder, 'entry', 'closed'), recordOf(ended, 'exit', ledgerStatus)] } };
    expect(ledgerEqualsVenue(changed)).toEqual([]);
  });

  it('fires for an intent the venue never answered', () => {
    const { intent } = recordOf(venueOrder({ orderId: 9, clientOrderId: HELD_STOP, side: 'SELL', status: 'NEW', origQty: '1', executedQty: '0' }), 'stop', 'open');
    const outcome = withLedger({ orders: [...base.ledger.orders, { intent }] });
    expectViolations(checkInvariants(outcome), [['ledgerEqualsVenue', `intent ${HELD_STOP} has no answer from the venue`]]);
  });

  it('fires for a trade of a filled order missing from the ledger, and for the balances it moved', () => {
    const outcome = withLedger({ fills: [fillOf(buy, ENTRY)] });
    expectViolations(checkInvariants(outcome), [
      ['ledgerEqualsVenue', 'venue trade {"id":"11"', `"clientOrderId":"${EXIT}"`, 'ledger none'],
      ['ledgerEqualsVenue', "BTC: the venue holds 1.000959, the ledger's fills make 0.98"],
      ['ledgerEqualsVenue', "LTC: the venue holds 0, the ledger's fills make 0.999"],
    ]);
  });

  it('fires for a ledger fill that differs from its venue trade', () => {
    const outcome = withLedger({ fills: [fillOf(buy, ENTRY), { ...fillOf(sell, EXIT), timestamp: T1 + 1 }] });
    expectViolations(checkInvariants(outcome), [['ledgerEqualsVenue', 'venue trade {"id":"11"', `"timestamp":${T1 + 1}`]]);
  });

  describe.each(['NEW', 'PARTIALLY_FILLED'] as const)('a still resting (%s) order', (status) => {
    const resting = venueOrder({ orderId: 3, clientOrderId: deriveClientOrderId('test', 'test-ltcplan02', 'entry', 0), side: 'BUY', status, origQty: '2', executedQty: '1', type: 'LIMIT', price: '0.02' });
    const trade = venueTrade({ id: 12, orderId: 3, side: 'BUY', price: '0.02', qty: '1', quoteQty: '0.02', commission: '0.001', commissionAsset: 'LTC' });
    const venue = { orders: [entryOrder, exitOrder, resting], trades: [buy, sell, trade] };
    const orders = [...base.ledger.orders, recordOf(resting, 'entry', 'open', '0')];

    it('may lag the venue: its trade not yet in the ledger, the balances counting it', () => {
      expect(checkInvariants(withLedger({ orders }, { ...venue, totals: TOTALS_AFTER_ANOTHER_BUY }))).toEqual([]);
    });

    it('fires when the balances do not count its unsettled trade', () => {
      expectViolations(ledgerEqualsVenue(withLedger({ orders }, venue)), [
        ['ledgerEqualsVenue', "BTC: the venue holds 1.000959, the ledger's fills make 0.980959"],
        ['ledgerEqualsVenue', "LTC: the venue holds 0, the ledger's fills make 0.999"],
      ]);
    });

    it('fires when the ledger shows more of it filled than the venue', () => {
      const ahead = [...base.ledger.orders, recordOf(resting, 'entry', 'open', '1.5')];
      expectViolations(ledgerEqualsVenue(withLedger({ orders: ahead }, { ...venue, totals: TOTALS_AFTER_ANOTHER_BUY })), [['ledgerEqualsVenue', `order ${resting.clientOrderId}: venue`, '"filled":"1.5"']]);
    });
  });

  it('fires for a ledger fill that is no venue trade', () => {
    const phantom = { ...fillOf(buy, ENTRY), id: '99' };
    const outcome = withLedger({ fills: [...base.ledger.fills, phantom] }, { totals: TOTALS_AFTER_ANOTHER_BUY });
    expectViolations(checkInvariants(outcome), [
      ['ledgerEqualsVenue', `ledger fill 99 (${ENTRY}) is no venue trade`],
      ['plansHoldVenue', 'LTC: the venue holds 0.999 more than at the start, the plans of LTC/BTC 0'],
    ]);
  });

  it.each([
    ['BTC one unit above', { BTC: '1.00095901', LTC: '0' }, "BTC: the venue holds 1.00095901, the ledger's fills make 1.000959"],
    ['BTC one unit below', { BTC: '1.00095899', LTC: '0' }, "BTC: the venue holds 1.00095899, the ledger's fills make 1.000959"],
    ['LTC one unit above', { BTC: '1.000959', LTC: '0.00000001' }, "LTC: the venue holds 0.00000001, the ledger's fills make 0"],
    ['an asset no fill touched', { ...TOTALS, ETH: '0.00000001' }, "ETH: the venue holds 0.00000001, the ledger's fills make 0"],
  ])('fires for a balance off by 0.00000001: %s', (_what, totals, detail) => {
    expectViolations(ledgerEqualsVenue(withVenue({ totals })), [['ledgerEqualsVenue', detail]]);
  });
});

describe('Function: venueOrdersAsIntended', () => {
  it('fires when a client order id reached the venue for another amount than its intent (a redelivery sizing it again)', () => {
    const resized = { ...entryOrder, origQty: '1.5', executedQty: '1.5' };
    expectViolations(venueOrdersAsIntended(withVenue({ orders: [resized, exitOrder] })), [['venueOrderAsIntended', `${ENTRY}: intent buy 1, the venue got BUY 1.5`]]);
  });

  it('finds nothing when every venue order is its intent, trailing zeros aside', () => {
    expect(venueOrdersAsIntended(withVenue({ orders: [{ ...entryOrder, origQty: '1.00000000' }, exitOrder] }))).toEqual([]);
  });
});

describe('Function: plansHoldVenue', () => {
  const again = venueOrder({ orderId: 3, clientOrderId: deriveClientOrderId('test', 'test-ltcplan02', 'entry', 0), side: 'BUY', status: 'FILLED', origQty: '1', executedQty: '1' });
  const trade = venueTrade({ id: 12, orderId: 3, side: 'BUY', price: '0.02', qty: '1', quoteQty: '0.02', commission: '0.001', commissionAsset: 'LTC' });
  const venue = { orders: [entryOrder, exitOrder, again], trades: [buy, sell, trade], totals: TOTALS_AFTER_ANOTHER_BUY };

  it('fires for what an entry bought that no plan holds (issue 17: filled under an id the ledger holds as rejected)', () => {
    expectViolations(plansHoldVenue(withVenue(venue)), [['plansHoldVenue', 'LTC: the venue holds 0.999 more than at the start, the plans of LTC/BTC 0']]);
  });

  it('finds nothing when a plan holds it', () => {
    const holder = aPlan({ id: 'test-ltcplan02', symbol: 'LTC/BTC', filledAmount: '0.999' });
    expect(plansHoldVenue(withLedger({ livePlans: [HELD, holder] }, venue))).toEqual([]);
  });

  it('leaves out a symbol with an order of ours still resting', () => {
    const resting = { ...again, status: 'PARTIALLY_FILLED' as const, origQty: '2', type: 'LIMIT' as const };
    expect(plansHoldVenue(withVenue({ ...venue, orders: [entryOrder, exitOrder, resting] }))).toEqual([]);
  });
});

describe('Function: positionsProtected', () => {
  const unprotected = `plan ${HELD.id} holds 1 ETH/BTC unprotected: `;
  it.each([
    ['the price is at its stop', withVenue({ lastPrices: { 'ETH/BTC': '0.095' } }), 'the price 0.095 is through its stop 0.095'],
    ['the price is below its stop', withVenue({ lastPrices: { 'ETH/BTC': '0.09' } }), 'the price 0.09 is through its stop 0.095'],
    ['the trail raised its stop above the price', withHeld(aPlan({ activeStop: '0.1' })), 'the price 0.1 is through its stop 0.1'],
    ['there is no price', withVenue({ lastPrices: {} }), 'the price (none) is through its stop 0.095'],
    ['it has no stop level', withHeld(aPlan({ stop: '0', activeStop: '0' })), 'it has no stop level'],
    ['its series is not decided', { ...base, decidedSeries: new Set(['LTC/BTC#1m']) }, 'its series is not decided'],
  ])('fires for a held position when %s', (_what, outcome, why) => {
    expectViolations(checkInvariants(outcome), [['positionProtected', unprotected + why]]);
  });

  it('ignores a plan that holds nothing', () => {
    expect(checkInvariants(withHeld(aPlan({ filledAmount: '0' }), { lastPrices: { 'ETH/BTC': '0.09' } }))).toEqual([]);
  });

  const through = { lastPrices: { 'ETH/BTC': '0.09' } };
  const stopOrder = (clientOrderId: string, status: SimOrderView['status']) => venueOrder({ orderId: 5, clientOrderId, symbol: 'ETH/BTC', side: 'SELL', status, origQty: '1', executedQty: '0', type: 'STOP_LOSS_LIMIT' });
  it.each([
    ['its own resting stop order', stopOrder(HELD_STOP, 'NEW'), 0],
    ['its own partly filled stop order', stopOrder(HELD_STOP, 'PARTIALLY_FILLED'), 0],
    ['its own stop order, canceled', stopOrder(HELD_STOP, 'CANCELED'), 1],
    ['the resting stop order of another plan', stopOrder(deriveClientOrderId('test', 'test-other01', 'stop', 0), 'NEW'), 1],
    ['its own resting exit order (no stop)', stopOrder(deriveClientOrderId('test', HELD.id, 'exit', 0), 'NEW'), 1],
  ] as const)('with the price through its stop, protected by %s: %i violations', (_what, order, count) => {
    expect(positionsProtected(withVenue({ ...through, orders: [...base.venue.orders, order] }))).toHaveLength(count);
  });
});

describe('Function: noPlanStuck', () => {
  const exiting = aPlan({ status: 'exiting', exitReason: 'target', exitAttempt: 1 });
  const exitOrder1 = (status: SimOrderView['status'], planId = HELD.id) => venueOrder({ orderId: 6, clientOrderId: deriveClientOrderId('test', planId, 'exit', 1), symbol: 'ETH/BTC', side: 'SELL', status, origQty: '1', executedQty: '0' });

  it('fires for an exiting plan with no open order of its own', () => {
    expectViolations(checkInvariants(withHeld(exiting)), [['noPlanStuck', `plan ${HELD.id} is exiting with no open order of its own at the venue`]]);
  });

  it.each([
    ['a filled order of its own', exitOrder1('FILLED'), 1],
    ['the open order of another plan', exitOrder1('NEW', 'test-other01'), 1],
    ['an open order of its own', exitOrder1('NEW'), 0],
    ['a partly filled order of its own', exitOrder1('PARTIALLY_FILLED'), 0],
  ] as const)('an exiting plan with %s: %i violations', (_what, order, count) => {
    expect(noPlanStuck(withHeld(exiting, { orders: [...base.venue.orders, order] }))).toHaveLength(count);
  });
});

describe('Function: oneDecisionPerCandle', () => {
  const T2 = T1 + 60_000;
  const withDecisions = (change: Partial<ChaosOutcome>): ChaosOutcome => ({ ...base, ...change });
  const expectingT2 = [...base.expectedCandles, `LTC/BTC 1m ${T2}`];

  it('fires for an expected candle never decided', () => {
    expectViolations(checkInvariants(withDecisions({ expectedCandles: expectingT2 })), [['oneDecisionPerCandle', `candle LTC/BTC 1m ${T2} was never decided`]]);
  });

  it.each([
    ['a stored record alone', { storedDecisions: new Set([...base.storedDecisions, `LTC/BTC 1m ${T2}`]) }],
    ['an "already decided" line', { decisionLines: [...base.decisionLines, decisionLine('LTC/BTC', T2, 0, 'already decided: a redelivery, nothing done')] }],
    ['a "decision skipped" line', { decisionLines: [...base.decisionLines, decisionLine('LTC/BTC', T2, 0, 'decision skipped')] }],
    ['a second decision that sent nothing', { decisionLines: [...base.decisionLines, decisionLine('LTC/BTC', T2, 1), decisionLine('LTC/BTC', T2)], storedDecisions: new Set([...base.storedDecisions, `LTC/BTC 1m ${T2}`]) }],
  ])('accepts a candle decided by %s', (_what, change) => {
    expect(checkInvariants(withDecisions({ expectedCandles: expectingT2, ...change }))).toEqual([]);
  });

  it('fires for a candle that sent orders in two decisions', () => {
    const outcome = withDecisions({ decisionLines: [...base.decisionLines, decisionLine('LTC/BTC', T0, 2)] });
    expectViolations(checkInvariants(outcome), [['oneDecisionPerCandle', `candle LTC/BTC 1m ${T0} sent orders in 2 decisions`]]);
  });

  it('fires for a decision that sent orders but has no record', () => {
    const outcome = withDecisions({ storedDecisions: new Set([`LTC/BTC 1m ${T0}`, `ETH/BTC 1m ${T0}`]) });
    expectViolations(checkInvariants(outcome), [['oneDecisionPerCandle', `candle LTC/BTC 1m ${T1} sent orders but has no decision record`]]);
  });

  it('fires for each dead letter', () => {
    expectViolations(oneDecisionPerCandle(withDecisions({ deadLetters: ['{"a":1}', '{"b":2}'] })), [
      ['oneDecisionPerCandle', 'dead-lettered: {"a":1}'],
      ['oneDecisionPerCandle', 'dead-lettered: {"b":2}'],
    ]);
  });
});

describe('Function: reconciledAndActive', () => {
  it.each([
    ['reconciliation failed', { reconciliation: { status: 'FAILED', error: 'venue unreachable' } }, 'the reconciliation after the faults ended FAILED: venue unreachable'],
    ['reconciliation never ran', { reconciliation: undefined }, 'the reconciliation after the faults did not run'],
    ['the bot halted', { bot: { status: 'HALTED', reason: 'ledger drift on LTC' } }, 'the bot is HALTED: ledger drift on LTC'],
  ])('fires when %s', (_what, change, detail) => {
    const outcome: ChaosOutcome = { ...base, ...change };
    expectViolations(reconciledAndActive(outcome), [['reconciled', detail]]);
    expectViolations(checkInvariants(outcome), [['reconciled', detail]]);
  });
});

describe('Invariant: noDoubleExit', () => {
  it('holds when a plan sold no more than it bought', () => {
    expect(noPlanSoldMoreThanBought(base)).toEqual([]);
  });

  it('names a plan whose position was sold again under its next exit attempt', () => {
    const secondExit = venueOrder({ orderId: 3, clientOrderId: deriveClientOrderId('test', LTC_PLAN, 'exit', 1), side: 'SELL', status: 'FILLED', origQty: '0.999', executedQty: '0.999' });
    const ended = aPlan({ id: LTC_PLAN, symbol: 'LTC/BTC', status: 'closed', exitReason: 'flatten', closedAt: T1, version: 7, exitAttempt: 1 });

    const violations = noPlanSoldMoreThanBought(withLedger({ endedPlans: [ended] }, { orders: [entryOrder, exitOrder, secondExit] }));

    expect(violations).toEqual([{ invariant: 'noDoubleExit', detail: `plan ${LTC_PLAN} sold 1.998 LTC/BTC at the venue but bought 1` }]);
  });

  it('counts a stop that filled beside an exit', () => {
    const stop = venueOrder({ orderId: 3, clientOrderId: deriveClientOrderId('test', LTC_PLAN, 'stop', 0), side: 'SELL', status: 'FILLED', origQty: '0.5', executedQty: '0.5' });

    expect(noPlanSoldMoreThanBought(withVenue({ orders: [entryOrder, exitOrder, stop] }))).toEqual([{ invariant: 'noDoubleExit', detail: `plan ${LTC_PLAN} sold 1.499 LTC/BTC at the venue but bought 1` }]);
  });
});
