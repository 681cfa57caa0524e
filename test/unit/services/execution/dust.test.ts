import { describe, expect, it } from 'vitest';
import { NOW, enteredPlan, setup } from './executionFixture.js';

/**
 * A plan whose whole position is worth less than the market's minimum order value (0.0001 BTC
 * on the ETH/BTC fixture): 0.002 ETH bought at 0.1, 0.001998 held after the fee in ETH,
 * 0.001 of it sellable by the step, worth 0.000095 at the stop 0.095.
 */
describe('A position below the smallest order the market takes (dust)', () => {
  it('closes its plan at the exit, its cost written off, and sends nothing the venue would refuse', async () => {
    const { exchange, execution } = setup();
    const plan = await enteredPlan(exchange, { amount: '0.002' });
    expect(plan.filledAmount).toBe('0.001998');

    const { plan: after, order } = await execution.exit(plan, { planId: plan.id, reason: 'stop', price: '0.095', orderType: 'stop_market' }, plan.filledAmount!);

    expect(exchange.calls).toEqual([]);
    // At 0.095 the market takes 0.0001 / 0.095 = 0.00105…, up to the step: 0.002 ETH at least.
    expect(order).toMatchObject({ outcome: 'refused', code: 'dust', amount: '0.001', reason: 'holds 0.001998, less than the market takes in one order (0.002): closed as dust' });
    // Spent 0.002 × 0.1 = 0.0002 BTC, received nothing; the fee of 0.000002 ETH is worth 0.0000002 BTC.
    expect(after).toMatchObject({ status: 'closed', exitReason: 'stop', realizedPnl: '-0.0002', feesPaid: '0.0000002', closedAt: NOW });
  });

  it('closes its plan when reconciliation protects it, rather than asking the venue for an exit it refuses each round', async () => {
    const { exchange, execution } = setup();
    const plan = await enteredPlan(exchange, { amount: '0.002' });
    exchange.candle(0.094);

    const result = await execution.protectPosition(plan, { planId: plan.id, expectedVersion: plan.version, mode: 'flatten', stopPrice: '0.095' });

    expect(exchange.calls).toEqual([]);
    expect(result).toMatchObject({ kind: 'dust', held: '0.001998', sellableFrom: '0.002', plan: { status: 'closed', exitReason: 'stop', realizedPnl: '-0.0002', version: plan.version + 2 } });
  });

  it('sells a position the market takes: 0.002997 held, 0.002 by the step, worth 0.0002 at 0.1', async () => {
    const { exchange, execution } = setup();
    const plan = await enteredPlan(exchange, { amount: '0.003' });

    const { plan: after, order } = await execution.exit(plan, { planId: plan.id, reason: 'target', price: '0.1', orderType: 'market' }, plan.filledAmount!);

    expect(order).toMatchObject({ outcome: 'acknowledged', amount: '0.002' });
    expect(exchange.calls).toHaveLength(1);
    expect(after.status).toBe('exiting');
  });

  it('is left as it is when the fills at the venue do not show the position the plan holds (nothing to write its PnL from): the exit goes to the venue as before', async () => {
    const { exchange, execution } = setup();
    const plan = { ...(await enteredPlan(exchange, { amount: '0.002' })), filledAmount: '0.0019' };

    const { plan: after, order } = await execution.exit(plan, { planId: plan.id, reason: 'stop', price: '0.095', orderType: 'stop_market' }, plan.filledAmount);

    expect(exchange.calls).toHaveLength(1);
    expect(order).toMatchObject({ outcome: 'acknowledged', amount: '0.001' });
    expect(after.status).toBe('exiting');
  });
});
