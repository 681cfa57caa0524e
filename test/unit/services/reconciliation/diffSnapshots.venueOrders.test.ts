import { describe, expect, it } from 'vitest';
import type { Order } from '../../../../lib/domain/order.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { aPlan } from '../../../support/planFixture.js';
import { SENT_AT, aDiffInput, anExitIntent, anOrder, balancesOf, idOf, unsettled, withoutDetail } from '../../../support/reconciliationFixture.js';

/** An open order on the venue, as it lists it. */
function venueOrder(clientOrderId: string, fields: Partial<Order> = {}): Order {
  return { clientOrderId, exchangeOrderId: '9001', symbol: 'ETH/BTC', side: 'sell', type: 'limit', status: 'open', amount: '1', filled: '0', price: '0.11', timestamp: SENT_AT, ...fields };
}

/** The fixture plan: open, 1 ETH held, decided and priced above its stop, so protected. */
const PLAN = aPlan();
const HELD = balancesOf({ ETH: '1' });

describe('Function: diffSnapshots, finding 5 (unknownOrder)', () => {
  it('cancels an open order of ours the ledger has no record of, with the intent of the live plan that can have sent it', () => {
    const order = venueOrder(idOf(PLAN, 'exit', 0));

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { openOrders: [order], ledgerRecords: { [order.clientOrderId]: 'none' }, balances: HELD } }));

    const intent = { clientOrderId: order.clientOrderId, botId: 'test', planId: PLAN.id, leg: 'exit', attempt: 0, symbol: 'ETH/BTC', side: 'sell', type: 'limit', amount: '1', price: '0.11', createdAt: SENT_AT };
    const repair = { kind: 'cancelOrder', order, intent };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unknownOrder', symbol: 'ETH/BTC', planId: PLAN.id, clientOrderId: order.clientOrderId, repair }]);
    expect(diff.findings[0]!.detail).toBe('open sell 1 ETH/BTC: the ledger has no record of it; cancelled');
    expect(diff.repairs).toEqual([repair]);
  });

  it("records an order no live plan can have sent under the plan 'unknown', its leg and attempt read from the id", () => {
    const gone = aPlan({ id: 'test-gone0001', exitAttempt: 2 });
    const order = venueOrder(idOf(gone, 'stop', 2), { type: 'stop_market', price: undefined, stopPrice: '0.09', amount: '0.5' });

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { openOrders: [order], balances: HELD } }));

    const intent = { clientOrderId: order.clientOrderId, botId: 'test', planId: 'unknown', leg: 'stop', attempt: 2, symbol: 'ETH/BTC', side: 'sell', type: 'stop_market', amount: '0.5', stopPrice: '0.09', createdAt: SENT_AT };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unknownOrder', symbol: 'ETH/BTC', planId: 'unknown', clientOrderId: order.clientOrderId, repair: { kind: 'cancelOrder', order, intent } }]);
    expect(diff.repairs).toEqual([{ kind: 'cancelOrder', order, intent }]);
  });

  it("adopts unknown orders of ours as they are when the configuration says 'adopt'", () => {
    const planOrder = venueOrder(idOf(PLAN, 'exit', 0));
    // Ours by its prefix, not in our id format: the leg follows the side, attempt 0.
    const manual = venueOrder('test-manualbuy', { side: 'buy', price: '0.09', amount: '2', exchangeOrderId: '9002', timestamp: SENT_AT + 1 });

    const diff = diffSnapshots(
      aDiffInput({
        settings: { unknownOrders: 'adopt' },
        ledger: { livePlans: [PLAN] },
        exchange: { openOrders: [planOrder, manual], ledgerRecords: { [planOrder.clientOrderId]: 'none', [manual.clientOrderId]: 'none' }, balances: HELD },
      }),
    );

    const planIntent = { clientOrderId: planOrder.clientOrderId, botId: 'test', planId: PLAN.id, leg: 'exit', attempt: 0, symbol: 'ETH/BTC', side: 'sell', type: 'limit', amount: '1', price: '0.11', createdAt: SENT_AT };
    const manualIntent = { clientOrderId: 'test-manualbuy', botId: 'test', planId: 'unknown', leg: 'entry', attempt: 0, symbol: 'ETH/BTC', side: 'buy', type: 'limit', amount: '2', price: '0.09', createdAt: SENT_AT + 1 };
    expect(diff.findings.map(withoutDetail)).toEqual([
      { kind: 'unknownOrder', symbol: 'ETH/BTC', planId: PLAN.id, clientOrderId: planOrder.clientOrderId, repair: { kind: 'recordLedger', intents: [planIntent], orders: [planOrder], fills: [] } },
      { kind: 'unknownOrder', symbol: 'ETH/BTC', planId: 'unknown', clientOrderId: 'test-manualbuy', repair: { kind: 'recordLedger', intents: [manualIntent], orders: [manual], fills: [] } },
    ]);
    expect(diff.findings[0]!.detail).toBe('open sell 1 ETH/BTC: the ledger has no record of it; adopted');
    expect(diff.repairs).toEqual(diff.findings.map((f) => f.repair));
  });

  it("always cancels an open order the ledger has as ended, with no intent, even when the configuration says 'adopt'", () => {
    const order = venueOrder(idOf(PLAN, 'exit', 0));

    const diff = diffSnapshots(aDiffInput({ settings: { unknownOrders: 'adopt' }, ledger: { livePlans: [PLAN] }, exchange: { openOrders: [order], ledgerRecords: { [order.clientOrderId]: 'final' }, balances: HELD } }));

    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unknownOrder', symbol: 'ETH/BTC', clientOrderId: order.clientOrderId, repair: { kind: 'cancelOrder', order } }]);
    expect(diff.findings[0]!.detail).toBe('open sell 1 ETH/BTC: the ledger has it as ended; cancelled');
    expect(diff.repairs).toEqual([{ kind: 'cancelOrder', order }]);
  });

  it('leaves an open order the ledger lists as unsettled alone (its index lagging)', () => {
    const order = venueOrder(idOf(PLAN, 'exit', 0));

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { openOrders: [order], ledgerRecords: { [order.clientOrderId]: 'unsettled' }, balances: HELD } }));

    expect(diff).toEqual({ findings: [], repairs: [] });
  });

  it("does not take an awaited order (an unsettled intent's or a plan's pending one) for unknown", () => {
    const exiting = aPlan({ id: 'test-plan0002', status: 'exiting', exitReason: 'target', version: 4 });
    const pending = venueOrder(idOf(exiting, 'exit', 0));
    const intent = anExitIntent(PLAN, { reason: 'stop', price: '0.095', orderType: 'stop_market' });
    const resting = anOrder(intent);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [PLAN, exiting], unsettled: [unsettled(intent, { order: resting })] },
        exchange: { openOrders: [pending, resting], orders: { [pending.clientOrderId]: pending, [resting.clientOrderId]: resting }, balances: balancesOf({ ETH: '2' }) },
      }),
    );

    expect(diff).toEqual({ findings: [], repairs: [] });
  });
});

describe('Function: diffSnapshots, finding 6 (foreignOrder)', () => {
  it("reports an order without this bot's prefix and leaves it alone, whatever the configuration", () => {
    const manual = venueOrder('web_8f3a21', { exchangeOrderId: '7001', side: 'buy', price: '0.08' });
    // Another bot whose id merely starts with ours: 'tester-' is not 'test-'.
    const otherBot = venueOrder('tester-Ab12Cd34Ef56Gh-x0', { exchangeOrderId: '7002' });

    const diff = diffSnapshots(aDiffInput({ settings: { unknownOrders: 'adopt' }, ledger: { livePlans: [PLAN] }, exchange: { openOrders: [manual, otherBot], balances: HELD } }));

    expect(diff.findings.map(withoutDetail)).toEqual([
      { kind: 'foreignOrder', symbol: 'ETH/BTC', clientOrderId: 'web_8f3a21', repair: { kind: 'none' } },
      { kind: 'foreignOrder', symbol: 'ETH/BTC', clientOrderId: 'tester-Ab12Cd34Ef56Gh-x0', repair: { kind: 'none' } },
    ]);
    expect(diff.findings[0]!.detail).toBe("buy 1 ETH/BTC (venue id 7001) is not this bot's: left alone");
    expect(diff.repairs).toEqual([]);
    expect(diff.halt).toBeUndefined();
  });
});
