import { describe, expect, it } from 'vitest';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { MemoryOrderRepository } from '../../../support/memory/MemoryOrderRepository.js';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Market } from '../../../../lib/domain/market.js';
import { aMarket } from '../../../support/marketFixture.js';
import type { Order, OrderIntent, SubmissionOutcome } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { ExecutionService } from '../../../../lib/services/execution/ExecutionService.js';

const market: Market = aMarket();

const approved: Plan = {
  id: 'bt-plan1',
  botId: 'bt',
  symbol: 'ETH/BTC',
  timeframe: '1m',
  strategy: 'ema-crossover',
  side: 'long',
  status: 'approved',
  reason: 'test',
  candleOpenTime: 0,
  createdAt: 60_000,
  updatedAt: 60_000,
  version: 2,
  entry: '0.1',
  stop: '0.098',
  target: '0.105',
  amount: '2',
  entryAttempt: 0,
  exitAttempt: 0,
};

/**
 * The paper venue, counting orders, optionally losing the acknowledgement of the first one,
 * or the first request itself (a 5xx the venue never acted on: the outcome is unknown).
 */
class CountingExchange extends PaperExchange {
  created: OrderIntent[] = [];
  constructor(
    private readonly loseFirstAck = false,
    private readonly loseFirstRequest = false,
  ) {
    super({ markets: [market], balances: { BTC: '1', ETH: '2' }, slippagePct: 0 });
    this.onCandle('ETH/BTC', { openTime: 0, open: 0.1, high: 0.1, low: 0.1, close: 0.1, volume: 1 });
  }
  override async createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    this.created.push(intent);
    if (this.loseFirstRequest && this.created.length === 1) return { kind: 'unknown', reason: 'retries exhausted: 503' };
    const outcome = await super.createOrder(intent);
    return this.loseFirstAck && this.created.length === 1 ? { kind: 'unknown', reason: 'timeout' } : outcome;
  }
}

function setup(options: { killSwitch?: FixedKillSwitch; loseFirstAck?: boolean; loseFirstRequest?: boolean } = {}) {
  const exchange = new CountingExchange(options.loseFirstAck, options.loseFirstRequest);
  const orders = new MemoryOrderRepository();
  const service = new ExecutionService({
    exchange,
    orders,
    killSwitch: options.killSwitch ?? new FixedKillSwitch('RUN'),
    clock: new ManualClock(120_000),
    config: { maxEntrySlippagePct: 0.005, paperSlippagePct: 0, stops: 'exchange', partialEntryRestMs: 0, maxRestingStopsPerSymbol: 5 },
    logger: silentLogger,
  });
  return { exchange, orders, service };
}

describe('Class: ExecutionService', () => {
  describe('Method: enter', () => {
    it('writes the intent, sends one market buy and leaves the plan entering', async () => {
      const { exchange, orders, service } = setup();
      const { plan, order } = await service.enter(approved, 0.1);
      expect(plan.status).toBe('entering');
      expect(plan.version).toBe(3);
      expect(order).toEqual({ clientOrderId: order.clientOrderId, planId: 'bt-plan1', leg: 'entry', side: 'buy', amount: '2', outcome: 'acknowledged' });
      expect(exchange.created).toHaveLength(1);
      expect(await orders.getIntent(order.clientOrderId)).toMatchObject({ planId: 'bt-plan1', type: 'market', price: '0.1' });
      expect(await orders.getOrder(order.clientOrderId)).toMatchObject({ status: 'open' });
    });

    it('never sends a second order when the same decision is delivered again', async () => {
      const { exchange, service } = setup();
      const first = await service.enter(approved, 0.1);
      const again = await service.enter(approved, 0.1);
      expect(exchange.created).toHaveLength(1);
      expect(again.order).toMatchObject({ clientOrderId: first.order.clientOrderId, outcome: 'acknowledged' });
    });

    it('settles a lost acknowledgement by looking the order up by client order id', async () => {
      const { exchange, orders, service } = setup({ loseFirstAck: true });
      const { plan, order } = await service.enter(approved, 0.1);
      expect(order.outcome).toBe('acknowledged');
      expect(plan.status).toBe('entering');
      expect(exchange.created).toHaveLength(1);
      expect(await orders.getOrder(order.clientOrderId)).toBeDefined();
    });

    it('sends nothing and cancels the plan while the kill switch pauses entries', async () => {
      const { exchange, orders, service } = setup({ killSwitch: new FixedKillSwitch('PAUSE_ENTRIES') });
      const { plan, order } = await service.enter(approved, 0.1);
      expect(plan.status).toBe('cancelled');
      expect(order).toMatchObject({ outcome: 'refused', code: 'kill_switch', reason: 'kill switch is PAUSE_ENTRIES' });
      expect(exchange.created).toHaveLength(0);
      expect(orders.allIntents()).toHaveLength(0);
    });

    it('refuses a market entry when the last price moved past the slippage guard', async () => {
      const { exchange, service } = setup();
      // 0.1006 is 0.6 % above the planned 0.1; the guard allows 0.5 %.
      const { plan, order } = await service.enter(approved, 0.1006);
      expect(plan.status).toBe('cancelled');
      expect(order).toMatchObject({ outcome: 'refused', code: 'entry_slippage', reason: 'price moved 0.006 from the planned entry' });
      expect(exchange.created).toHaveLength(0);
    });

    it('cancels the plan when the venue rejects the entry, and records the rejection as the final state of its order', async () => {
      const { service, orders } = setup();
      const { plan, order } = await service.enter({ ...approved, amount: '100' }, 0.1);
      expect(order.outcome).toBe('rejected');
      expect(plan.status).toBe('cancelled');
      // Recorded final, so the intent never looks like an order lost at the venue.
      expect(await orders.getOrder(order.clientOrderId)).toMatchObject({ status: 'rejected', exchangeOrderId: 'none', filled: '0', amount: '100' });
    });
  });

  describe('Method: enter, on an order the venue answers in status REJECTED', () => {
    /** A venue that takes the request and answers with the order REJECTED (Binance's status for an order its engine did not take). */
    class RejectingVenue extends CountingExchange {
      private readonly answered = new Map<string, Order>();
      override createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
        this.created.push(intent);
        const order: Order = { clientOrderId: intent.clientOrderId, exchangeOrderId: '9', symbol: intent.symbol, side: intent.side, type: intent.type, status: 'rejected', amount: intent.amount, filled: '0', timestamp: 120_000 };
        this.answered.set(intent.clientOrderId, order);
        return Promise.resolve({ kind: 'acknowledged', order });
      }
      override fetchOrderByClientId(_symbol: string, clientOrderId: string): Promise<Order | undefined> {
        return Promise.resolve(this.answered.get(clientOrderId));
      }
    }

    it('ends the plan at once (cancelled, nothing held) and records the order as the venue ended it', async () => {
      const exchange = new RejectingVenue();
      const orders = new MemoryOrderRepository();
      const service = new ExecutionService({ exchange, orders, killSwitch: new FixedKillSwitch('RUN'), clock: new ManualClock(120_000), config: { maxEntrySlippagePct: 0.005, paperSlippagePct: 0, stops: 'bot', partialEntryRestMs: 0, maxRestingStopsPerSymbol: 5 }, logger: silentLogger });
      const { plan, order, settled } = await service.enter(approved, 0.1);
      expect(order).toMatchObject({ outcome: 'acknowledged' });
      expect(plan).toMatchObject({ status: 'cancelled' });
      expect(plan.filledAmount).toBeUndefined();
      expect(settled).toMatchObject({ order: { status: 'rejected', filled: '0' }, fills: [] });
      expect(await orders.getOrder(order.clientOrderId)).toMatchObject({ status: 'rejected', exchangeOrderId: '9' });
      expect(exchange.created).toHaveLength(1);
    });
  });

  describe('Method: enter, a client order id spent once (issue 17)', () => {
    it('never sends again an entry whose rejection the ledger holds, though a redelivery sizes it again', async () => {
      const { exchange, orders, service } = setup();
      const first = await service.enter({ ...approved, amount: '100' }, 0.1);
      expect(first.order.outcome).toBe('rejected');
      const rejected = await orders.getOrder(first.order.clientOrderId);

      const again = await service.enter({ ...approved, amount: '1.5' }, 0.1);

      expect(exchange.created.map((intent) => intent.amount)).toEqual(['100']);
      expect(again.order).toMatchObject({ clientOrderId: first.order.clientOrderId, outcome: 'rejected', reason: `client order id ${first.order.clientOrderId} was rejected before; it is not sent again` });
      expect(again.plan.status).toBe('cancelled');
      expect(await orders.getOrder(first.order.clientOrderId)).toEqual(rejected);
    });

    it('leaves an entry unknown, its plan entering and no answer recorded, when the venue has no order after an ambiguous failure', async () => {
      const { exchange, orders, service } = setup({ loseFirstRequest: true });
      const { plan, order } = await service.enter(approved, 0.1);
      expect(order).toMatchObject({ outcome: 'unknown', reason: 'retries exhausted: 503; then the venue had no order under this client order id yet' });
      expect(plan.status).toBe('entering');
      expect(await orders.getOrder(order.clientOrderId)).toBeUndefined();

      const redelivered = await service.enter(approved, 0.1);

      expect(exchange.created).toHaveLength(1);
      expect(redelivered.order.outcome).toBe('unknown');
      expect(redelivered.plan.status).toBe('entering');
      expect(await orders.getOrder(order.clientOrderId)).toBeUndefined();
    });

    it('adopts on a redelivery the order an earlier attempt placed, sized as that attempt sent it', async () => {
      const { exchange, orders, service } = setup({ loseFirstAck: true });
      const first = await service.enter(approved, 0.1);
      const again = await service.enter({ ...approved, amount: '1.5' }, 0.1);
      expect(exchange.created.map((intent) => intent.amount)).toEqual(['2']);
      expect(again.order).toMatchObject({ clientOrderId: first.order.clientOrderId, outcome: 'acknowledged' });
      expect(await orders.getOrder(first.order.clientOrderId)).toMatchObject({ amount: '2' });
    });
  });

  describe('Method: exit', () => {
    const open: Plan = { ...approved, status: 'open', filledAmount: '2', avgEntryPrice: '0.1', openedAt: 60_000 };

    it('sends nothing under HALT, not even an exit', async () => {
      const { exchange, service } = setup({ killSwitch: new FixedKillSwitch('HALT') });
      const { plan, order } = await service.exit(open, { planId: open.id, reason: 'stop', price: '0.098', orderType: 'stop_market' }, '2');
      expect(plan).toBe(open);
      expect(order).toMatchObject({ outcome: 'refused', code: 'kill_switch', reason: 'kill switch is HALT' });
      expect(exchange.created).toHaveLength(0);
    });

    it('still manages exits while entries are paused', async () => {
      const { exchange, service } = setup({ killSwitch: new FixedKillSwitch('PAUSE_ENTRIES') });
      const { plan, order } = await service.exit(open, { planId: open.id, reason: 'target', price: '0.105', orderType: 'limit' }, '2');
      expect(plan).toMatchObject({ status: 'exiting', exitReason: 'target' });
      expect(order).toMatchObject({ outcome: 'acknowledged', leg: 'exit', side: 'sell' });
      expect(exchange.created[0]).toMatchObject({ type: 'limit', price: '0.105', amount: '2' });
    });

    it('returns a rejected exit to open with the next attempt number', async () => {
      const { service } = setup();
      const { plan, order } = await service.exit(open, { planId: open.id, reason: 'stop', price: '0.098', orderType: 'stop_market' }, '5');
      expect(order.outcome).toBe('rejected');
      expect(plan).toMatchObject({ status: 'open', exitAttempt: 1 });
    });
  });
});
