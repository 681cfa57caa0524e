import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { livePlanKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { BOT_ID, ReconcileBot } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

/**
 * The ledger's client fails the first transaction that writes a plan as exiting (a transaction
 * conflict, as chaos seeds 5040 and 5073 drew it): the protective exit's own write, after its
 * market sell has filled. Step Functions runs the repair step again.
 */
function failFirstExitingWrite(started: ReconcileBot): () => void {
  let failed = false;
  started.client.middlewareStack.add(
    (next) => async (args) => {
      const items = (args.input as { TransactItems?: { Put?: { Item?: { status?: unknown } } }[] }).TransactItems ?? [];
      if (!failed && items.some((item) => item.Put?.Item?.status === 'exiting')) {
        failed = true;
        throw new TransactionCanceledException({ message: 'Transaction cancelled [TransactionConflict]', $metadata: { httpStatusCode: 400 }, CancellationReasons: [{ Code: 'TransactionConflict' }] });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failFirstExitingWrite' },
  );
  return () => started.client.middlewareStack.remove('failFirstExitingWrite');
}

describe('Reconciliation (synthesized state machine, DynamoDB Local, exchange simulator): a protective exit whose ledger write failed', () => {
  it('records the market sell the first run sent when the step runs again, and closes the plan on its trades: nothing sent twice, nothing protected that the venue no longer holds', async () => {
    const started = (bot = await ReconcileBot.start(dynamo));
    await started.decide(dynamo, 10);
    await started.decide(dynamo, 11);
    const [open] = (await started.ledger()).livePlans;
    expect(open).toMatchObject({ status: 'open' });
    // The price went through the stop while the bot was away.
    const above = { ...open!, activeStop: '0.0175' };
    await dynamo.client.send(new PutCommand({ TableName: started.tables.state, Item: { ...livePlanKey(above.id), ...above } }));

    const restore = failFirstExitingWrite(started);
    const run = await started.reconcile('run-1').finally(restore);

    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run.rounds.map((round) => round.map((f) => f.kind))).toEqual([['unprotectedPosition'], []]);
    const exitId = deriveClientOrderId(BOT_ID, above.id, 'stop', 0);
    const sells = started.sim.orders().filter((o) => o.side === 'SELL');
    expect(sells.map((o) => [o.clientOrderId, o.type, o.status])).toEqual([[exitId, 'MARKET', 'FILLED']]);
    const after = await started.ledger();
    // Every venue trade is the ledger's.
    const venueTrades = started.sim.trades().map((t) => String(t.id)).sort();
    expect(after.fills.map((f) => String(f.id)).sort()).toEqual(venueTrades);
    expect(after.orders.find((o) => o.clientOrderId === exitId)).toMatchObject({ exchangeOrder: { status: 'closed', filled: sells[0]!.executedQty } });
    expect(after.orders.find((o) => o.clientOrderId === exitId)).not.toHaveProperty('unsettledSymbol');
    const [entryTrade, exitTrade] = started.sim.trades();
    const realizedPnl = dec(exitTrade!.quoteQty).minus(exitTrade!.commission).minus(entryTrade!.quoteQty).toFixed();
    expect(after.livePlans).toEqual([]);
    expect(after.endedPlans).toEqual([expect.objectContaining({ id: above.id, status: 'closed', exitReason: 'stop', realizedPnl })]);
    expect(after.state.status).toBe('ACTIVE');
  });
});
