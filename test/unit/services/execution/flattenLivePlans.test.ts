import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import type { Exchange } from '../../../../lib/ports/Exchange.js';
import { buildEntryIntent, buildExitIntent } from '../../../../lib/services/execution/buildIntent.js';
import type { FlattenOptions, PendingSettlement } from '../../../../lib/services/execution/flattenLivePlans.js';
import { settleOrder } from '../../../../lib/services/execution/settleOrder.js';
import { pendingOrderOf } from '../../../../lib/services/plans/planOrders.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';
import { NOW, type RecordingExchange, enteredPlan, setup } from './executionFixture.js';

const NOTHING: PendingSettlement = { plans: [], orders: [], fills: [], stopOuts: new Map() };

/** The latest price 0.1003456 (rounded to the market's step for the exit), nothing pending to settle. */
const options: FlattenOptions = { price: () => Promise.resolve('0.1003456'), settle: () => Promise.resolve(NOTHING) };

const exitId = (planId: string, attempt = 0) => deriveClientOrderId('test', planId, 'exit', attempt);
const stopId = (planId: string, attempt = 0) => deriveClientOrderId('test', planId, 'stop', attempt);

/** Rests the plan's protective stop at the venue, below the market so it does not trigger. */
async function restStop(exchange: RecordingExchange, plan: Plan): Promise<void> {
  await exchange.seed(buildExitIntent(plan, { planId: plan.id, reason: 'stop', price: '0.095', orderType: 'stop_market' }, plan.filledAmount!, PLAN_OPENED_AT + 1));
}

/** Settles each plan's ended entry from the venue's own order and fills, as decide does. */
function settleFrom(exchange: Exchange): FlattenOptions['settle'] {
  return async (symbol, plans, now) => {
    const settled: Plan[] = [];
    for (const plan of plans) {
      const pending = pendingOrderOf(plan);
      const order = pending && (await exchange.fetchOrderByClientId(symbol, pending.clientOrderId));
      if (!pending || !order || order.status === 'open') continue;
      settled.push(settleOrder(plan, pending.leg, order, await exchange.fetchFills(symbol, 0), now));
    }
    return { ...NOTHING, plans: settled };
  };
}

describe('Class: ExecutionService', () => {
  describe('Method: flatten', () => {
    it('cancels a resting stop first, then sells exactly what each open plan holds at market, the intent written before each order', async () => {
      const { exchange, orders, execution } = setup();
      const first = await enteredPlan(exchange, { id: 'test-plan0001', amount: '1.5' });
      const second = await enteredPlan(exchange, { id: 'test-plan0002', amount: '0.75' });
      await restStop(exchange, first);
      // Each holds what it bought less its fee in ETH: 1.5 − 0.0015 = 1.4985 and 0.75 − 0.00075 = 0.74925.
      expect([first.filledAmount, second.filledAmount]).toEqual(['1.4985', '0.74925']);

      const result = await execution.flatten([first, second], options);

      expect(exchange.calls).toEqual([`cancel ${stopId(first.id)}`, `create ${exitId(first.id)}`, `create ${exitId(second.id)}`]);
      expect(exchange.sent.map(({ intent, intentWritten }) => ({ id: intent.clientOrderId, type: intent.type, side: intent.side, amount: intent.amount, price: intent.price, intentWritten }))).toEqual([
        { id: exitId(first.id), type: 'market', side: 'sell', amount: '1.498', price: '0.100346', intentWritten: true },
        { id: exitId(second.id), type: 'market', side: 'sell', amount: '0.749', price: '0.100346', intentWritten: true },
      ]);
      // Each exit is floored to the step 0.001 (Binance's lot size) before its intent is written: the ledger records what the venue was sent.
      expect((await exchange.fetchOpenOrders('ETH/BTC')).map((o) => [o.clientOrderId, o.amount])).toEqual([
        [exitId(first.id), '1.498'],
        [exitId(second.id), '0.749'],
      ]);
      expect((await exchange.fetchOrderByClientId('ETH/BTC', stopId(first.id)))?.status).toBe('canceled');
      expect(result).toMatchObject({ kind: 'flattened', settledOrders: [], fills: [] });
      if (result.kind !== 'flattened') return;
      expect(result.changed.map((p) => [p.id, p.status, p.exitReason, p.version])).toEqual([
        [first.id, 'exiting', 'flatten', 4],
        [second.id, 'exiting', 'flatten', 4],
      ]);
      expect(result.orders).toEqual([
        { clientOrderId: exitId(first.id), planId: first.id, leg: 'exit', side: 'sell', amount: '1.498', outcome: 'acknowledged' },
        { clientOrderId: exitId(second.id), planId: second.id, leg: 'exit', side: 'sell', amount: '0.749', outcome: 'acknowledged' },
      ]);
      expect(orders.allIntents().map((i) => i.clientOrderId)).toEqual([exitId(first.id), exitId(second.id)]);
    });

    it('sends nothing under HALT, not even a cancel: a resting stop keeps protecting the position', async () => {
      const { exchange, execution } = setup({ killSwitch: 'HALT' });
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      await restStop(exchange, plan);

      const result = await execution.flatten([plan], options);

      expect(result).toEqual({ kind: 'refused', refusal: { code: 'kill_switch', state: 'HALT' } });
      expect(exchange.calls).toEqual([]);
      expect((await exchange.fetchOrderByClientId('ETH/BTC', stopId(plan.id)))?.status).toBe('open');
    });

    it('cancels an approved plan that never sent its entry, and sends nothing for it', async () => {
      const { exchange, execution } = setup();
      const approved = aPlan({ status: 'approved', version: 1, filledAmount: undefined, openedAt: undefined, avgEntryPrice: undefined });

      const result = await execution.flatten([approved], options);

      expect(exchange.calls).toEqual([]);
      expect(result).toMatchObject({ kind: 'flattened', changed: [{ id: approved.id, status: 'cancelled', version: 2 }], orders: [] });
      expect(result.kind === 'flattened' && result.report).toEqual([{ planId: approved.id, symbol: 'ETH/BTC', from: 'approved', to: 'cancelled', note: 'no entry was sent: cancelled' }]);
    });

    it('holds a plan back for reconciliation when its stop filled while being cancelled: nothing is sold on a position already gone', async () => {
      const { exchange, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      await restStop(exchange, plan);
      const cancel = exchange.cancelOrder.bind(exchange);
      exchange.cancelOrder = async (symbol, clientOrderId) => {
        exchange.candle(0.0948, NOW); // the stop triggers (and fills within its limit) just before the cancel lands
        await cancel(symbol, clientOrderId);
      };

      const result = await execution.flatten([plan], options);

      expect(exchange.calls).toEqual([`cancel ${stopId(plan.id)}`]);
      expect(result).toMatchObject({ kind: 'flattened', changed: [], orders: [] });
      expect(result.kind === 'flattened' && result.report).toEqual([
        // The stop was for the 1.4985 held, floored by the venue to the step 0.001: 1.498 filled.
        { planId: plan.id, symbol: 'ETH/BTC', from: 'open', to: 'open', note: `cancelled ${stopId(plan.id)} had filled 1.498: left for reconciliation` },
      ]);
    });

    it('settles an entry that filled meanwhile, then sells the position it opened', async () => {
      const { exchange, execution } = setup();
      const entering = aPlan({ status: 'entering', amount: '2', filledAmount: undefined, openedAt: undefined, avgEntryPrice: undefined, activeStop: undefined, highWatermark: undefined });
      await exchange.seed(buildEntryIntent({ ...entering, status: 'approved' }, PLAN_OPENED_AT - 1));
      exchange.candle(0.1, PLAN_OPENED_AT);

      const result = await execution.flatten([entering], { ...options, settle: settleFrom(exchange) });

      expect(exchange.calls).toEqual([`create ${exitId(entering.id)}`]);
      // Bought 2 at 0.1 less its fee 2 × 0.001 = 0.002 ETH: 1.998 held, and sold.
      expect(exchange.sent.at(-1)?.intent).toMatchObject({ type: 'market', side: 'sell', amount: '1.998' });
      expect(result).toMatchObject({ kind: 'flattened', changed: [{ id: entering.id, status: 'exiting', filledAmount: '1.998', avgEntryPrice: '0.1', exitReason: 'flatten' }] });
    });
  });
});
