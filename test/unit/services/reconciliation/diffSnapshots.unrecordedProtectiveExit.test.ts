import { describe, expect, it } from 'vitest';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { aPlan } from '../../../support/planFixture.js';
import { SENT_AT, aDiffInput, aFill, anEndedOrder, anExitIntent, balancesOf, idOf, unsettled } from '../../../support/reconciliationFixture.js';

/**
 * Chaos seeds 5040 and 5073, the round after a protective exit whose repair never wrote its
 * plan (every run of the step failed after the market sell filled): the exit's intent is
 * written, its answer held back with the plan's write, so the ledger still lists it unsettled.
 * The plan is open on what its resting stop s0 left when it sold part before its cancel.
 */
describe('Function: diffSnapshots, a protective exit that sold while its plan write failed', () => {
  it('settles the plan on the exit\'s trades down the book, and neither protects again nor halts on what the venue no longer holds', () => {
    // Bought 1 ETH at 0.1 (fee 0.0001 BTC); s0 sold 0.4 at 0.095 before its cancel: open on 0.6, exit attempt 1.
    const plan = aPlan({ exitAttempt: 1, filledAmount: '0.6', version: 5 });
    const entryFill = aFill({ clientOrderId: idOf(plan, 'entry'), exchangeOrderId: '1', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.0001', currency: 'BTC' }, SENT_AT - 120_000);
    const stopFill = aFill({ clientOrderId: idOf(plan, 'stop', 0), exchangeOrderId: '2', symbol: 'ETH/BTC', side: 'sell' }, 'fill-s0', '0.095', '0.4', { cost: '0.000038', currency: 'BTC' }, SENT_AT - 60_000);
    const sent = transitionPlan(plan, 'exiting', SENT_AT, { exitReason: 'stop' });
    const exitIntent = anExitIntent(sent, { reason: 'stop', price: '0.094', orderType: 'market' }, '0.6');
    expect(exitIntent).toMatchObject({ clientOrderId: idOf(plan, 'stop', 1), leg: 'stop', attempt: 1 });
    const exit = anEndedOrder(exitIntent, 'closed', '0.6', '0.09396667');
    const trades = [aFill(exit, 'fill-s1-a', '0.094', '0.4', { cost: '0.0000376', currency: 'BTC' }, SENT_AT + 1_000), aFill(exit, 'fill-s1-b', '0.0939', '0.2', { cost: '0.00001878', currency: 'BTC' }, SENT_AT + 1_000)];

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(exitIntent, { plan: sent })] },
        exchange: { orders: { [exitIntent.clientOrderId]: exit }, fills: [entryFill, stopFill, ...trades], balances: balancesOf({ ETH: '0', BTC: '0.99418562' }), lastPrices: { 'ETH/BTC': '0.0939' } },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', exitIntent.clientOrderId]]);
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.orders).toEqual([exit]);
    expect(repair.fills).toEqual(trades);
    // Spent 0.1 + 0.0001 fee; received 0.038 − 0.000038 (s0) + 0.0376 − 0.0000376 + 0.01878 − 0.00001878 (s1) = 0.09428562.
    expect(repair.plan).toMatchObject({ expectedVersion: 5, plan: { status: 'closed', exitReason: 'stop', exitAttempt: 1, filledAmount: '0', realizedPnl: '-0.00581438' } });
  });
});
