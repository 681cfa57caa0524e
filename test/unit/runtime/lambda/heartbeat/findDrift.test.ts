import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../../lib/domain/clientOrderId.js';
import type { Order, OrderIntent } from '../../../../../lib/domain/order.js';
import { type DriftInput, findDrift, hasDrift, ordersToLookUp, pendingToLookUp } from '../../../../../lib/runtime/lambda/heartbeat/findDrift.js';
import { aPlan } from '../../../../support/planFixture.js';

const NOW = Date.UTC(2024, 0, 2, 12, 0);
const GRACE = 120_000;

const order = (clientOrderId: string, overrides: Partial<Order> = {}): Order => ({
  clientOrderId,
  exchangeOrderId: `x-${clientOrderId}`,
  symbol: 'ETH/BTC',
  side: 'sell',
  type: 'limit',
  status: 'open',
  amount: '1',
  filled: '0',
  price: '0.11',
  timestamp: NOW - 3_600_000,
  ...overrides,
});
const intent = (clientOrderId: string, overrides: Partial<OrderIntent> = {}): OrderIntent => ({
  clientOrderId,
  botId: 'test',
  planId: 'test-plan0001',
  leg: 'exit',
  attempt: 0,
  symbol: 'ETH/BTC',
  side: 'sell',
  type: 'limit',
  amount: '1',
  price: '0.11',
  createdAt: NOW - 3_600_000,
  ...overrides,
});
const balances = (eth: string) => ({ ETH: { free: eth, used: '0', total: eth }, BTC: { free: '1', used: '0', total: '1' } });

const input = (overrides: Partial<DriftInput> = {}): DriftInput => ({
  botId: 'test',
  now: NOW,
  graceMs: GRACE,
  venueOpen: [],
  unsettled: [],
  lookups: new Map(),
  livePlans: [],
  balances: balances('0'),
  unanswered: new Set(),
  ...overrides,
});

describe('Function: findDrift', () => {
  it('finds nothing when the venue and the ledger agree', () => {
    const plan = aPlan({ status: 'exiting', exitReason: 'target' });
    const exitId = deriveClientOrderId('test', plan.id, 'exit', 0);
    const drift = findDrift(input({ venueOpen: [order(exitId, { filled: '0.4' })], unsettled: [intent(exitId)], livePlans: [plan], balances: balances('0.6') }));
    expect(hasDrift(drift)).toBe(false);
  });

  it('reports an order of ours the ledger has no intent for, and ignores orders that are not ours', () => {
    const venueOpen = [order('test-abc-e0'), order('manual-order-1'), order('test-def-e0')];
    expect(ordersToLookUp('test', venueOpen, [])).toEqual(['test-abc-e0', 'test-def-e0']);
    const drift = findDrift(input({ venueOpen, lookups: new Map([['test-abc-e0', 'none'], ['test-def-e0', 'unsettled']]) }));
    expect(drift.unknownOrders).toEqual([{ symbol: 'ETH/BTC', clientOrderId: 'test-abc-e0', exchangeOrderId: 'x-test-abc-e0' }]);
    expect(drift.finalButOpen).toEqual([]);
  });

  it('reports an order the venue lists open while the ledger holds a final status', () => {
    const drift = findDrift(input({ venueOpen: [order('test-abc-x0')], lookups: new Map([['test-abc-x0', 'final']]) }));
    expect(drift.finalButOpen).toEqual([{ symbol: 'ETH/BTC', clientOrderId: 'test-abc-x0' }]);
  });

  it('reports an unsettled intent the venue no longer lists, past the grace and no plan waiting on it', () => {
    const old = intent('test-old-x0');
    const young = intent('test-new-x0', { createdAt: NOW - GRACE + 1 });
    const plan = aPlan({ status: 'exiting', exitReason: 'max_age' });
    const pending = intent(deriveClientOrderId('test', plan.id, 'exit', 0));
    const drift = findDrift(input({ unsettled: [old, young, pending], livePlans: [plan], balances: balances('1') }));
    expect(drift.missingAtVenue).toEqual([{ symbol: 'ETH/BTC', clientOrderId: 'test-old-x0', planId: 'test-plan0001', createdAt: NOW - 3_600_000 }]);
  });

  it('reports a plan\'s pending intent past the grace, not open at the venue, with no answer ever recorded: its id is not sent again, only reconciliation settles it', () => {
    const plan = aPlan({ status: 'entering', filledAmount: undefined });
    const entryId = deriveClientOrderId('test', plan.id, 'entry', 0);
    const entry = intent(entryId, { leg: 'entry', side: 'buy', type: 'market', planId: plan.id });
    const young = { ...entry, createdAt: NOW - GRACE + 1 };
    expect(pendingToLookUp(input({ unsettled: [entry], livePlans: [plan] }))).toEqual([entryId]);
    expect(pendingToLookUp(input({ unsettled: [young], livePlans: [plan] }))).toEqual([]);
    expect(pendingToLookUp(input({ unsettled: [entry], livePlans: [plan], venueOpen: [order(entryId)] }))).toEqual([]);

    expect(findDrift(input({ unsettled: [entry], livePlans: [plan], unanswered: new Set([entryId]) })).missingAtVenue).toEqual([
      { symbol: 'ETH/BTC', clientOrderId: entryId, planId: plan.id, createdAt: NOW - 3_600_000 },
    ]);
    // Answered (an order that ended): decide settles it on the plan's next candle.
    expect(hasDrift(findDrift(input({ unsettled: [entry], livePlans: [plan] })))).toBe(false);
  });

  it('reports a base balance short of what the open plans hold, exactly', () => {
    const plans = [aPlan({ id: 'a', filledAmount: '0.75' }), aPlan({ id: 'b', filledAmount: '0.250001' }), aPlan({ id: 'c', status: 'entering', filledAmount: undefined })];
    expect(findDrift(input({ livePlans: plans, balances: balances('1') })).balanceShort).toEqual([{ asset: 'ETH', venue: '1', plans: '1.000001' }]);
    expect(findDrift(input({ livePlans: plans, balances: balances('1.000001') })).balanceShort).toEqual([]);
    expect(findDrift(input({ livePlans: plans, balances: balances('7') })).balanceShort).toEqual([]);
  });

  it("knows a plan's resting stop: working, partly sold or ended unsettled, it is neither unknown, missing nor a short balance", () => {
    const plan = aPlan({ filledAmount: '1', restingStop: { attempt: 1, stopPrice: '0.095', amount: '1', placedAt: NOW - 3_600_000 }, exitAttempt: 1 });
    const stopId = deriveClientOrderId('test', plan.id, 'stop', 1);
    const stopIntent = intent(stopId, { leg: 'stop', type: 'stop_market', attempt: 1 });
    // Resting, 0.4 sold: the venue holds 0.6 of the plan's 1.
    const partlySold = findDrift(input({ venueOpen: [order(stopId, { type: 'stop_market', filled: '0.4' })], unsettled: [stopIntent], livePlans: [plan], balances: balances('0.6') }));
    expect(hasDrift(partlySold)).toBe(false);
    // Filled since the last decision and not yet settled: gone from the venue's open orders and from the balance.
    const sold = findDrift(input({ venueOpen: [], unsettled: [stopIntent], livePlans: [plan], balances: balances('0') }));
    expect(hasDrift(sold)).toBe(false);
    // The same order with no plan resting it is drift.
    expect(findDrift(input({ venueOpen: [], unsettled: [stopIntent], livePlans: [{ ...plan, restingStop: undefined }], balances: balances('1') })).missingAtVenue).toHaveLength(1);
  });
});
