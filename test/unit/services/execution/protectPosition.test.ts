import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { ProtectionRequest } from '../../../../lib/services/execution/protectPosition.js';
import { NOW, enteredPlan, setup } from './executionFixture.js';

const stopId = (attempt: number) => deriveClientOrderId('test', 'test-plan0001', 'stop', attempt);

/** The plan fixture's position, at version 3, protected by a stop at 0.095. */
const protect: ProtectionRequest = { planId: 'test-plan0001', expectedVersion: 3, mode: 'stop', stopPrice: '0.095' };

describe('Class: ExecutionService', () => {
  describe('Method: protectPosition', () => {
    it('rests a stop at the stop level for exactly the held amount floored to the step, the intent written first, and moves the plan to exiting', async () => {
      const { exchange, orders, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      expect(plan.filledAmount).toBe('1.4985'); // bought 1.5 less its fee 1.5 × 0.001 = 0.0015 ETH

      const result = await execution.protectPosition(plan, protect);

      // 1.4985 held and free, floored to the step 0.001: 1.498 (the 0.0005 ETH left is below the minimum 0.001).
      expect(exchange.calls).toEqual([`create ${stopId(0)}`]);
      expect(exchange.sent[0]).toMatchObject({ intentWritten: true, intent: { type: 'stop_market', side: 'sell', amount: '1.498', stopPrice: '0.095', leg: 'stop', attempt: 0 } });
      expect(result).toMatchObject({ kind: 'sent', outcome: { kind: 'acknowledged' }, sellableFrom: '0.001', plan: { status: 'exiting', exitReason: 'stop', exitAttempt: 0, version: 4 } });
      // The venue's answer goes with the plan's write, not before it: recorded alone, it would settle an order whose plan never moved.
      expect(await orders.getOrder(stopId(0))).toBeUndefined();
      expect(result).toMatchObject({ answers: [{ clientOrderId: stopId(0), status: 'open', stopPrice: '0.095', amount: '1.498' }] });
    });

    it('never sells more than the venue holds free: the amount is capped and floored to the step', async () => {
      const { exchange, execution } = setup({ balances: { BTC: '1', ETH: '-0.264' } });
      const plan = await enteredPlan(exchange, { amount: '1.5' }); // the plan holds 1.4985; the venue −0.264 + 1.4985 = 1.2345 ETH

      await execution.protectPosition(plan, protect);

      // min(1.4985, 1.2345) = 1.2345, floored to the step 0.001.
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
      const settled = await execution.settleMarketExit(result.plan, result.intent, result.sellableFrom);

      // The plan holds 1.4985 (1.5 less its 0.0015 ETH fee): 1.498 floored to the step is sold.
      expect(exchange.sent.map((s) => [s.intent.clientOrderId, s.intent.type, s.intent.amount, s.intent.price])).toEqual([[stopId(0), 'market', '1.498', '0.094']]);
      expect(settled?.order).toMatchObject({ clientOrderId: stopId(0), status: 'closed', filled: '1.498' });
      // 0.094 × 1.498 = 0.140812 BTC; its fee 0.140812 × 0.001 = 0.000140812, half-even to 8 places 0.00014081 BTC.
      expect(settled?.fills.map((f) => [f.price, f.amount, f.cost, f.fee.cost, f.fee.currency])).toEqual([['0.094', '1.498', '0.140812', '0.00014081', 'BTC']]);
      // Bought 1.5 at 0.1 for 0.15 BTC, fee 0.0015 ETH (worth 0.0015 × 0.1 = 0.00015 BTC); sold 1.498 for
      // 0.140812 − 0.00014081 = 0.14067119 BTC; the 0.0005 ETH left is below the minimum and written off:
      // PnL 0.14067119 − 0.15 = −0.00932881; fees 0.00015 + 0.00014081 = 0.00029081.
      expect(settled?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', realizedPnl: '-0.00932881', feesPaid: '0.00029081' });
      expect(settled?.stopOut).toEqual({ symbol: 'ETH/BTC', time: NOW });
    });

    it('leaves a market exit that has not filled yet to be settled later', async () => {
      const { exchange, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });

      const result = await execution.protectPosition(plan, { ...protect, mode: 'flatten' });
      if (result.kind !== 'sent') throw new Error(`expected an exit sent, got ${result.kind}`);

      expect(result.intent).toMatchObject({ type: 'market', leg: 'exit', amount: '1.498' }); // 1.4985 held, floored to the step
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'flatten' });
      expect(await execution.settleMarketExit(result.plan, result.intent, result.sellableFrom)).toBeUndefined();
    });

    it('leaves a refused stop the price has not reached to the bot (botManagedStop, the UnprotectedPosition alarm), under the next attempt, and sells nothing', async () => {
      const { exchange, orders, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      exchange.refuseStops = true;

      const result = await execution.protectPosition(plan, protect);

      expect(exchange.calls).toEqual([`create ${stopId(0)}`]);
      expect(await orders.getOrder(stopId(0))).toMatchObject({ status: 'rejected', exchangeOrderId: 'none' });
      expect(result).toEqual({ kind: 'botManaged', reason: 'the venue refused the stop: Stop price would trigger immediately.', plan: expect.objectContaining({ status: 'open', exitAttempt: 1, botManagedStop: 'the venue refused the stop: Stop price would trigger immediately.', botManagedCause: { kind: 'refused', stopPrice: '0.095' } }) as unknown });
    });

    it('sells at market under the next attempt when the venue refuses the stop because the price has just passed it', async () => {
      const { exchange, orders, execution } = setup();
      const plan = await enteredPlan(exchange, { amount: '1.5' });
      exchange.refuseStops = true;
      const send = exchange.createOrder.bind(exchange);
      exchange.createOrder = async (intent) => {
        const outcome = await send(intent);
        if (intent.type === 'stop_market') exchange.candle(0.094);
        return outcome;
      };

      const result = await execution.protectPosition(plan, protect);

      expect(exchange.calls).toEqual([`create ${stopId(0)}`, `create ${stopId(1)}`]);
      expect(exchange.sent[1]?.intent).toMatchObject({ type: 'market', amount: '1.498', attempt: 1, price: '0.094' }); // 1.4985 held, floored to the step
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
      const { exchange, execution } = setup({ balances: { BTC: '1', ETH: '-1.498' } });
      const plan = await enteredPlan(exchange, { amount: '1.5' }); // the plan holds 1.4985; the venue −1.498 + 1.4985 = 0.0005 ETH

      expect(await execution.protectPosition(plan, protect)).toEqual({ kind: 'refused', refusal: { code: 'nothing_sellable', held: '1.4985', free: '0.0005' } });
      expect(exchange.calls).toEqual([]);
    });
  });
});
