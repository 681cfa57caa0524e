import { describe, expect, it } from 'vitest';
import type { Order } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';
import {
  GRACE_MS,
  MINUTE,
  NOW,
  SENT_AT,
  aDiffInput,
  aFill,
  anEndedOrder,
  anEnteringPlan,
  anEntryIntent,
  anExitIntent,
  anExitingPlan,
  anOrder,
  balancesOf,
  idOf,
  unsettled,
  withoutDetail,
} from '../../../support/reconciliationFixture.js';

/** When the venue filled what the bot sent: after it was sent, long before the reconciliation. */
const FILLED_AT = SENT_AT + 2_000;

/** The fixture plan's entry as the venue filled it when the plan opened: 1 ETH at 0.1, 0.1 % fee in BTC. */
function entryFillOf(plan: Plan) {
  const entry = { clientOrderId: idOf(plan, 'entry'), exchangeOrderId: 'venue-entry', symbol: plan.symbol, side: 'buy' as const };
  return aFill(entry, 'fill-entry', '0.1', '1', { cost: '0.0001', currency: 'BTC' }, PLAN_OPENED_AT);
}

/** The final record of an intent the venue never took, written out. */
function rejected(clientOrderId: string, fields: Pick<Order, 'side' | 'type' | 'amount' | 'timestamp'> & Partial<Order>): Order {
  return { clientOrderId, exchangeOrderId: 'none', symbol: 'ETH/BTC', status: 'rejected', filled: '0', ...fields };
}

describe('Function: diffSnapshots, finding 1 (unacknowledgedOrder)', () => {
  it('adopts the entry of a live entering plan whose outcome was unknown, opening the plan on its fills', () => {
    const plan = anEnteringPlan();
    const intent = anEntryIntent(plan);
    const order = anEndedOrder(intent, 'closed', '1', '0.1');
    // The 0.1 % fee is charged in ETH: the plan holds 1 - 0.001.
    const fill = aFill(order, 'fill-1', '0.1', '1', { cost: '0.001', currency: 'ETH' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { plan })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [fill], balances: balancesOf({ ETH: '0.999', BTC: '0.9' }) },
      }),
    );

    const opened: Plan = { ...plan, status: 'open', version: 4, updatedAt: FILLED_AT, openedAt: FILLED_AT, filledAmount: '0.999', avgEntryPrice: '0.1', activeStop: '0.095', highWatermark: '0.1' };
    const repair = { kind: 'recordLedger', plan: { plan: opened, expectedVersion: 3 }, intents: [], orders: [order], fills: [fill] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unacknowledgedOrder', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
    expect(diff.halt).toBeUndefined();
  });

  it('restores a new entry whose plan was never committed from the plan stored with the intent, as a new plan (expectedVersion 0)', () => {
    const sent = anEnteringPlan();
    const intent = anEntryIntent(sent);
    const order = anEndedOrder(intent, 'closed', '1', '0.10012');
    const first = aFill(order, 'fill-1', '0.1', '0.4', { cost: '0.00004', currency: 'BTC' }, FILLED_AT);
    const second = aFill(order, 'fill-2', '0.1002', '0.6', { cost: '0.00006012', currency: 'BTC' }, FILLED_AT + 500);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [], unsettled: [unsettled(intent, { plan: sent })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [first, second], balances: balancesOf({ ETH: '1' }) },
      }),
    );

    // The first fill opens the plan (v4), the second updates it (v5): 0.4 × 0.1 + 0.6 × 0.1002 = 0.10012 for 1 ETH.
    const opened: Plan = { ...sent, status: 'open', version: 5, updatedAt: FILLED_AT + 500, openedAt: FILLED_AT, filledAmount: '1', avgEntryPrice: '0.10012', activeStop: '0.095', highWatermark: '0.1' };
    const repair = { kind: 'recordLedger', plan: { plan: opened, expectedVersion: 0 }, intents: [], orders: [order], fills: [first, second] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unacknowledgedOrder', symbol: 'ETH/BTC', planId: sent.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.findings[0]!.detail).toContain('plan unrecorded → open');
    expect(diff.repairs).toEqual([repair]);
  });

  it('restores a new entry whose order still rests unfilled as the entering plan it was sent with', () => {
    const sent = anEnteringPlan();
    const intent = anEntryIntent(sent);
    const order = anOrder(intent);

    const diff = diffSnapshots(aDiffInput({ ledger: { unsettled: [unsettled(intent, { plan: sent })] }, exchange: { openOrders: [order], orders: { [intent.clientOrderId]: order } } }));

    expect(diff.repairs).toEqual([{ kind: 'recordLedger', plan: { plan: sent, expectedVersion: 0 }, intents: [], orders: [order], fills: [] }]);
    expect(diff.findings.map((f) => f.kind)).toEqual(['unacknowledgedOrder']);
  });

  it('moves an open plan to exiting when its exit intent reached the venue but its commit never landed', () => {
    const plan = aPlan();
    const intent = anExitIntent(plan, { reason: 'target', price: '0.11', orderType: 'limit' });
    const sent = transitionPlan(plan, 'exiting', SENT_AT, { exitReason: 'target' });
    const order = anOrder(intent);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { plan: sent })] },
        exchange: { openOrders: [order], orders: { [intent.clientOrderId]: order }, fills: [entryFillOf(plan)], balances: balancesOf({ ETH: '1' }) },
      }),
    );

    const exiting: Plan = { ...plan, status: 'exiting', exitReason: 'target', version: 4, updatedAt: NOW };
    const repair = { kind: 'recordLedger', plan: { plan: exiting, expectedVersion: 3 }, intents: [], orders: [order], fills: [] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unacknowledgedOrder', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: idOf(plan, 'exit', 0), repair }]);
    expect(diff.findings[0]!.detail).toContain('plan open → exiting');
    expect(diff.repairs).toEqual([repair]);
  });
});

describe('Function: diffSnapshots, finding 2 (intentMissingAtVenue, intentInFlight)', () => {
  it('marks a missing entry failed and cancels its entering plan', () => {
    const plan = anEnteringPlan();
    const intent = anEntryIntent(plan);

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [plan], unsettled: [unsettled(intent, { plan })] }, exchange: { orders: { [intent.clientOrderId]: null } } }));

    const repair = {
      kind: 'recordLedger',
      plan: { plan: { ...plan, status: 'cancelled', version: 4, updatedAt: NOW }, expectedVersion: 3 },
      intents: [],
      // A market order records no price: the intent's price was only what the decision expected.
      orders: [rejected(intent.clientOrderId, { side: 'buy', type: 'market', amount: '1', timestamp: SENT_AT })],
      fills: [],
    };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'intentMissingAtVenue', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('marks a missing exit failed and returns its exiting plan to open under the next exit attempt', () => {
    const plan = anExitingPlan({ exitReason: 'stop' });
    const intent = anExitIntent(plan, { reason: 'stop', price: '0.095', orderType: 'stop_market' });

    const diff = diffSnapshots(
      aDiffInput({ ledger: { livePlans: [plan], unsettled: [unsettled(intent, { plan })] }, exchange: { orders: { [intent.clientOrderId]: null }, balances: balancesOf({ ETH: '1' }) } }),
    );

    const repair = {
      kind: 'recordLedger',
      plan: { plan: { ...plan, status: 'open', exitAttempt: 1, version: 5, updatedAt: NOW }, expectedVersion: 4 },
      intents: [],
      orders: [rejected(idOf(plan, 'stop', 0), { side: 'sell', type: 'stop_market', amount: '1', price: '0.095', stopPrice: '0.095', timestamp: SENT_AT })],
      fills: [],
    };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'intentMissingAtVenue', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('marks a missing new entry failed with no plan to move when its plan was never committed', () => {
    const sent = anEnteringPlan();
    const intent = anEntryIntent(sent);

    const diff = diffSnapshots(aDiffInput({ ledger: { unsettled: [unsettled(intent, { plan: sent })] }, exchange: { orders: { [intent.clientOrderId]: null } } }));

    const repair = { kind: 'recordLedger', intents: [], orders: [rejected(intent.clientOrderId, { side: 'buy', type: 'market', amount: '1', timestamp: SENT_AT })], fills: [] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'intentMissingAtVenue', symbol: 'ETH/BTC', planId: sent.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('judges a pending order with no intent on record by its plan age, with nothing to mark failed', () => {
    const plan = anEnteringPlan();

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [plan] }, exchange: { orders: { [idOf(plan, 'entry')]: null } } }));

    expect(diff.repairs).toEqual([{ kind: 'recordLedger', plan: { plan: { ...plan, status: 'cancelled', version: 4, updatedAt: NOW }, expectedVersion: 3 }, intents: [], orders: [], fills: [] }]);
  });

  it('leaves an intent younger than the grace in flight with no repair, and judges one exactly the grace old', () => {
    const plan = anEnteringPlan({ updatedAt: NOW - 30_000 });
    const young = anEntryIntent(plan, NOW - 30_000);
    const sent = anEnteringPlan({ id: 'test-plan0002' });
    const graceOld = anEntryIntent(sent, NOW - GRACE_MS);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(young, { plan }), unsettled(graceOld, { plan: sent })] },
        exchange: { orders: { [young.clientOrderId]: null, [graceOld.clientOrderId]: null } },
      }),
    );

    expect(diff.findings.map(withoutDetail)).toEqual([
      { kind: 'intentInFlight', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: young.clientOrderId, repair: { kind: 'none' } },
      {
        kind: 'intentMissingAtVenue',
        symbol: 'ETH/BTC',
        planId: sent.id,
        clientOrderId: graceOld.clientOrderId,
        repair: { kind: 'recordLedger', intents: [], orders: [rejected(graceOld.clientOrderId, { side: 'buy', type: 'market', amount: '1', timestamp: NOW - GRACE_MS })], fills: [] },
      },
    ]);
    expect(diff.findings[0]!.detail).toBe('entry not at the venue yet; sent 30000 ms ago');
    expect(diff.repairs).toEqual([diff.findings[1]!.repair]);
  });

  it('gives no repair at all when the only intent is in flight', () => {
    const sent = anEnteringPlan();
    const intent = anEntryIntent(sent, NOW - 1);

    const diff = diffSnapshots(aDiffInput({ ledger: { unsettled: [unsettled(intent, { plan: sent })] }, exchange: { orders: { [intent.clientOrderId]: null } } }));

    expect(diff).toEqual({ findings: [{ kind: 'intentInFlight', symbol: 'ETH/BTC', planId: sent.id, clientOrderId: intent.clientOrderId, detail: 'not at the venue yet; sent 1 ms ago', repair: { kind: 'none' } }], repairs: [] });
  });
});

describe('Function: diffSnapshots, finding 3 (orderEndedWhileAway)', () => {
  it('opens an entering plan whose acknowledged entry filled while away', () => {
    const plan = anEnteringPlan();
    const intent = anEntryIntent(plan);
    const order = anEndedOrder(intent, 'closed', '1', '0.1');
    const fill = aFill(order, 'fill-1', '0.1', '1', { cost: '0.0001', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [fill], balances: balancesOf({ ETH: '1' }) },
      }),
    );

    const opened: Plan = { ...plan, status: 'open', version: 4, updatedAt: FILLED_AT, openedAt: FILLED_AT, filledAmount: '1', avgEntryPrice: '0.1', activeStop: '0.095', highWatermark: '0.1' };
    const repair = { kind: 'recordLedger', plan: { plan: opened, expectedVersion: 3 }, intents: [], orders: [order], fills: [fill] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('cancels an entering plan whose entry expired unfilled', () => {
    const plan = anEnteringPlan();
    const intent = anEntryIntent(plan);
    const order = anEndedOrder(intent, 'expired', '0');

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] }, exchange: { orders: { [intent.clientOrderId]: order } } }));

    expect(diff.repairs).toEqual([{ kind: 'recordLedger', plan: { plan: { ...plan, status: 'cancelled', version: 4, updatedAt: NOW }, expectedVersion: 3 }, intents: [], orders: [order], fills: [] }]);
    expect(diff.findings.map((f) => f.kind)).toEqual(['orderEndedWhileAway']);
  });

  it('closes an exiting plan whose target exit filled, with the exact PnL and no stop-out', () => {
    const plan = anExitingPlan();
    const intent = anExitIntent(plan, { reason: 'target', price: '0.11', orderType: 'limit' });
    const order = anEndedOrder(intent, 'closed', '1', '0.11');
    const fill = aFill(order, 'fill-exit', '0.11', '1', { cost: '0.00011', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] },
        // Nothing is left to hold: a plan this round closed counts for none of the balance.
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [entryFillOf(plan), fill], balances: balancesOf({ BTC: '1.00979' }) },
      }),
    );

    // Sold 1 × 0.11 = 0.11, less its fee 0.00011; bought 1 × 0.1 = 0.1, plus its fee 0.0001.
    // 0.11 - 0.00011 - 0.1 - 0.0001 = 0.00979; fees 0.00011 + 0.0001 = 0.00021.
    const closed: Plan = { ...plan, status: 'closed', version: 5, updatedAt: FILLED_AT, closedAt: FILLED_AT, filledAmount: '0', avgExitPrice: '0.11', exitReason: 'target', realizedPnl: '0.00979', feesPaid: '0.00021' };
    const repair = { kind: 'recordLedger', plan: { plan: closed, expectedVersion: 4 }, intents: [], orders: [order], fills: [fill] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('closes a plan whose protective stop filled, writing off the unsellable remainder, and records the stop-out', () => {
    // The entry's 0.1 % fee was charged in ETH: 1 bought, 0.99925 held; the stop sold 0.999 (floored to the step).
    const plan = anExitingPlan({ exitReason: 'stop', filledAmount: '0.99925' });
    const entry = aFill({ clientOrderId: idOf(plan, 'entry'), exchangeOrderId: 'venue-entry', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.00075', currency: 'ETH' }, PLAN_OPENED_AT);
    const intent = anExitIntent(plan, { reason: 'stop', price: '0.095', orderType: 'stop_market' }, '0.999');
    const order = anEndedOrder(intent, 'closed', '0.999', '0.0949');
    const fill = aFill(order, 'fill-stop', '0.0949', '0.999', { cost: '0.0000948051', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [entry, fill], balances: balancesOf({ ETH: '0.00025' }) },
      }),
    );

    // Sold 0.999 × 0.0949 = 0.0948051, less its fee 0.0000948051; bought 1 × 0.1 = 0.1 (fee paid in ETH).
    // 0.0948051 - 0.0000948051 - 0.1 = -0.0052897051: the 0.00025 ETH left (below the 0.001 minimum) is written off.
    // Fees: the entry's 0.00075 ETH worth 0.000075 at its price, and the stop's 0.0000948051.
    const closed: Plan = {
      ...plan,
      status: 'closed',
      version: 6,
      updatedAt: FILLED_AT,
      closedAt: FILLED_AT,
      filledAmount: '0.00025',
      avgExitPrice: '0.0949',
      exitReason: 'stop',
      realizedPnl: '-0.0052897051',
      feesPaid: '0.0001698051',
    };
    const repair = { kind: 'recordLedger', plan: { plan: closed, expectedVersion: 4 }, intents: [], orders: [order], fills: [fill], stopOut: { symbol: 'ETH/BTC', time: FILLED_AT } };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: idOf(plan, 'stop', 0), repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('closes an open plan whose resting protective stop filled though its move to exiting never landed', () => {
    const plan = aPlan();
    const intent = anExitIntent(plan, { reason: 'stop', price: '0.095', orderType: 'stop_market' });
    const sent = transitionPlan(plan, 'exiting', SENT_AT, { exitReason: 'stop' });
    const order = anEndedOrder(intent, 'closed', '1', '0.095');
    const fill = aFill(order, 'fill-stop', '0.095', '1', { cost: '0.000095', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan: sent })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [entryFillOf(plan), fill] },
      }),
    );

    // Sold 1 × 0.095 less 0.000095; bought 1 × 0.1 plus 0.0001: 0.095 - 0.000095 - 0.1 - 0.0001 = -0.005195.
    const closed: Plan = { ...plan, status: 'closed', version: 5, updatedAt: FILLED_AT, closedAt: FILLED_AT, filledAmount: '0', avgExitPrice: '0.095', exitReason: 'stop', realizedPnl: '-0.005195', feesPaid: '0.000195' };
    const repair = { kind: 'recordLedger', plan: { plan: closed, expectedVersion: 3 }, intents: [], orders: [order], fills: [fill], stopOut: { symbol: 'ETH/BTC', time: FILLED_AT } };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('returns an exiting plan to open under the next attempt when its exit was cancelled part-filled', () => {
    const plan = anExitingPlan();
    const intent = anExitIntent(plan, { reason: 'target', price: '0.11', orderType: 'limit' });
    const order = anEndedOrder(intent, 'canceled', '0.4', '0.11');
    const fill = aFill(order, 'fill-exit', '0.11', '0.4', { cost: '0.000044', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] },
        exchange: { orders: { [intent.clientOrderId]: order }, fills: [entryFillOf(plan), fill], balances: balancesOf({ ETH: '0.6' }) },
      }),
    );

    // The fill leaves 1 - 0.4 = 0.6 held (v5); the cancel returns the plan to open for exit attempt 1 (v6).
    const reopened: Plan = { ...plan, status: 'open', version: 6, updatedAt: NOW, exitAttempt: 1, filledAmount: '0.6', avgExitPrice: '0.11' };
    const repair = { kind: 'recordLedger', plan: { plan: reopened, expectedVersion: 4 }, intents: [], orders: [order], fills: [fill] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: plan.id, clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('records an ended order of ours that no plan owns with its fills and no plan', () => {
    const gone = aPlan({ id: 'test-gone0001' });
    const intent = { ...anExitIntent(gone, { reason: 'target', price: '0.11', orderType: 'limit' }), planId: 'unknown' };
    const order = anEndedOrder(intent, 'closed', '1', '0.11');
    const fill = aFill(order, 'fill-1', '0.11', '1', { cost: '0.00011', currency: 'BTC' }, FILLED_AT);

    const diff = diffSnapshots(aDiffInput({ ledger: { unsettled: [unsettled(intent, { order: anOrder(intent) })] }, exchange: { orders: { [intent.clientOrderId]: order }, fills: [fill] } }));

    const repair = { kind: 'recordLedger', intents: [], orders: [order], fills: [fill] };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'orderEndedWhileAway', symbol: 'ETH/BTC', planId: 'unknown', clientOrderId: intent.clientOrderId, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('leaves an acknowledged order that is still open alone', () => {
    const plan = anExitingPlan();
    const intent = anExitIntent(plan, { reason: 'target', price: '0.11', orderType: 'limit' });
    const order = anOrder(intent, { timestamp: SENT_AT + MINUTE });

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order, plan })] },
        exchange: { openOrders: [order], orders: { [intent.clientOrderId]: order }, fills: [entryFillOf(plan)], balances: balancesOf({ ETH: '1' }) },
      }),
    );

    expect(diff).toEqual({ findings: [], repairs: [] });
  });
});
