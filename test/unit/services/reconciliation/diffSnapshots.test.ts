import { describe, expect, it } from 'vitest';
import type { Order } from '../../../../lib/domain/order.js';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { diffSnapshots } from '../../../../lib/services/reconciliation/diffSnapshots.js';
import { IncompleteSnapshotError } from '../../../../lib/services/reconciliation/venueAnswer.js';
import { aPlan } from '../../../support/planFixture.js';
import {
  SENT_AT,
  aDiffInput,
  aFill,
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

/** The fixture plan: open, 1 ETH held at 0.1, stop 0.095, ETH/BTC 1m (decided by default). */
const PLAN = aPlan();
const HELD = balancesOf({ ETH: '1', BTC: '0.9' });

describe('Function: diffSnapshots', () => {
  it('finds nothing and repairs nothing when the venue and the ledger agree', () => {
    const exiting = anExitingPlan({ id: 'test-plan0002' });
    const exit = anExitIntent(exiting, { reason: 'target', price: '0.11', orderType: 'limit' });
    const resting = anOrder(exit);

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [PLAN, exiting], unsettled: [unsettled(exit, { order: resting, plan: exiting })] },
        exchange: { openOrders: [resting], orders: { [exit.clientOrderId]: resting }, balances: balancesOf({ ETH: '2', BTC: '0.8' }) },
      }),
    );

    expect(diff).toEqual({ findings: [], repairs: [] });
  });

  it('throws IncompleteSnapshotError when the venue did not answer for an awaited client order id', () => {
    const entering = anEnteringPlan();
    const stray = anEntryIntent(anEnteringPlan({ id: 'test-plan0002' }));

    expect(() => diffSnapshots(aDiffInput({ ledger: { livePlans: [entering] } }))).toThrow(IncompleteSnapshotError);
    expect(() => diffSnapshots(aDiffInput({ ledger: { livePlans: [entering] } }))).toThrow(`order ${idOf(entering, 'entry')}`);
    expect(() => diffSnapshots(aDiffInput({ ledger: { unsettled: [unsettled(stray)] } }))).toThrow(IncompleteSnapshotError);
  });

  it('throws IncompleteSnapshotError when a price or a minimum amount it needs is missing', () => {
    expect(() => diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { lastPrices: {}, balances: HELD } }))).toThrow('the last price of ETH/BTC');

    const plan = anEnteringPlan();
    const intent = anEntryIntent(plan);
    const filled = anOrder(intent, { status: 'closed', filled: '1' });
    expect(() => diffSnapshots(aDiffInput({ ledger: { livePlans: [plan], unsettled: [unsettled(intent)] }, exchange: { orders: { [intent.clientOrderId]: filled }, smallestSellable: {} } }))).toThrow(IncompleteSnapshotError);
  });

  it('returns the repairs in the order of their findings: orders awaited, then open orders, then protection', () => {
    const entering = anEnteringPlan({ id: 'test-plan0001' });
    const missing = anEntryIntent(entering);
    const sent = anEnteringPlan({ id: 'test-plan0003' });
    const adopted = anEntryIntent(sent);
    const adoptedOrder = anOrder(adopted);
    const foreign: Order = { clientOrderId: 'web_1', exchangeOrderId: '7001', symbol: 'ETH/BTC', side: 'buy', type: 'limit', status: 'open', amount: '1', filled: '0', price: '0.08', timestamp: SENT_AT };
    const ended: Order = { ...foreign, clientOrderId: idOf(aPlan({ id: 'test-gone0001' }), 'exit', 0), exchangeOrderId: '7002', side: 'sell', price: '0.12' };
    // A 5m plan: that series is not decided, so nothing checks its stop.
    const undecided = aPlan({ id: 'test-plan0004', timeframe: '5m' });

    const diff = diffSnapshots(
      aDiffInput({
        ledger: { livePlans: [entering, undecided], unsettled: [unsettled(missing, { plan: entering }), unsettled(adopted, { plan: sent })] },
        exchange: {
          openOrders: [foreign, adoptedOrder, ended],
          orders: { [missing.clientOrderId]: null, [adopted.clientOrderId]: adoptedOrder },
          ledgerRecords: { [ended.clientOrderId]: 'final' },
          balances: HELD,
        },
      }),
    );

    expect(diff.findings.map((f) => [f.kind, f.clientOrderId ?? f.planId])).toEqual([
      ['intentMissingAtVenue', missing.clientOrderId],
      ['unacknowledgedOrder', adopted.clientOrderId],
      ['foreignOrder', 'web_1'],
      ['unknownOrder', ended.clientOrderId],
      ['unprotectedPosition', undecided.id],
    ]);
    expect(diff.repairs.map((r) => r.kind)).toEqual(['recordLedger', 'recordLedger', 'cancelOrder', 'protectPosition']);
    expect(diff.repairs).toEqual(diff.findings.map((f) => f.repair).filter((r) => r.kind !== 'none'));
    expect(diff.halt).toBeUndefined();
  });
});

describe('Function: diffSnapshots, finding 4 (unprotectedPosition)', () => {
  it('rests a stop at the active stop for a position whose series is no longer decided', () => {
    const trailed = aPlan({ activeStop: '0.098', highWatermark: '0.103' });

    const diff = diffSnapshots(aDiffInput({ decidedSeries: new Set(), ledger: { livePlans: [trailed] }, exchange: { balances: HELD } }));

    const repair = { kind: 'protectPosition', planId: trailed.id, expectedVersion: 3, symbol: 'ETH/BTC', mode: 'stop', stopPrice: '0.098', exitAttempt: 0 };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unprotectedPosition', symbol: 'ETH/BTC', planId: trailed.id, repair }]);
    expect(diff.findings[0]!.detail).toBe('1 ETH/BTC held, ETH/BTC 1m is not decided, so its stop is never checked: resting a stop at 0.098');
    expect(diff.repairs).toEqual([repair]);
  });

  it('sells at market a position whose price is at or through its stop, decided or not', () => {
    const through = aPlan({ activeStop: '0.0945' });
    const at = aPlan({ id: 'test-plan0002', activeStop: '0.094', version: 7 });

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [through, at] }, exchange: { lastPrices: { 'ETH/BTC': '0.094' }, balances: balancesOf({ ETH: '2' }) } }));

    expect(diff.repairs).toEqual([
      { kind: 'protectPosition', planId: through.id, expectedVersion: 3, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0.0945', exitAttempt: 0 },
      { kind: 'protectPosition', planId: at.id, expectedVersion: 7, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0.094', exitAttempt: 0 },
    ]);
    expect(diff.findings.map((f) => f.detail)).toEqual([
      '1 ETH/BTC held, price 0.094 is through the stop 0.0945: selling at market',
      '1 ETH/BTC held, price 0.094 is through the stop 0.094: selling at market',
    ]);
  });

  it("sells at market an unprotected position when the configuration says 'flatten'", () => {
    const diff = diffSnapshots(aDiffInput({ decidedSeries: new Set(), settings: { unprotectedPositions: 'flatten' }, ledger: { livePlans: [PLAN] }, exchange: { balances: HELD } }));

    const repair = { kind: 'protectPosition', planId: PLAN.id, expectedVersion: 3, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0.095', exitAttempt: 0 };
    expect(diff.findings.map(withoutDetail)).toEqual([{ kind: 'unprotectedPosition', symbol: 'ETH/BTC', planId: PLAN.id, repair }]);
    expect(diff.repairs).toEqual([repair]);
  });

  it('sells at market a position with no stop level even when the configuration says stop: no stop order could work', () => {
    const noStop = aPlan({ activeStop: '0', stop: '0' });
    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [noStop] }, exchange: { balances: HELD } }));

    expect(diff.repairs).toEqual([{ kind: 'protectPosition', planId: noStop.id, expectedVersion: 3, symbol: 'ETH/BTC', mode: 'flatten', stopPrice: '0', exitAttempt: 0 }]);
    expect(diff.findings.map((f) => f.detail)).toEqual(['1 ETH/BTC held, no stop level: selling at market']);
  });

  it('finds nothing for an undecided position that a resting stop order of its own protects', () => {
    const intent = anExitIntent(PLAN, { reason: 'stop', price: '0.095', orderType: 'stop_market' });
    const stop = anOrder(intent);
    const sent = transitionPlan(PLAN, 'exiting', SENT_AT, { exitReason: 'stop' });

    const diff = diffSnapshots(
      aDiffInput({
        decidedSeries: new Set(),
        ledger: { livePlans: [PLAN], unsettled: [unsettled(intent, { order: stop, plan: sent })] },
        exchange: { openOrders: [stop], orders: { [intent.clientOrderId]: stop }, balances: balancesOf({ ETH: '1' }) },
      }),
    );

    expect(diff).toEqual({ findings: [], repairs: [] });
  });

  it('finds nothing for a position whose series is decided and whose price is above its stop', () => {
    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { lastPrices: { 'ETH/BTC': '0.0951' }, balances: HELD } }));

    expect(diff).toEqual({ findings: [], repairs: [] });
  });
});

describe('Function: diffSnapshots, finding 7 (balanceMismatch)', () => {
  it('halts with no repairs at all when the venue holds less than the plans beyond the tolerance', () => {
    const stray: Order = { clientOrderId: idOf(PLAN, 'exit', 0), exchangeOrderId: '9001', symbol: 'ETH/BTC', side: 'sell', type: 'limit', status: 'open', amount: '1', filled: '0', price: '0.11', timestamp: SENT_AT };

    const diff = diffSnapshots(aDiffInput({ decidedSeries: new Set(), ledger: { livePlans: [PLAN] }, exchange: { openOrders: [stray], balances: balancesOf({ ETH: '0.98' }) } }));

    // 1 held, 0.98 at the venue: 0.02 short, beyond 1 % of 1.
    const reason = 'the venue holds 0.98 ETH, the plans 1: short by 0.02, beyond the tolerance of 1 %';
    expect(diff.findings.map((f) => f.kind)).toEqual(['unknownOrder', 'unprotectedPosition', 'balanceMismatch']);
    expect(diff.findings[2]).toEqual({ kind: 'balanceMismatch', detail: reason, repair: { kind: 'halt', reason } });
    expect(diff.repairs).toEqual([]);
    expect(diff.halt).toBe(reason);
  });

  it('finds nothing when the venue is short by no more than the tolerance', () => {
    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { balances: balancesOf({ ETH: '0.99' }) } }));

    expect(diff).toEqual({ findings: [], repairs: [] });
  });

  it('finds nothing when the venue holds more than the plans', () => {
    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [PLAN] }, exchange: { balances: balancesOf({ ETH: '5' }) } }));

    expect(diff).toEqual({ findings: [], repairs: [] });
  });

  it('counts what an exiting plan holds less what its open exit has sold so far', () => {
    const plan = anExitingPlan();
    const intent = anExitIntent(plan, { reason: 'target', price: '0.11', orderType: 'limit' });
    const partly = anOrder(intent, { filled: '0.4' });
    const fill = aFill(partly, 'fill-exit', '0.11', '0.4', { cost: '0.000044', currency: 'BTC' }, SENT_AT + 1_000);
    const input = (eth: string) =>
      aDiffInput({
        ledger: { livePlans: [plan], unsettled: [unsettled(intent, { order: anOrder(intent), plan })] },
        exchange: { openOrders: [partly], orders: { [intent.clientOrderId]: partly }, fills: [fill], balances: balancesOf({ ETH: eth }) },
      });

    expect(diffSnapshots(input('0.6'))).toEqual({ findings: [], repairs: [] });
    // 1 - 0.4 = 0.6 held; 0.55 at the venue is 0.05 short, beyond 1 % of 0.6.
    const reason = 'the venue holds 0.55 ETH, the plans 0.6: short by 0.05, beyond the tolerance of 1 %';
    expect(diffSnapshots(input('0.55'))).toEqual({ findings: [{ kind: 'balanceMismatch', detail: reason, repair: { kind: 'halt', reason } }], repairs: [], halt: reason });
  });

  it('joins the reasons of every asset short into the halt', () => {
    const ltc = aPlan({ id: 'test-plan0002', symbol: 'LTC/BTC', filledAmount: '10', activeStop: '0.001', stop: '0.001' });

    const diff = diffSnapshots(
      aDiffInput({ decidedSeries: new Set(['ETH/BTC#1m', 'LTC/BTC#1m']), ledger: { livePlans: [PLAN, ltc] }, exchange: { lastPrices: { 'ETH/BTC': '0.1', 'LTC/BTC': '0.002' }, balances: balancesOf({ ETH: '0.5', LTC: '2.5' }) } }),
    );

    expect(diff.halt).toBe('the venue holds 0.5 ETH, the plans 1: short by 0.5, beyond the tolerance of 1 %; the venue holds 2.5 LTC, the plans 10: short by 7.5, beyond the tolerance of 1 %');
    expect(diff.repairs).toEqual([]);
  });
});

describe('Function: diffSnapshots, an open plan whose stop rests on the venue', () => {
  const resting = { ...PLAN, restingStop: { attempt: 0, stopPrice: '0.095', amount: '1', placedAt: SENT_AT } };
  const stopId = idOf(resting, 'stop', 0);
  const stopOrder = (overrides: Partial<Order>): Order => ({ clientOrderId: stopId, exchangeOrderId: '77', symbol: 'ETH/BTC', side: 'sell', type: 'stop_market', status: 'open', amount: '1', filled: '0', price: '0.0945', timestamp: SENT_AT, ...overrides });

  it('settles a stop that sold while the bot was away as a stop-out, and the venue holding none is no balance mismatch', () => {
    const sold = stopOrder({ status: 'closed', filled: '1' });
    const entry = aFill({ clientOrderId: idOf(resting, 'entry'), exchangeOrderId: '76', symbol: 'ETH/BTC', side: 'buy' }, 'fill-entry', '0.1', '1', { cost: '0.0001', currency: 'BTC' }, SENT_AT - 60_000);
    const fill = aFill(sold, 'fill-stop', '0.0949', '1', { cost: '0.0000949', currency: 'BTC' }, SENT_AT + 60_000);

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [resting] }, exchange: { orders: { [stopId]: sold }, fills: [entry, fill], balances: balancesOf({ ETH: '0' }) } }));

    expect(diff.halt).toBeUndefined();
    expect(diff.findings.map((f) => f.kind)).toEqual(['orderEndedWhileAway']);
    const repair = diff.repairs[0]!;
    expect(repair).toMatchObject({ kind: 'recordLedger', orders: [sold], fills: [fill], plan: { expectedVersion: resting.version, plan: { status: 'closed', exitReason: 'stop', realizedPnl: '-0.0052949' } } });
    expect(repair.kind === 'recordLedger' && repair.plan?.plan.restingStop).toBeUndefined();
  });

  it('counts what an open plan holds less what its resting stop has sold so far', () => {
    const partly = stopOrder({ filled: '0.4' });
    const input = (eth: string) => aDiffInput({ ledger: { livePlans: [resting] }, exchange: { openOrders: [partly], orders: { [stopId]: partly }, balances: balancesOf({ ETH: eth }) } });

    expect(diffSnapshots(input('0.6'))).toEqual({ findings: [], repairs: [] });
    const reason = 'the venue holds 0.55 ETH, the plans 0.6: short by 0.05, beyond the tolerance of 1 %';
    expect(diffSnapshots(input('0.55'))).toEqual({ findings: [{ kind: 'balanceMismatch', detail: reason, repair: { kind: 'halt', reason } }], repairs: [], halt: reason });
  });

  it('leaves the plan bare for its next stop when the stop ended with nothing sold', () => {
    const cancelled = stopOrder({ status: 'canceled' });

    const diff = diffSnapshots(aDiffInput({ ledger: { livePlans: [resting] }, exchange: { orders: { [stopId]: cancelled }, balances: HELD, lastPrices: { 'ETH/BTC': '0.0951' } } }));

    expect(diff.findings.map((f) => f.kind)).toEqual(['orderEndedWhileAway']);
    expect(diff.repairs[0]).toMatchObject({ kind: 'recordLedger', orders: [cancelled], fills: [], plan: { plan: { status: 'open', exitAttempt: resting.exitAttempt + 1 } } });
  });
});
