import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import { buildExitIntent } from '../../../../lib/services/execution/buildIntent.js';
import { PLAN_OPENED_AT } from '../../../support/planFixture.js';
import { NOW, type RecordingExchange, enteredPlan, setup } from './executionFixture.js';

const stopId = deriveClientOrderId('test', 'test-plan0001', 'stop', 0);

/**
 * A stop of ours resting at the venue that the ledger never recorded, for what the plan holds:
 * 1.5 bought less its fee 0.0015 ETH = 1.4985, floored to the step 0.001 = 1.498.
 */
async function unknownStop(exchange: RecordingExchange): Promise<OrderIntent> {
  const plan = await enteredPlan(exchange, { amount: '1.5' });
  const intent = buildExitIntent(plan, { planId: plan.id, reason: 'stop', price: '0.095', orderType: 'stop_market' }, '1.498', PLAN_OPENED_AT + 1);
  await exchange.seed(intent);
  return intent;
}

describe('Class: ExecutionService', () => {
  describe('Method: cancelOrder', () => {
    it('cancels an open order of ours and returns it as the venue then shows it; the intent the ledger lacked is recorded', async () => {
      const { exchange, orders, execution } = setup();
      const intent = await unknownStop(exchange);

      const result = await execution.cancelOrder('ETH/BTC', stopId, intent);

      expect(exchange.calls).toEqual([`cancel ${stopId}`]);
      expect(result).toMatchObject({ kind: 'ended', order: { clientOrderId: stopId, status: 'canceled', filled: '0', amount: '1.498' }, fills: [] });
      expect(await orders.getIntent(stopId)).toEqual(intent);
      // The 1.498 the stop reserved is free again: all of the 1.4985 held.
      expect(exchange.fetchBalances().ETH).toEqual({ free: '1.4985', used: '0', total: '1.4985' });
    });

    it('records an order that filled before it could be cancelled, with its fill, and sends no cancel', async () => {
      const { exchange, execution } = setup();
      await unknownStop(exchange);
      exchange.candle(0.0948, NOW); // opens after the stop was placed, below its 0.095 and within its limit 0.094525: it triggers and fills

      const result = await execution.cancelOrder('ETH/BTC', stopId);

      expect(exchange.calls).toEqual([]);
      expect(result).toMatchObject({ kind: 'ended', order: { status: 'closed', filled: '1.498' } });
      expect(result.kind === 'ended' && result.fills.map((f) => [f.clientOrderId, f.amount])).toEqual([[stopId, '1.498']]);
    });

    it('keeps an intent already recorded when the repair runs again', async () => {
      const { exchange, orders, execution } = setup();
      const intent = await unknownStop(exchange);
      await orders.insertIntent(intent);

      await expect(execution.cancelOrder('ETH/BTC', stopId, { ...intent, createdAt: NOW })).resolves.toMatchObject({ kind: 'ended' });
      expect(await orders.getIntent(stopId)).toEqual(intent);
    });

    it('sends nothing under HALT, not even a cancel', async () => {
      const { exchange, orders, execution } = setup({ killSwitch: 'HALT' });
      const intent = await unknownStop(exchange);

      expect(await execution.cancelOrder('ETH/BTC', stopId, intent)).toEqual({ kind: 'refused', refusal: { code: 'kill_switch', state: 'HALT' } });
      expect(exchange.calls).toEqual([]);
      expect(orders.allIntents()).toEqual([]);
    });

    it('does nothing for an order the venue no longer has', async () => {
      const { exchange, execution } = setup();

      expect(await execution.cancelOrder('ETH/BTC', stopId)).toEqual({ kind: 'refused', refusal: { code: 'order_gone', clientOrderId: stopId } });
      expect(exchange.calls).toEqual([]);
    });
  });
});
