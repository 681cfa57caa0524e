import { describe, expect, it } from 'vitest';
import type { Order, OrderIntent } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { SENT_AT, aDiffInput, aFill, anEndedOrder, anEnteringPlan, anEntryIntent, anExitIntent, anOrder, balancesOf, unsettled } from '../../../support/reconciliationFixture.js';

const FILLED_AT = SENT_AT + 2_000;

/**
 * A decision that entered, found its stop refused as already passed and sold at market, then
 * died before its commit (chaos seed 105 with stops: 'exchange'): the ledger has neither plan
 * nor answers, only the intents and the plan copies kept with them.
 */
function aDecisionThatDiedAfterItsExit() {
  const sent = anEnteringPlan();
  const entryIntent = anEntryIntent(sent);
  const entry = anEndedOrder(entryIntent, 'closed', '1', '0.1');
  // 0.1 % fee in ETH: the plan holds 0.999.
  const entryFill = aFill(entry, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);
  const opened: Plan = { ...sent, status: 'open', openedAt: FILLED_AT, filledAmount: '0.999', avgEntryPrice: '0.1', activeStop: '0.095', highWatermark: '0.1' };
  return { sent, entryIntent, entry, entryFill, opened };
}

/**
 * An open plan at exit attempt 4 and its stop of attempt 1, which the ledger never recorded:
 * `stopAt` gives the venue's order for it.
 */
function aStopOfAnEarlierAttempt(stopAt: (intent: OrderIntent) => Order) {
  const { opened } = aDecisionThatDiedAfterItsExit();
  const plan: Plan = { ...opened, version: 9, exitAttempt: 4 };
  const stopIntent = anExitIntent({ ...opened, exitAttempt: 1 }, { reason: 'stop', price: '0.095', orderType: 'stop_market' }, '0.999');
  const entryFill = aFill({ clientOrderId: anEntryIntent(plan).clientOrderId, exchangeOrderId: 'venue-entry', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);
  return { plan, stopIntent, stop: stopAt(stopIntent), entryFill };
}

/** The repair when the venue sold nothing under that stop and holds the plan's 0.999 ETH; the bot must not halt. */
function repairWhenNothingSold({ plan, stopIntent, stop, entryFill }: ReturnType<typeof aStopOfAnEarlierAttempt>) {
  const diff = diffSnapshots(
    aDiffInput({
      ledger: { livePlans: [plan], unsettled: [unsettled(stopIntent)] },
      exchange: { orders: { [stopIntent.clientOrderId]: stop }, fills: [entryFill], balances: balancesOf({ ETH: '0.999' }) },
    }),
  );
  expect(diff.halt).toBeUndefined();
  const repair = diff.repairs[0]!;
  if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
  return repair;
}

describe('Function: diffSnapshots, a new plan restored with the exits its decision sent', () => {
  it('settles the market exit that replaced a refused stop with the restored plan, in one repair: the plan closes and holds nothing', () => {
    const { sent, entryIntent, entry, entryFill, opened } = aDecisionThatDiedAfterItsExit();
    // s0 was refused (recorded as rejected, so settled); the exit went as s1, at market.
    const exitPlan = transitionPlan({ ...opened, exitAttempt: 1 }, 'exiting', SENT_AT, { exitReason: 'stop' });
    const exitIntent = anExitIntent(exitPlan, { reason: 'stop', price: '0.095', orderType: 'market' }, '0.999');
    const exit = anEndedOrder(exitIntent, 'closed', '0.999', '0.094');
    const exitFill = aFill(exit, 'fill-exit', '0.094', '0.999', { cost: '0.0000939', currency: 'BTC' }, FILLED_AT + 1_000);

    const diff = diffSnapshots(
      aDiffInput({
        // The exit's intent first, as the ledger listed it in the run.
        ledger: { livePlans: [], unsettled: [unsettled(exitIntent, { plan: exitPlan }), unsettled(entryIntent, { plan: sent })] },
        exchange: { orders: { [entryIntent.clientOrderId]: entry, [exitIntent.clientOrderId]: exit }, fills: [entryFill, exitFill], balances: balancesOf({ ETH: '0', BTC: '0.9938121' }) },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', entryIntent.clientOrderId]]);
    expect(diff.findings[0]!.detail).toContain('plan unrecorded → closed');
    expect(diff.repairs).toHaveLength(1);
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.orders).toEqual([entry, exit]);
    expect(repair.fills).toEqual([entryFill, exitFill]);
    expect(repair.plan?.expectedVersion).toBe(0);
    // Spent 0.1 BTC for 0.999 ETH net; sold 0.999 at 0.094 = 0.093906, less 0.0000939 fee.
    expect(repair.plan?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 1, filledAmount: '0', avgExitPrice: '0.094', realizedPnl: '-0.0061879', closedAt: FILLED_AT + 1_000 });
    expect(repair.stopOut).toEqual({ symbol: 'ETH/BTC', time: FILLED_AT + 1_000 });
  });

  it('restores the plan with the stop its decision rested for it, so nothing places a second one', () => {
    const { sent, entryIntent, entry, entryFill, opened } = aDecisionThatDiedAfterItsExit();
    const stopIntent = anExitIntent(opened, { reason: 'stop', price: '0.095', orderType: 'stop_market' }, '0.999');
    const stop = anOrder(stopIntent);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [], unsettled: [unsettled(entryIntent, { plan: sent }), unsettled(stopIntent, { plan: opened })] },
        exchange: { openOrders: [stop], orders: { [entryIntent.clientOrderId]: entry, [stopIntent.clientOrderId]: stop }, fills: [entryFill], balances: balancesOf({ ETH: '0.999' }) },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => f.kind)).toEqual(['unacknowledgedOrder']);
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.orders).toEqual([entry, stop]);
    expect(repair.plan?.plan).toMatchObject({ status: 'open', filledAmount: '0.999', exitAttempt: 0, restingStop: { attempt: 0, stopPrice: '0.095', amount: '0.999', placedAt: SENT_AT } });
  });
});

describe('Function: diffSnapshots, an open plan whose decision stepped past a refused stop before it died', () => {
  it('settles the market exit sent under the later attempt as the plan exit (chaos seed 100): the plan closes instead of holding what was sold', () => {
    const { opened } = aDecisionThatDiedAfterItsExit();
    // The ledger's plan: open at exit attempt 1, its first stop ended unfilled. The decision found
    // stop s1 refused as passed and sold at market as s2, then its commit failed.
    const plan: Plan = { ...opened, version: 6, exitAttempt: 1 };
    const exitPlan = transitionPlan({ ...plan, exitAttempt: 2 }, 'exiting', SENT_AT, { exitReason: 'stop' });
    const exitIntent = anExitIntent(exitPlan, { reason: 'stop', price: '0.095', orderType: 'market' }, '0.999');
    const exit = anEndedOrder(exitIntent, 'closed', '0.999', '0.094');
    const exitFill = aFill(exit, 'fill-exit', '0.094', '0.999', { cost: '0.0000939', currency: 'BTC' }, FILLED_AT + 1_000);
    const entryFill = aFill({ clientOrderId: anEntryIntent(plan).clientOrderId, exchangeOrderId: 'venue-entry', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(exitIntent, { plan: exitPlan })] },
        exchange: { orders: { [exitIntent.clientOrderId]: exit }, fills: [entryFill, exitFill], balances: balancesOf({ ETH: '0', BTC: '0.9938121' }) },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => f.kind)).toEqual(['unacknowledgedOrder']);
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.plan?.expectedVersion).toBe(6);
    expect(repair.plan?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 2, filledAmount: '0', realizedPnl: '-0.0061879' });
    expect(repair.fills).toEqual([exitFill]);
  });
});

describe('Function: diffSnapshots, an open plan whose replacement stop sold under an attempt later decisions never knew', () => {
  it('settles that stop into the plan (chaos seed 2009): the plan closes, keeps its highest attempt, and the bot is not halted', () => {
    const { opened } = aDecisionThatDiedAfterItsExit();
    // A decision moved the trailing stop: cancelled s0 and placed s1 (attempt 1), then died before
    // its commit. s1 triggered and sold everything. Later decisions, not knowing s1, found s0
    // cancelled and sent market exits x1…x4, each refused for want of ETH: the plan is at attempt 4.
    const plan: Plan = { ...opened, version: 9, exitAttempt: 4 };
    const stopPlan: Plan = { ...opened, exitAttempt: 1 };
    const stopIntent = anExitIntent(stopPlan, { reason: 'stop', price: '0.095', orderType: 'stop_market' }, '0.999');
    const stop = anEndedOrder(stopIntent, 'closed', '0.999', '0.0949');
    const stopFill = aFill(stop, 'fill-stop', '0.0949', '0.999', { cost: '0.0000948051', currency: 'BTC' }, FILLED_AT + 1_000);
    const entryFill = aFill({ clientOrderId: anEntryIntent(plan).clientOrderId, exchangeOrderId: 'venue-entry', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(stopIntent, { plan: stopPlan })] },
        exchange: { orders: { [stopIntent.clientOrderId]: stop }, fills: [entryFill, stopFill], balances: balancesOf({ ETH: '0', BTC: '0.9947153949' }) },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', stopIntent.clientOrderId]]);
    expect(diff.findings[0]!.detail).toContain('plan open → closed');
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.plan?.expectedVersion).toBe(9);
    // Spent 0.1 BTC for 0.999 ETH; sold 0.999 at 0.0949 = 0.0948051, less 0.0000948051 fee.
    expect(repair.plan?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 4, filledAmount: '0', avgExitPrice: '0.0949', realizedPnl: '-0.0052897051' });
    expect(repair.orders).toEqual([stop]);
    expect(repair.fills).toEqual([stopFill]);
  });

  it('records an earlier attempt that sold nothing on its own, leaving the plan as it is', () => {
    const earlier = aStopOfAnEarlierAttempt((intent) => anEndedOrder(intent, 'canceled', '0', '0'));
    const repair = repairWhenNothingSold(earlier);
    expect(repair.plan).toBeUndefined();
    expect(repair.orders).toEqual([earlier.stop]);
  });
});

describe('Function: diffSnapshots, an open plan whose stop of an earlier attempt still rests at the venue, unknown to the ledger', () => {
  /**
   * Chaos seed 11107: a decision rested the stop s1 and died before its commit, so the plan
   * kept no resting stop. Later decisions sent market exits x1…x3, each refused for want of ETH
   * (s1 holds it): the plan is at attempt 4. Reconciliation finds s1 still open at the venue.
   */
  it("adopts the stop as the plan's resting stop when part of it sold: the plan stays open on the rest, waits on that stop, and the bot is not halted", () => {
    const { plan, stopIntent, stop, entryFill } = aStopOfAnEarlierAttempt((intent) => ({ ...anOrder(intent), filled: '0.4' }));
    const stopFill = aFill(stop, 'fill-stop', '0.0949', '0.4', { cost: '0.00003796', currency: 'BTC' }, FILLED_AT + 1_000);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(stopIntent, { plan: { ...plan, exitAttempt: 1 } })] },
        // The venue holds the 0.599 ETH left, reserved by the stop.
        exchange: { orders: { [stopIntent.clientOrderId]: stop }, fills: [entryFill, stopFill], balances: balancesOf({ ETH: '0.599', BTC: '0.90792004' }) },
      }),
    );

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => [f.kind, f.clientOrderId])).toEqual([['unacknowledgedOrder', stopIntent.clientOrderId]]);
    const repair = diff.repairs[0]!;
    if (repair.kind !== 'recordLedger') throw new Error(`expected recordLedger, got ${repair.kind}`);
    expect(repair.plan?.expectedVersion).toBe(9);
    expect(repair.plan?.plan).toMatchObject({ status: 'open', exitAttempt: 4, filledAmount: '0.599', restingStop: { attempt: 1, stopPrice: '0.095', amount: '0.999' } });
    expect(repair.orders).toEqual([stop]);
    expect(repair.fills).toEqual([stopFill]);
  });

  it('adopts it the same when nothing sold yet: the plan, holding everything, waits on the stop that holds its ETH', () => {
    const earlier = aStopOfAnEarlierAttempt((intent) => anOrder(intent));
    const repair = repairWhenNothingSold(earlier);
    expect(repair.plan?.plan).toMatchObject({ status: 'open', exitAttempt: 4, filledAmount: '0.999', restingStop: { attempt: 1, stopPrice: '0.095', amount: '0.999' } });
    expect(repair.orders).toEqual([earlier.stop]);
  });
});
