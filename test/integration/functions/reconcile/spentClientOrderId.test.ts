import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbOrderRepository } from '../../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { ReconcileBot } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

const ORDER = 'POST /api/v3/order';

/**
 * Issue 17: under exchange faults, decide deaths and redeliveries the ledger recorded a market
 * buy as rejected, and the redelivered decision sent the same client order id again and it
 * filled, rewriting the final order. The fault script: every attempt of the entry meets a 503
 * (the venue never takes it), decide dies before its commit, reconciliation marks the intent
 * failed once past the grace, then the candle's message comes back.
 */
describe('Decide and reconciliation (DynamoDB Local, exchange simulator): a client order id is spent once', () => {
  it('never sends again an entry the ledger holds as rejected when its candle is redelivered', async () => {
    bot = await ReconcileBot.start(dynamo);
    bot.sim.faults.inject({ endpoint: ORDER, kind: 'serverError', times: 4 });
    const died = await bot.decide(dynamo, 10, { crashBeforeCommit: true });
    expect(died.batchItemFailures).toHaveLength(1);
    expect(bot.sim.faults.counts().byEndpoint[`${ORDER} serverError`]).toBe(4);
    const [written] = (await bot.ledger()).orders;
    // Ambiguous all the way (503s, then a lookup that found nothing yet): no answer recorded.
    expect(written).toMatchObject({ leg: 'entry', attempt: 0, unsettledSymbol: 'LTC/BTC' });
    expect(written).not.toHaveProperty('exchangeOrder');

    bot.advanceTo(12);
    const reconciled = await bot.reconcile('run-1');
    expect(reconciled.rounds.map((round) => round.map((f) => f.kind))).toEqual([['intentMissingAtVenue'], []]);
    const rejected = (await bot.ledger()).orders.find((o) => o.clientOrderId === written!.clientOrderId)!;
    expect(rejected.exchangeOrder).toEqual({
      clientOrderId: written!.clientOrderId,
      exchangeOrderId: 'none',
      symbol: 'LTC/BTC',
      side: 'buy',
      type: 'market',
      status: 'rejected',
      amount: written!.amount,
      filled: '0',
      timestamp: written!.createdAt,
    });

    const redelivered = await bot.decide(dynamo, 10);

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(bot.sim.orders()).toEqual([]);
    const after = await bot.ledger();
    expect(after.orders).toHaveLength(1);
    expect(after.orders[0]).toEqual(rejected);
    expect(after.livePlans).toEqual([]);
    expect(after.endedPlans).toEqual([expect.objectContaining({ status: 'cancelled', entryAttempt: 0 })]);
    expect(bot.sim.balances().BTC).toEqual({ free: '1', locked: '0' });

    const again = await bot.reconcile('run-2');
    expect(again.rounds).toEqual([[]]);
  }, 60_000);

  it('records a venue order filled under an id the ledger holds as rejected, with its fills; a second run finds nothing', async () => {
    bot = await ReconcileBot.start(dynamo);
    bot.sim.faults.inject({ endpoint: ORDER, kind: 'serverError', times: 4 });
    await bot.decide(dynamo, 10, { crashBeforeCommit: true });
    bot.advanceTo(12);
    await bot.reconcile('run-1');
    const [record] = (await bot.ledger()).orders;
    expect(record!.exchangeOrder).toMatchObject({ status: 'rejected' });
    // What the redelivery did before the fix: the spent id sent again, and filled.
    const intent = await new DynamoDbOrderRepository(bot.client, bot.tables).getIntent(String(record!.clientOrderId));
    expect(await bot.gateway.createOrder(intent!)).toMatchObject({ kind: 'acknowledged', order: { status: 'closed' } });
    const [venueOrder] = bot.sim.orders();
    const [trade] = bot.sim.trades();

    const run = await bot.reconcile('run-2');

    expect(run.status).toBe('SUCCEEDED');
    expect(run.rounds[0]!.map((f) => [f.kind, f.clientOrderId])).toEqual([['finalOrderAtVenue', record!.clientOrderId]]);
    expect(run.rounds[0]![0]!.detail).toContain(`no live plan holds the ${venueOrder!.executedQty} LTC/BTC it bought`);
    expect(run.rounds[1]).toEqual([]);
    const after = await bot.ledger();
    const repaired = after.orders.find((o) => o.clientOrderId === record!.clientOrderId)!;
    expect(repaired.exchangeOrder).toMatchObject({ status: 'closed', exchangeOrderId: String(venueOrder!.orderId), amount: venueOrder!.origQty, filled: venueOrder!.executedQty });
    expect(after.fills).toEqual([expect.objectContaining({ id: String(trade!.id), clientOrderId: record!.clientOrderId, amount: trade!.qty, price: trade!.price })]);
    expect(after.state).toMatchObject({ status: 'ACTIVE' });

    const again = await bot.reconcile('run-3');
    expect(again.rounds).toEqual([[]]);
  }, 60_000);
});
