import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { ProtectionRequest } from '../../../../lib/services/execution/protectPosition.js';
import { NOW, enteredPlan, setup } from './executionFixture.js';

const stopId = (attempt: number) => deriveClientOrderId('test', 'test-plan0001', 'stop', attempt);

/** The plan fixture's position, at version 3, protected by a stop at 0.095. */
const protect: ProtectionRequest = { planId: 'test-plan0001', expectedVersion: 3, mode: 'stop', stopPrice: '0.095' };

describe('Class: ExecutionService', () => {
  describe('Method: protectPosition', () => {
    it('rests a stop at the stop level for exactly the held amount, the intent written first, and moves the plan to exiting', async () => {
      const { exchange, orders, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      const result = await execution.protectPosition(plan, protect);

      expect(exchange.calls).toEqual([`create ${stopId(0)}`]);
      expect(exchange.sent[0]).toMatchObject({ intentWritten: true, intent: { type: 'stop_market', side: 'sell', amount: '1.5', stopPrice: '0.095', leg: 'stop', attempt: 0 } });
      expect(result).toMatchObject({ kind: 'sent', outcome: { kind: 'acknowledged' }, minAmount: '0.001', plan: { status: 'exiting', exitReason: 'stop', exitAttempt: 0, version: 4 } });
      expect(await orders.getOrder(stopId(0))).toMatchObject({ status: 'open', stopPrice: '0.095', amount: '1.5' });
    });

    it('never sells more than the venue holds free: the amount is capped and floored to the step', async () => {
      const { exchange, execution } = setup({ balances: { BTC: '1', ETH: '-0.2655' } });
      const plan = await enteredPlan(exchange, { amount: '1.5' }); // the venue then holds 1.2345 ETH

      await execution.protectPosition(plan, protect);

      expect(exchange.sent.map((s) => s.intent.amount)).toEqual(['1.234']);
    });

    it('sells at market when the price already went through the stop, and settles the exit with its exact fill', async () => {
      const { exchange, execution, clock } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      exchange.candle(0.094);

      const result = await execution.protectPosition(plan, protect);
      if (result.kind !== 'sent') throw new Error(`expected an exit sent, got ${result.kind}`);
      exchange.candle(0.094, NOW); // the market sell fills at the next open
      clock.set(NOW + 60_000);
      const settled = await execution.settleMarketExit(result.plan, result.intent, result.minAmount);

      expect(exchange.sent.map((s) => [s.intent.clientOrderId, s.intent.type, s.intent.amount, s.intent.price])).toEqual([[stopId(0), 'market', '1.5', '0.094']]);
      expect(settled?.order).toMatchObject({ clientOrderId: stopId(0), status: 'closed', filled: '1.5' });
      expect(settled?.fills.map((f) => [f.price, f.amount, f.cost, f.fee.cost])).toEqual([['0.094', '1.5', '0.141', '0.000141']]);
      // Bought 1.5 at 0.1 (0.15 + 0.00015 fee), sold at 0.094 (0.141 − 0.000141 fee).
      expect(settled?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', realizedPnl: '-0.009291', feesPaid: '0.000291' });
      expect(settled?.stopOut).toEqual({ symbol: 'ETH/BTC', time: NOW });
    });

    it('leaves a market exit that has not filled yet to be settled later', async () => {
      const { exchange, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      const result = await execution.protectPosition(plan, { ...protect, mode: 'flatten' });
      if (result.kind !== 'sent') throw new Error(`expected an exit sent, got ${result.kind}`);

      expect(result.intent).toMatchObject({ type: 'market', leg: 'exit', amount: '1.5' });
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'flatten' });
      expect(await execution.settleMarketExit(result.plan, result.intent, result.minAmount)).toBeUndefined();
    });

    it('sells at market under the next attempt when the venue refuses the stop', async () => {
      const { exchange, orders, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      exchange.refuseStops = true;

      const result = await execution.protectPosition(plan, protect);

      expect(exchange.calls).toEqual([`create ${stopId(0)}`, `create ${stopId(1)}`]);
      expect(exchange.sent[1]?.intent).toMatchObject({ type: 'market', amount: '1.5', attempt: 1 });
      expect(await orders.getOrder(stopId(0))).toMatchObject({ status: 'rejected', exchangeOrderId: 'none' });
      expect(result).toMatchObject({ kind: 'sent', plan: { status: 'exiting', exitAttempt: 1, version: 4 } });
    });

    it('sends nothing under HALT', async () => {
      const { exchange, execution } = setup({ killSwitch: 'HALT' });
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      expect(await execution.protectPosition(plan, protect)).toEqual({ kind: 'refused', refusal: { code: 'kill_switch', state: 'HALT' } });
      expect(exchange.calls).toEqual([]);
    });

    it('sends nothing when the plan moved since the snapshot, or is gone', async () => {
      const { exchange, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      expect(await execution.protectPosition({ ...plan, version: 4 }, protect)).toEqual({ kind: 'refused', refusal: { code: 'plan_moved', status: 'open', version: 4, expectedVersion: 3 } });
      expect(await execution.protectPosition(undefined, protect)).toEqual({ kind: 'refused', refusal: { code: 'plan_moved', status: 'gone', expectedVersion: 3 } });
      expect(exchange.calls).toEqual([]);
    });

    it('sends nothing when the venue holds less than the market minimum', async () => {
      const { exchange, execution } = setup({ balances: { BTC: '1', ETH: '-1.4995' } });
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      expect(await execution.protectPosition(plan, protect)).toEqual({ kind: 'refused', refusal: { code: 'nothing_sellable', held: '1.5', free: '0.0005' } });
      expect(exchange.calls).toEqual([]);
    });
  });
});
