import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../../../lib/adapters/memory/MemoryLedgerStore.js';
import type { Order, OrderIntent } from '../../../../lib/domain/order.js';
import { DecisionOrders } from '../../../../lib/services/decision/DecisionOrders.js';
import { rejectedOrder } from '../../../../lib/services/execution/submitIntent.js';

const intent = (clientOrderId: string): OrderIntent => ({ clientOrderId, botId: 'bt', planId: 'bt-plan1', leg: 'entry', attempt: 0, symbol: 'ETH/BTC', side: 'buy', type: 'market', amount: '2', price: '0.1', createdAt: 60_000 });
const acknowledged = (clientOrderId: string): Order => ({ clientOrderId, exchangeOrderId: '7', symbol: 'ETH/BTC', side: 'buy', type: 'market', status: 'closed', amount: '2', filled: '2', timestamp: 60_000 });

describe('Class: DecisionOrders', () => {
  describe('Method: recordOrder', () => {
    it('records a rejection in the ledger at once, so a retried decision finds it though this one never commits', async () => {
      const ledger = new MemoryLedgerStore();
      const orders = new DecisionOrders(ledger, 0);
      await orders.insertIntent(intent('bt-a-e0'));
      await orders.recordOrder(rejectedOrder(intent('bt-a-e0')));

      expect(await ledger.recordedOrder('bt-a-e0')).toMatchObject({ status: 'rejected', exchangeOrderId: 'none', filled: '0' });
      expect(await new DecisionOrders(ledger, 0).getOrder('bt-a-e0')).toMatchObject({ status: 'rejected' });
    });

    it('keeps an acknowledged answer for the commit: nothing is written before it', async () => {
      const ledger = new MemoryLedgerStore();
      const orders = new DecisionOrders(ledger, 0);
      await orders.insertIntent(intent('bt-b-e0'));
      await orders.recordOrder(acknowledged('bt-b-e0'));

      expect(await ledger.recordedOrder('bt-b-e0')).toBeUndefined();
      expect(await orders.getOrder('bt-b-e0')).toEqual(acknowledged('bt-b-e0'));
      expect(orders.orders).toEqual([acknowledged('bt-b-e0')]);
    });
  });
});
