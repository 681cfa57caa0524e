import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../../lib/domain/plan.js';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';
import { SENT_AT, aDiffInput, aFill, anEndedOrder, anEntryIntent, anExitIntent, balancesOf, idOf, unsettled, withoutDetail } from '../../../support/reconciliationFixture.js';

const FILLED_AT = SENT_AT + 2_000;

/**
 * Chaos seeds 5039 and 5161 in the fixture's numbers. An open plan holds 0.999 ETH (1 bought at
 * 0.1, its 0.1 % fee taken in ETH) and the price (0.094) is through its stop (0.095). A
 * reconciliation's protective exit sold at market, but the venue's book held only 0.4 ETH: the
 * order EXPIRED part-filled. Its step died after the order, before its ledger write: the ledger
 * has the intent (and the plan as sent), the plan still open at attempt 0.
 */
function aRepairThatDiedAfterItsOrder() {
  const plan: Plan = aPlan({ filledAmount: '0.999' });
  const entryFill = aFill({ clientOrderId: anEntryIntent(plan).clientOrderId, exchangeOrderId: 'venue-entry', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, PLAN_OPENED_AT);
  const sentPlan = transitionPlan(plan, 'exiting', SENT_AT, { exitReason: 'stop' });
  const exitIntent = anExitIntent(plan, { reason: 'stop', price: '0.094', orderType: 'market' }, '0.999');
  const exit = anEndedOrder(exitIntent, 'expired', '0.4', '0.094');
  // 0.4 × 0.094 = 0.0376 BTC, its 0.1 % fee 0.0000376 BTC.
  const exitFill = aFill(exit, 'fill-exit-0', '0.094', '0.4', { cost: '0.0000376', currency: 'BTC' }, FILLED_AT);
  return { plan, entryFill, sentPlan, exitIntent, exit, exitFill };
}

describe('Function: diffSnapshots, a repair step that died between its protective exit and its ledger write', () => {
  it('records the part-filled exit the venue reports and, in the same round, protects what the plan still holds', () => {
    const { plan, entryFill, sentPlan, exitIntent, exit, exitFill } = aRepairThatDiedAfterItsOrder();

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(exitIntent, { plan: sentPlan })] },
        exchange: { orders: { [exitIntent.clientOrderId]: exit }, fills: [entryFill, exitFill], balances: balancesOf({ ETH: '0.599' }), lastPrices: { 'ETH/BTC': '0.094' } },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([
      ['unacknowledgedOrder', exitIntent.clientOrderId],
      ['unprotectedPosition', undefined],
    ]);
    const [record, protect] = diff.repairs;
    expect(protect?.kind).toBe('protectPosition');
    if (record?.kind !== 'recordLedger') throw new Error(`expected recordLedger first, got ${record?.kind}`);
    // The exit is the plan's: 0.999 − 0.4 = 0.599 left, the plan open again under the next attempt.
    expect(record.plan?.expectedVersion).toBe(3);
    expect(record.plan?.plan).toMatchObject({ status: 'open', exitAttempt: 1, filledAmount: '0.599' });
    expect(record.orders).toEqual([exit]);
    expect(record.fills).toEqual([exitFill]);
    // The rest is sold at once, on the plan as the record leaves it: no round is spent waiting.
    expect(withoutDetail(diff.findings[1]!)).toEqual({
      kind: 'unprotectedPosition',
      symbol: 'ETH/BTC',
      planId: plan.id,
      repair: { kind: 'protectPosition', planId: plan.id, expectedVersion: record.plan!.plan.version, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0.095', exitAttempt: 1 },
    });
    expect(diff.findings[1]!.detail).toBe('0.599 ETH/BTC held, price 0.094 is through the stop 0.095: selling at market');
  });

  it('converges: the next exit, dying the same way after selling the rest, closes the plan on the venue fills with its exact PnL, and then nothing is left to repair', () => {
    const { plan, entryFill, exitIntent, exit, exitFill } = aRepairThatDiedAfterItsOrder();
    const first = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(exitIntent)] },
        exchange: { orders: { [exitIntent.clientOrderId]: exit }, fills: [entryFill, exitFill], balances: balancesOf({ ETH: '0.599' }), lastPrices: { 'ETH/BTC': '0.094' } },
      }),
    );
    const reopened = first.repairs[0]?.kind === 'recordLedger' ? first.repairs[0].plan?.plan : undefined;
    if (!reopened) throw new Error('expected the first exit recorded with the plan');

    // The protective exit of the rest went as attempt 1 and sold all 0.599; its step died too.
    const restIntent = anExitIntent(reopened, { reason: 'stop', price: '0.094', orderType: 'market' }, '0.599');
    expect(restIntent.clientOrderId).toBe(idOf(plan, 'stop', 1));
    const rest = anEndedOrder(restIntent, 'closed', '0.599', '0.094');
    // 0.599 × 0.094 = 0.056306 BTC, its fee 0.000056306 BTC.
    const restFill = aFill(rest, 'fill-exit-1', '0.094', '0.599', { cost: '0.000056306', currency: 'BTC' }, FILLED_AT + 1_000);
    const second = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [reopened], unsettled: [unsettled(restIntent, { plan: transitionPlan(reopened, 'exiting', SENT_AT, { exitReason: 'stop' }) })] },
        exchange: {
          orders: { [restIntent.clientOrderId]: rest },
          fills: [entryFill, exitFill, restFill],
          balances: balancesOf({ ETH: '0' }),
          lastPrices: { 'ETH/BTC': '0.094' },
        },
      }),
    );

    expect(second.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', restIntent.clientOrderId]]);
    const closing = second.repairs[0];
    if (closing?.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${closing?.kind}`);
    // Spent 0.1 BTC for 0.999 ETH; received 0.0376 − 0.0000376 + 0.056306 − 0.000056306 = 0.093812094 BTC.
    // Fees: 0.001 ETH at the entry price (0.0001 BTC) + 0.0000376 + 0.000056306 = 0.000193906 BTC.
    expect(closing.plan?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 1, filledAmount: '0', realizedPnl: '-0.006187906', feesPaid: '0.000193906' });
    expect(closing.stopOut).toEqual({ symbol: 'ETH/BTC', time: FILLED_AT + 1_000 });

    const third = diffSnapshots(aDiffInput({ ledger: { livePlans: [] }, exchange: { fills: [entryFill, exitFill, restFill], balances: balancesOf({ ETH: '0' }), lastPrices: { 'ETH/BTC': '0.094' } } }));
    expect(third.findings).toEqual([]);
    expect(third.repairs).toEqual([]);
  });
});

describe('Function: diffSnapshots, a repair step that died after an exit under the next attempt', () => {
  it('takes the exit for the plan\'s (its copy of the plan stepped past the refused stop), records what it sold and protects the rest in the same round', () => {
    const { plan, entryFill } = aRepairThatDiedAfterItsOrder();
    // The venue refused the stop as already passed (recorded as rejected: settled); the market exit
    // went as attempt 1, sold 0.4 of 0.999 and EXPIRED; the step died before writing the plan.
    const stepped: Plan = { ...plan, exitAttempt: 1 };
    const sentPlan = transitionPlan(stepped, 'exiting', SENT_AT, { exitReason: 'stop' });
    const exitIntent = anExitIntent(stepped, { reason: 'stop', price: '0.094', orderType: 'market' }, '0.999');
    expect(exitIntent.clientOrderId).toBe(idOf(plan, 'stop', 1));
    const exit = anEndedOrder(exitIntent, 'expired', '0.4', '0.094');
    const exitFill = aFill(exit, 'fill-exit-1', '0.094', '0.4', { cost: '0.0000376', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(exitIntent, { plan: sentPlan })] },
        exchange: { orders: { [exitIntent.clientOrderId]: exit }, fills: [entryFill, exitFill], balances: balancesOf({ ETH: '0.599' }), lastPrices: { 'ETH/BTC': '0.094' } },
      }),
    );

    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([
      ['unacknowledgedOrder', exitIntent.clientOrderId],
      ['unprotectedPosition', undefined],
    ]);
    const [record, protect] = diff.repairs;
    if (record?.kind !== 'recordLedger') throw new Error(`expected recordLedger first, got ${record?.kind}`);
    expect(record.plan?.plan).toMatchObject({ status: 'open', exitAttempt: 2, filledAmount: '0.599' });
    expect(protect).toEqual({ kind: 'protectPosition', planId: plan.id, expectedVersion: record.plan!.plan.version, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0.095', exitAttempt: 2 });
  });
});

describe('Function: diffSnapshots, a plan restored this round that the venue snapshot has no price for', () => {
  it('is recorded alone and judged next round: the snapshot read no price for a plan that was not live', () => {
    const sent = aPlan({ status: 'entering', filledAmount: undefined, openedAt: undefined, avgEntryPrice: undefined, version: 3 });
    const intent = anEntryIntent(sent);
    const order = anEndedOrder(intent, 'closed', '1', '0.1');
    const fill = aFill(order, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [], unsettled: [unsettled(intent, { plan: sent })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [fill], balances: balancesOf({ ETH: '0.999' }), lastPrices: {} },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', intent.clientOrderId]]);
    expect(diff.findings[0]!.detail).toContain('plan unrecorded → open');
  });
});
