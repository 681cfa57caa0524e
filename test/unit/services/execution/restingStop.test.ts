import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import type { Logger } from '../../../../lib/ports/Logger.js';
import { ExecutionService } from '../../../../lib/services/execution/ExecutionService.js';
import { settlePendingOrders } from '../../../../lib/services/decision/settlePendingOrders.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { NOW, enteredPlan, setup } from './executionFixture.js';

const stopId = (planId: string, attempt: number) => deriveClientOrderId('test', planId, 'stop', attempt);
const exitId = (planId: string, attempt: number) => deriveClientOrderId('test', planId, 'exit', attempt);

function recordingLogger(lines: { level: string; fields: Record<string, unknown>; message: string }[]): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The fixture's venue and service, with a logger that keeps every line. */
function harness(balances = { BTC: '1', ETH: '0' }) {
  const h = setup({ balances });
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const execution = new ExecutionService({ exchange: h.exchange, orders: h.orders, killSwitch: h.killSwitch, clock: h.clock, config: { maxEntrySlippagePct: 0.005, paperSlippagePct: 0, stops: 'exchange', partialEntryRestMs: 0, maxRestingStopsPerSymbol: 2 }, logger: recordingLogger(lines) });
  return { ...h, execution, lines };
}

async function openPlan(h: ReturnType<typeof harness>, overrides: Partial<Plan> = {}): Promise<Plan> {
  return enteredPlan(h.exchange, { amount: '1.5', ...overrides });
}

describe('Class: ExecutionService', () => {
  describe('Method: restStop', () => {
    it('rests a sell stop for what the plan holds, floored to the step, at its active stop, the intent written first', async () => {
      const h = harness();
      const plan = await openPlan(h);

      const result = await h.execution.restStop(plan, 0);

      const id = stopId(plan.id, 0);
      expect(h.exchange.calls).toEqual([`create ${id}`]);
      expect(h.exchange.sent[0]).toMatchObject({ intentWritten: true, intent: { leg: 'stop', type: 'stop_market', side: 'sell', amount: '1.498', stopPrice: '0.095' } });
      expect(result.plan.restingStop).toEqual({ attempt: 0, stopPrice: '0.095', amount: '1.498', placedAt: NOW });
      expect(result.orders).toMatchObject([{ clientOrderId: id, leg: 'stop', outcome: 'acknowledged' }]);
      expect(await h.exchange.fetchOrderByClientId('ETH/BTC', id)).toMatchObject({ status: 'open', stopPrice: '0.095', amount: '1.498' });
      // The venue holds the 1.498 for the stop: only the fee remainder is free.
      expect(h.exchange.fetchBalances().ETH).toEqual({ free: '0.0005', used: '1.498', total: '1.4985' });
    });

    it('exits at once at market when the venue refuses a stop the price has already passed, and never sends that stop again', async () => {
      const h = harness();
      const plan = await openPlan(h, { activeStop: '0.1005' });
      h.exchange.refuseStops = true;

      const result = await h.execution.restStop(plan, 0);

      expect(h.exchange.calls).toEqual([`create ${stopId(plan.id, 0)}`, `create ${stopId(plan.id, 1)}`]);
      expect(h.exchange.sent[1]?.intent).toMatchObject({ leg: 'stop', type: 'market', amount: '1.498', attempt: 1 });
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'trailing_stop', exitAttempt: 1 });
      expect(result.plan.restingStop).toBeUndefined();
      expect(result.orders.map((o) => [o.clientOrderId, o.outcome])).toEqual([
        [stopId(plan.id, 0), 'rejected'],
        [stopId(plan.id, 1), 'acknowledged'],
      ]);
    });

    it('leaves a refused stop the price has not reached to the bot, with the UnprotectedPosition alarm, under the next attempt', async () => {
      const h = harness();
      const plan = await openPlan(h);
      h.exchange.refuseStops = true;

      const result = await h.execution.restStop(plan, 0);

      expect(h.exchange.calls).toEqual([`create ${stopId(plan.id, 0)}`]);
      expect(result.plan).toMatchObject({ status: 'open', exitAttempt: 1, botManagedStop: 'the venue refused the stop: Stop price would trigger immediately.', botManagedCause: { kind: 'refused', stopPrice: '0.095' } });
      expect(h.lines.filter((l) => l.level === 'error').map((l) => l.fields)).toEqual([
        { alarm: 'UnprotectedPosition', planId: plan.id, symbol: 'ETH/BTC', stop: '0.095', reason: 'the venue refused the stop: Stop price would trigger immediately.' },
      ]);
    });

    it("sends nothing at the venue's limit of resting stops on the symbol: the stop is bot-managed, with the alarm", async () => {
      const h = harness();
      const plan = await openPlan(h);

      const result = await h.execution.restStop(plan, 2);

      expect(h.exchange.calls).toEqual([]);
      expect(result.plan.botManagedStop).toBe('2 stops already rest on ETH/BTC, the venue\'s limit');
      expect(result.plan.botManagedCause).toEqual({ kind: 'stop_limit', resting: 2, limit: 2 });
      expect(result.plan.exitAttempt).toBe(0);
      expect(h.lines.some((l) => l.fields['alarm'] === 'UnprotectedPosition')).toBe(true);
    });

    it('sends nothing for a position under the minimum order: the stop is bot-managed for that cause', async () => {
      const h = harness();
      const plan = { ...(await openPlan(h)), filledAmount: '0.0005' };

      const result = await h.execution.restStop(plan, 0);

      expect(h.exchange.calls).toEqual([]);
      expect(result.plan).toMatchObject({ botManagedStop: "holds 0.0005, under the market's minimum order 0.002", botManagedCause: { kind: 'below_minimum', held: '0.0005', minAmount: '0.002' } });
    });

    it('sends nothing for a position above the minimum amount but worth less than the minimum order value at its stop: the stop could not sell it there', async () => {
      const h = harness();
      const plan = { ...(await openPlan(h)), filledAmount: '0.0015' };

      const result = await h.execution.restStop(plan, 0);

      // 0.001 by the step; at the stop 0.095 the market takes 0.0001 / 0.095 = 0.00105…, up to the step 0.002.
      expect(h.exchange.calls).toEqual([]);
      expect(result.plan).toMatchObject({ botManagedStop: "holds 0.0015, under the market's minimum order 0.002", botManagedCause: { kind: 'below_minimum', held: '0.0015', minAmount: '0.002' } });
    });

    it('rests the stop of a plan the limit kept bot-managed once a slot is free, under its exit attempt, and says the position is protected again', async () => {
      const h = harness();
      const waiting = (await h.execution.restStop(await openPlan(h), 2)).plan;
      h.lines.length = 0;

      const result = await h.execution.restStop(waiting, 1);

      const id = stopId(waiting.id, 0);
      expect(h.exchange.calls).toEqual([`create ${id}`]);
      expect(result.plan.restingStop).toEqual({ attempt: 0, stopPrice: '0.095', amount: '1.498', placedAt: NOW });
      expect(result.plan.botManagedStop).toBeUndefined();
      expect(result.plan.botManagedCause).toBeUndefined();
      expect(result.plan.version).toBe(waiting.version + 1);
      expect(h.lines.map((l) => [l.level, l.message, l.fields['botManagedStop']])).toEqual([
        ['info', 'stop resting on the venue: the position is protected again, its stop no longer bot-managed', "2 stops already rest on ETH/BTC, the venue's limit"],
      ]);
    });
  });

  describe('Method: restStop, under a stop id an earlier, dead run already spent on a market exit', () => {
    it('never takes that ended exit for a resting stop: the plan waits on it as its exit, and settlement books what it sold', async () => {
      const h = harness();
      const plan = await openPlan(h);
      // A decision that died before its commit sold the position at market under stop attempt 0 (its stop had passed).
      const spent = { clientOrderId: stopId(plan.id, 0), botId: 'test', planId: plan.id, leg: 'stop' as const, attempt: 0, symbol: 'ETH/BTC', side: 'sell' as const, type: 'market' as const, amount: '1.498', price: '0.1', createdAt: NOW };
      await h.orders.insertIntent(spent);
      await h.exchange.seed(spent);
      h.exchange.candle(0.1, NOW);

      const result = await h.execution.restStop(plan, 0);

      expect(h.exchange.calls).toEqual([]);
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'stop', exitAttempt: 0 });
      expect(result.plan.restingStop).toBeUndefined();
      expect(h.lines.map((l) => l.message)).toContain("stop id already spent on an exit that ended: settled as the plan's exit");

      const settlement = await settlePendingOrders('ETH/BTC', [result.plan], h.exchange, NOW + 60_000, silentLogger, 0);
      expect(settlement.fills.map((f) => [f.clientOrderId, f.amount])).toEqual([[stopId(plan.id, 0), '1.498']]);
      expect(settlement.plans).toMatchObject([{ status: 'closed', exitReason: 'stop' }]);
    });
  });

  describe('Method: moveStop', () => {
    it('cancels the resting stop, then rests the new one under the next attempt: never two at once, the gap recorded', async () => {
      const h = harness();
      const placed = await h.execution.restStop(await openPlan(h), 0);
      h.exchange.calls.length = 0;
      const trailed = { ...placed.plan, activeStop: '0.097' };

      const moved = await h.execution.moveStop(trailed, 1);

      expect(h.exchange.calls).toEqual([`cancel ${stopId(trailed.id, 0)}`, `create ${stopId(trailed.id, 1)}`]);
      expect(moved.plan.restingStop).toEqual({ attempt: 1, stopPrice: '0.097', amount: '1.498', placedAt: NOW });
      expect(moved.orders).toMatchObject([{ clientOrderId: stopId(trailed.id, 1), outcome: 'acknowledged', unprotectedMs: 0 }]);
      expect((await h.exchange.fetchOpenOrders('ETH/BTC')).map((o) => [o.clientOrderId, o.stopPrice])).toEqual([[stopId(trailed.id, 1), '0.097']]);
      // The cancelled stop's final state goes to the ledger with the decision.
      expect(await h.orders.getOrder(stopId(trailed.id, 0))).toMatchObject({ status: 'canceled', filled: '0' });
      expect(h.lines.some((l) => l.message === 'moving the stop: none rests until the new one is placed')).toBe(true);
    });
  });

  describe('Method: exit, with a resting stop', () => {
    it('cancels the stop before it sells at market', async () => {
      const h = harness();
      const placed = await h.execution.restStop(await openPlan(h), 0);
      h.exchange.calls.length = 0;

      const result = await h.execution.exit(placed.plan, { planId: placed.plan.id, reason: 'target', price: '0.11', orderType: 'market' }, placed.plan.filledAmount!);

      expect(h.exchange.calls).toEqual([`cancel ${stopId(placed.plan.id, 0)}`, `create ${exitId(placed.plan.id, 1)}`]);
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'target', exitAttempt: 1 });
      expect(result.order).toMatchObject({ outcome: 'acknowledged', amount: '1.498' });
    });

    it('sends no exit when the stop filled before its cancel: the plan exits on that stop, and settlement closes it', async () => {
      const h = harness();
      const placed = await h.execution.restStop(await openPlan(h), 0);
      h.exchange.candle(0.0948, NOW); // trades through the stop 0.095, within its limit 0.094525: it sells
      h.exchange.calls.length = 0;

      const result = await h.execution.exit(placed.plan, { planId: placed.plan.id, reason: 'max_age', price: '0.0948', orderType: 'market' }, placed.plan.filledAmount!);

      const id = stopId(placed.plan.id, 0);
      expect(h.exchange.calls).toEqual([`cancel ${id}`]);
      expect(result.order).toMatchObject({ outcome: 'refused', code: 'stop_filled' });
      expect(result.plan).toMatchObject({ status: 'exiting', exitReason: 'stop', exitAttempt: 0 });
      expect(result.plan.restingStop).toBeUndefined();

      const settlement = await settlePendingOrders('ETH/BTC', [result.plan], h.exchange, NOW + 60_000, silentLogger);
      // 1.498 sold at the bid 0.0948 (no spread here), 0.1 % fee in BTC: 0.1420104 − 0.0001420104; bought 1.5 for 0.15.
      expect(settlement.plans).toMatchObject([{ status: 'closed', exitReason: 'stop', avgExitPrice: '0.0948', closedAt: NOW }]);
      expect(settlement.fills.map((f) => [f.clientOrderId, f.amount, f.price])).toEqual([[id, '1.498', '0.0948']]);
    });
  });
});

describe('Function: settlePendingOrders, with a resting stop', () => {
  it('closes an open plan whose resting stop sold, as a stop-out', async () => {
    const h = harness();
    const placed = await h.execution.restStop(await openPlan(h), 0);
    h.exchange.candle(0.0948, NOW);

    const settlement = await settlePendingOrders('ETH/BTC', [placed.plan], h.exchange, NOW + 60_000, silentLogger);

    expect(settlement.plans).toMatchObject([{ status: 'closed', exitReason: 'stop', filledAmount: '0.0005', closedAt: NOW }]);
    expect(settlement.plans[0]?.restingStop).toBeUndefined();
    expect(settlement.orders).toMatchObject([{ clientOrderId: stopId(placed.plan.id, 0), status: 'closed' }]);
    expect(settlement.stopOuts.get('ETH/BTC')).toBe(NOW);
  });

  it('leaves a plan whose stop was cancelled at the venue without it, under the next attempt, for a new stop', async () => {
    const h = harness();
    const placed = await h.execution.restStop(await openPlan(h), 0);
    await h.exchange.cancelOrder('ETH/BTC', stopId(placed.plan.id, 0));

    const settlement = await settlePendingOrders('ETH/BTC', [placed.plan], h.exchange, NOW + 60_000, silentLogger);

    expect(settlement.plans).toMatchObject([{ status: 'open', exitAttempt: 1 }]);
    expect(settlement.plans[0]?.restingStop).toBeUndefined();
    expect(settlement.fills).toEqual([]);
  });
});
