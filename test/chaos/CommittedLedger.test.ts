import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import type { Fill, Order, OrderStatus } from '../../lib/domain/order.js';
import type { LocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import { aPlan } from '../support/planFixture.js';
import { CommittedLedger } from './CommittedLedger.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);

function aRecord(clientOrderId: string, status?: OrderStatus, filled = '0'): OrderRecord {
  const intent = { clientOrderId, botId: 'test', planId: 'test-plan0001', leg: 'entry', attempt: 0, symbol: 'ETH/BTC', side: 'buy', type: 'limit', amount: '1', price: '0.1', createdAt: T0 } as const;
  if (status === undefined) return { intent };
  const order: Order = { clientOrderId, exchangeOrderId: clientOrderId.length.toString(), symbol: 'ETH/BTC', side: 'buy', type: 'limit', status, amount: '1', filled, price: '0.1', timestamp: T0 };
  return { intent, order };
}

const aFill = (id: string, amount = '0.5'): Fill => ({ id, clientOrderId: 'test-open-e0', exchangeOrderId: '12', symbol: 'ETH/BTC', side: 'buy', price: '0.1', amount, cost: String(Number(amount) / 10), fee: { cost: '0.0005', currency: 'ETH' }, timestamp: T0 });

const livePlan = aPlan({ id: 'test-live01', version: 4 });
const endedPlan = aPlan({ id: 'test-ended01', status: 'closed', exitReason: 'target', closedAt: T0, realizedPnl: '0.01', version: 7 });

/** A ledger mid-run: a live and an ended plan, an open, a closed and an unanswered order, one fill. */
const observed: LocalLedger = {
  livePlans: [livePlan],
  endedPlans: [endedPlan],
  orders: [aRecord('test-open-e0', 'open', '0.5'), aRecord('test-closed-x0', 'closed', '1'), aRecord('test-intent-s0')],
  fills: [aFill('1')],
};

function committed(...looks: LocalLedger[]): CommittedLedger {
  const ledger = new CommittedLedger();
  for (const look of looks) ledger.observe(look);
  return ledger;
}

const replaceOrder = (record: OrderRecord): LocalLedger => ({ ...observed, orders: observed.orders.map((r) => (r.intent.clientOrderId === record.intent.clientOrderId ? record : r)) });

describe('Class: CommittedLedger', () => {
  it('counts its looks', () => {
    expect(committed(observed, observed).looks).toBe(2);
  });

  it('finds nothing lost when the final ledger is the one observed', () => {
    expect(committed(observed).lostIn(observed)).toEqual([]);
  });

  it.each([
    ['the open order filling further', replaceOrder(aRecord('test-open-e0', 'open', '0.75'))],
    ['the open order ending filled', replaceOrder(aRecord('test-open-e0', 'closed', '1'))],
    ['the open order ending canceled as filled as before', replaceOrder(aRecord('test-open-e0', 'canceled', '0.5'))],
    ['the unanswered intent getting its answer', replaceOrder(aRecord('test-intent-s0', 'open', '0'))],
    ["the live plan's version going up", { ...observed, livePlans: [{ ...livePlan, version: 5 }] }],
    ['the live plan ending', { ...observed, livePlans: [], endedPlans: [endedPlan, { ...livePlan, status: 'closed', version: 5 }] }],
    ['new fills, plans and orders', { ...observed, livePlans: [livePlan, aPlan({ id: 'test-live02' })], orders: [...observed.orders, aRecord('test-new-e0')], fills: [...observed.fills, aFill('2')] }],
  ] as const)('finds nothing lost after %s', (_what, final) => {
    expect(committed(observed).lostIn(final)).toEqual([]);
  });

  it.each([
    ['a fill removed', { ...observed, fills: [] }, 'fill 1 was {"id":"1"', 'now missing'],
    ['a fill changed', { ...observed, fills: [aFill('1', '0.4')] }, 'fill 1 was {"id":"1"', 'now {"id":"1"', '"amount":"0.4"'],
    ['an ended plan changed', { ...observed, endedPlans: [{ ...endedPlan, realizedPnl: '0.02' }] }, 'ended plan test-ended01 was', '"realizedPnl":"0.02"'],
    ['an ended plan gone back to live', { ...observed, livePlans: [livePlan, { ...endedPlan, status: 'open' }], endedPlans: [] }, 'ended plan test-ended01 was', 'now missing'],
    ["a live plan's version going down", { ...observed, livePlans: [{ ...livePlan, version: 3 }] }, 'plan test-live01 was at version 4, now 3'],
    ['an intent removed', { ...observed, orders: observed.orders.slice(0, 2) }, 'intent test-intent-s0 is missing'],
    ['an order losing its venue answer', replaceOrder(aRecord('test-closed-x0')), 'order test-closed-x0 (closed) lost its venue answer'],
    ["an open order's filled going down", replaceOrder(aRecord('test-open-e0', 'open', '0.25')), 'order test-open-e0 was filled 0.5, now 0.25'],
  ] as const)('finds %s', (_what, final, ...fragments) => {
    const lost = committed(observed).lostIn(final);
    expect(lost.map((violation) => violation.invariant)).toEqual(['nothingCommittedLost']);
    for (const fragment of fragments) expect(lost[0]!.detail).toContain(fragment);
  });

  it.each([
    ['changed', replaceOrder({ ...aRecord('test-closed-x0', 'closed', '1'), order: { ...aRecord('test-closed-x0', 'closed', '1').order!, average: '0.1' } }), '"average":"0.1"'],
    ['reopened', replaceOrder(aRecord('test-closed-x0', 'open', '1')), '"status":"open"'],
  ] as const)('finds a final order %s (issue 17: a rejected entry sent again and filled)', (_what, final, fragment) => {
    const lost = committed(observed).lostIn(final);
    expect(lost.map((violation) => violation.invariant)).toEqual(['finalOrderUnchanged']);
    expect(lost[0]!.detail).toContain('final order test-closed-x0 was');
    expect(lost[0]!.detail).toContain(fragment);
  });

  it('finds a plan removed altogether, live or ended, with the version it had', () => {
    const lost = committed(observed).lostIn({ ...observed, livePlans: [] });
    expect(lost).toEqual([{ invariant: 'nothingCommittedLost', detail: 'plan test-live01 was at version 4, now missing' }]);
  });

  it('keeps the highest version of a plan across looks', () => {
    const later = { ...observed, livePlans: [{ ...livePlan, version: 6 }] };
    expect(committed(later, observed).lostIn(observed)).toEqual([{ invariant: 'nothingCommittedLost', detail: 'plan test-live01 was at version 6, now 4' }]);
  });

  it('remembers what an earlier look committed even when a later look no longer shows it', () => {
    const later: LocalLedger = { ...observed, fills: [], orders: [aRecord('test-open-e0')] };
    const lost = committed(observed, later).lostIn(later);
    expect(lost.map((violation) => violation.detail)).toEqual([
      expect.stringContaining('fill 1 was') as string,
      'intent test-closed-x0 is missing',
      'intent test-intent-s0 is missing',
      'order test-open-e0 (open) lost its venue answer',
      'order test-closed-x0 (closed) lost its venue answer',
    ]);
  });

  it('holds a change seen only by a later look against what an earlier look committed', () => {
    const changed: LocalLedger = {
      ...observed,
      fills: observed.fills.map((fill) => ({ ...fill, amount: '0.4' })),
      orders: observed.orders.map((record) => (record.intent.clientOrderId === 'test-closed-x0' ? aRecord('test-closed-x0', 'open', '0.2') : record)),
    };
    const lost = committed(observed, changed).lostIn(changed);
    expect(lost.map((violation) => violation.detail)).toEqual([
      expect.stringContaining('fill 1 was') as string,
      expect.stringContaining('final order test-closed-x0 was') as string,
    ]);
  });
});
