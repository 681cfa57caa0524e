import { afterEach, describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { BOT_ID, ReconcileBot, withoutState } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

describe('Reconciliation (synthesized state machine, DynamoDB Local, exchange simulator): an order the ledger never recorded', () => {
  it('adopts the entry a crashed decide placed: the plan restored and open at the venue fill, the fill recorded; a second run finds nothing', async () => {
    bot = await ReconcileBot.start(dynamo);
    const crashed = await bot.decide(dynamo, 10, { crashBeforeCommit: true });
    expect(crashed.batchItemFailures).toHaveLength(1);
    const [venueOrder] = bot.sim.orders();
    expect(venueOrder).toMatchObject({ status: 'FILLED', side: 'BUY' });
    const before = await bot.ledger();
    expect(before.livePlans).toEqual([]);

    const run = await bot.reconcile('run-1');

    expect(run).toMatchObject({ status: 'SUCCEEDED', tasks: ['Lock', 'ExchangeSnapshot', 'LedgerSnapshot', 'Diff', 'ApplyRepair', 'Verify', 'Unlock'] });
    expect(run.tasks.slice(1, 3).sort()).toEqual(['ExchangeSnapshot', 'LedgerSnapshot']);
    expect(run.rounds[0]!.map((f) => f.kind)).toEqual(['unacknowledgedOrder']);
    expect(run.rounds[1]).toEqual([]);

    const [trade] = bot.sim.trades();
    const after = await bot.ledger();
    expect(after.state).toMatchObject({ status: 'ACTIVE', reason: 'reconciled' });
    expect(after.livePlans).toHaveLength(1);
    const plan = after.livePlans[0]!;
    const clientOrderId = deriveClientOrderId(BOT_ID, plan.id, 'entry', 0);
    expect(venueOrder!.clientOrderId).toBe(clientOrderId);
    // Binance charged the buy's fee in LTC: the position is the amount bought less that fee.
    expect(plan).toMatchObject({ status: 'open', filledAmount: dec(trade!.qty).minus(trade!.commission).toFixed(), avgEntryPrice: trade!.price, openedAt: trade!.time });
    expect(bot.sim.balances().LTC).toEqual({ free: plan.filledAmount, locked: '0' });
    const order = after.orders.find((o) => o.clientOrderId === clientOrderId)!;
    expect(order).not.toHaveProperty('unsettledSymbol');
    expect(order.exchangeOrder).toMatchObject({ status: 'closed', filled: venueOrder!.executedQty, exchangeOrderId: String(venueOrder!.orderId) });
    expect(after.fills).toEqual([expect.objectContaining({ clientOrderId, price: trade!.price, amount: trade!.qty, fee: { cost: trade!.commission, currency: 'LTC' } })]);

    const again = await bot.reconcile('run-2');
    expect(again.status).toBe('SUCCEEDED');
    expect(again.rounds).toEqual([[]]);
    expect(again.tasks).not.toContain('ApplyRepair');
    expect(withoutState(await bot.ledger())).toEqual(withoutState(after));
  });
});
