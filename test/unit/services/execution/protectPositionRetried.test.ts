import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { transitionPlan } from '../../../../lib/domain/planLifecycle.js';
import { buildExitIntent } from '../../../../lib/services/execution/buildIntent.js';
import type { ProtectionRequest } from '../../../../lib/services/execution/protectPosition.js';
import { settleOrder } from '../../../../lib/services/execution/settleOrder.js';
import { NOW, type RecordingExchange, enteredPlan, setup } from './executionFixture.js';

const stopId = (attempt: number) => deriveClientOrderId('test', 'test-plan0001', 'stop', attempt);

/**
 * Chaos seeds 5040 and 5073: a resting stop sold part of the position before its cancel, and
 * reconciliation settled that (the plan open on the rest, under the next exit attempt). The
 * price is through the stop, so its protective exit sells the rest at market under the stop
 * leg. The repair's ledger commit then failed (a transaction conflict) after the market sell
 * had filled, and Step Functions ran the repair again on the same plan.
 */
async function partlyStoppedPlan(exchange: RecordingExchange): Promise<Plan> {
  const entered = await enteredPlan(exchange, { amount: '1.5' }); // holds 1.4985: 1.5 less its 0.0015 ETH fee
  // The resting stop s0 sold 0.5 at 0.095 before its cancel reached it.
  exchange.candle(0.095);
  const stopSold = buildExitIntent(entered, { planId: entered.id, reason: 'stop', price: '0.095', orderType: 'market' }, '0.5', NOW - 60_000);
  await exchange.seed(stopSold);
  exchange.candle(0.095, NOW);
  const s0 = await exchange.fetchOrderByClientId('ETH/BTC', stopId(0));
  if (s0 === undefined) throw new Error('the fixture stop was not placed');
  const fills = await exchange.fetchFills('ETH/BTC', 0);
  const settled = settleOrder(transitionPlan(entered, 'exiting', NOW, { exitReason: 'stop' }), 'stop', s0, fills, NOW, '0.001');
  expect(settled).toMatchObject({ status: 'open', exitAttempt: 1, filledAmount: '0.9985' });
  return settled;
}

describe('Class: ExecutionService', () => {
  describe('Method: protectPosition, run again after its ledger commit failed', () => {
    for (const mode of ['stop', 'flatten'] as const) {
      it(`(${mode}) holds the venue's answer for the commit that moves the plan, and a second run adopts the order the first sent instead of finding nothing sellable`, async () => {
        const { exchange, orders, clock, execution } = setup();
        const plan = await partlyStoppedPlan(exchange);
        const request: ProtectionRequest = { planId: plan.id, expectedVersion: plan.version, mode, stopPrice: '0.095' };
        exchange.candle(0.094, NOW); // the price is through the stop 0.095

        const first = await execution.protectPosition(plan, request);
        if (first.kind !== 'sent') throw new Error(`expected an exit sent, got ${first.kind}`);
        // 0.9985 held, floored to the step 0.001: 0.998 at market, under the stop leg of attempt 1.
        expect(first.intent).toMatchObject({ clientOrderId: stopId(1), type: 'market', amount: '0.998', leg: 'stop', attempt: 1 });
        exchange.candle(0.094, NOW + 60_000); // the market sell fills at the next open
        clock.set(NOW + 120_000);
        // The answer is not the ledger's until the plan moves with it: had it been recorded alone,
        // the order would leave the unsettled intents while the plan still held what it sold.
        expect(await orders.getOrder(stopId(1))).toBeUndefined();
        expect(first.answers.map((o) => o.clientOrderId)).toEqual([stopId(1)]);

        // The commit failed: the plan is still open at the version the repair was asked about.
        const second = await execution.protectPosition(plan, request);

        if (second.kind !== 'sent') throw new Error(`expected the earlier exit adopted, got ${JSON.stringify(second)}`);
        expect(exchange.calls).toEqual([`create ${stopId(1)}`]); // never sent twice
        expect(second.intent.clientOrderId).toBe(stopId(1));
        expect(second.plan).toMatchObject({ status: 'exiting', exitReason: 'stop', exitAttempt: 1 });
        expect(second.answers).toEqual([expect.objectContaining({ clientOrderId: stopId(1), status: 'closed', filled: '0.998' })]);
        const settled = await execution.settleMarketExit(second.plan, second.intent, second.sellableFrom);
        // Every venue trade of the exit is the ledger's: 0.998 at 0.094 = 0.093812 BTC, fee 0.00009381 (half-even, 8 places).
        expect(settled?.fills.map((f) => [f.clientOrderId, f.price, f.amount, f.cost, f.fee.cost])).toEqual([[stopId(1), '0.094', '0.998', '0.093812', '0.00009381']]);
        // Bought 1.5 at 0.1 for 0.15 BTC (fee 0.0015 ETH, worth 0.00015 BTC); s0 sold 0.5 at 0.095 for
        // 0.0475 − 0.0000475 fee; s1 sold 0.998 for 0.093812 − 0.00009381; the 0.0005 ETH left is
        // below the minimum and written off: PnL 0.14117069 − 0.15 = −0.00882931; fees 0.00029131.
        expect(settled?.plan).toMatchObject({ status: 'closed', exitReason: 'stop', realizedPnl: '-0.00882931', feesPaid: '0.00029131' });
      });
    }
  });
});
