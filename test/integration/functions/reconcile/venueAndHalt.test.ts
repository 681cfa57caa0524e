import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbBotReadModel } from '../../../../lib/adapters/dynamodb/DynamoDbBotReadModel.js';
import { BOT_STATE_KEY } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { BOT_ID, CONFIG, ReconcileBot, withoutState } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

/** A limit buy far under the market, resting: sent straight to the venue, never through the ledger. */
function restingBuy(clientOrderId: string, now: number): OrderIntent {
  return { clientOrderId, botId: BOT_ID, planId: 'outside', leg: 'entry', attempt: 0, symbol: 'LTC/BTC', side: 'buy', type: 'limit', amount: '1', price: '0.015', createdAt: now };
}

/** The bot actions recorded, newest first, as /actions and `npm run status` read them. */
const botActions = (started: ReconcileBot) => new DynamoDbBotReadModel({ client: dynamo.client, tables: started.tables, series: [] }).recentActions(10);

async function withOpenPlan(): Promise<ReconcileBot> {
  const started = (bot = await ReconcileBot.start(dynamo));
  await started.decide(dynamo, 10);
  await started.decide(dynamo, 11);
  return started;
}

describe('Reconciliation (synthesized state machine, DynamoDB Local, exchange simulator): orders outside the ledger, halts', () => {
  it("cancels an open order of ours the ledger does not know and records it; leaves someone else's order alone and reports it", async () => {
    bot = await ReconcileBot.start(dynamo);
    const ours = deriveClientOrderId(BOT_ID, `${BOT_ID}-lostplan`, 'entry', 0);
    await bot.gateway.createOrder(restingBuy(ours, bot.now()));
    await bot.gateway.createOrder(restingBuy('manual-order-1', bot.now()));

    const run = await bot.reconcile('run-1');

    expect(run.status).toBe('SUCCEEDED');
    expect(run.rounds[0]!.map((f) => [f.kind, f.clientOrderId])).toEqual([
      ['unknownOrder', ours],
      ['foreignOrder', 'manual-order-1'],
    ]);
    expect(run.rounds[1]!.map((f) => f.kind)).toEqual(['foreignOrder']);
    expect(bot.sim.orders().map((o) => [o.clientOrderId, o.status])).toEqual([
      [ours, 'CANCELED'],
      ['manual-order-1', 'NEW'],
    ]);
    const { orders } = await bot.ledger();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ clientOrderId: ours, planId: 'unknown', leg: 'entry', attempt: 0, side: 'buy', amount: '1', price: '0.015', exchangeOrder: { status: 'canceled', filled: '0' } });
    expect(orders[0]).not.toHaveProperty('unsettledSymbol');
  });

  it('adopts such an order instead when configured: recorded, left resting', async () => {
    bot = await ReconcileBot.start(dynamo);
    const ours = deriveClientOrderId(BOT_ID, `${BOT_ID}-lostplan`, 'entry', 0);
    await bot.gateway.createOrder(restingBuy(ours, bot.now()));

    const run = await bot.reconcile('run-1', { reason: 'manual' }, { ...CONFIG, reconciliation: { unknownOrders: 'adopt' } });

    expect(run.rounds).toEqual([[expect.objectContaining({ kind: 'unknownOrder', repair: expect.objectContaining({ kind: 'recordLedger' }) as unknown })], []]);
    expect(bot.sim.orders().map((o) => o.status)).toEqual(['NEW']);
    const [record] = (await bot.ledger()).orders;
    expect(record).toMatchObject({ clientOrderId: ours, unsettledSymbol: 'LTC/BTC', exchangeOrder: { status: 'open', amount: '1', price: '0.015' } });
    expect(await botActions(bot)).toEqual([{ time: expect.any(Number) as number, action: 'reconciliationRepaired', details: { trigger: 'reconciliation', lockId: 'run-1', repair: expect.stringMatching(/^recordLedger: /) as string } }]);
  });

  it('records a repair once when Step Functions retries its step after the record was written', async () => {
    bot = await ReconcileBot.start(dynamo);
    const ours = deriveClientOrderId(BOT_ID, `${BOT_ID}-lostplan`, 'entry', 0);
    await bot.gateway.createOrder(restingBuy(ours, bot.now()));

    const run = await bot.reconcile('run-1', { reason: 'manual' }, { ...CONFIG, reconciliation: { unknownOrders: 'adopt' } }, undefined, { applyRepairFailsAfterRunning: 1 });

    expect(run.status).toBe('SUCCEEDED');
    // The retry applied the (idempotent) repair again and found its record already written.
    expect(bot.reconcileLogLines.filter((line) => line['msg'] === 'ledger repaired')).toHaveLength(2);
    expect(await botActions(bot)).toEqual([{ time: expect.any(Number) as number, action: 'reconciliationRepaired', details: { trigger: 'reconciliation', lockId: 'run-1', repair: expect.stringMatching(/^recordLedger: /) as string } }]);
  });

  it('halts, repairing nothing, when the venue holds less of an asset than the plans do', async () => {
    const started = await withOpenPlan();
    const [plan] = (await started.ledger()).livePlans;
    // Someone sells part of the position by hand.
    await started.gateway.createOrder({ ...restingBuy('manual-sell-1', started.now()), side: 'sell', type: 'market', amount: '5', price: '0.0171' });
    const before = await started.ledger();

    const run = await started.reconcile('run-1');

    expect(run).toMatchObject({ status: 'FAILED', tasks: ['Lock', expect.any(String), expect.any(String), 'Diff', 'Halt'] });
    const venueLtc = dec(started.sim.balances().LTC!.free).toFixed();
    const short = dec(plan!.filledAmount!).minus(venueLtc).toFixed();
    const after = await started.ledger();
    expect(after.state).toMatchObject({ status: 'HALTED', reason: `reconciliation: the venue holds ${venueLtc} LTC, the plans ${plan!.filledAmount!}: short by ${short}, beyond the tolerance of 0.1 %` });
    expect(after.state).not.toHaveProperty('lockedBy');
    expect(withoutState(after)).toEqual(withoutState(before));

    // A halted bot is not locked again by drift or a deploy; the operator's RUN resumes it.
    expect((await started.reconcile('run-2', { reason: 'drift' })).tasks).toEqual(['Lock']);
    expect((await started.ledger()).state.status).toBe('HALTED');
  });

  it('halts and changes nothing when the venue cannot be read during the snapshot: not knowing is never "no orders"', async () => {
    const started = await withOpenPlan();
    const before = await started.ledger();
    const venueBefore = started.sim.orders();
    started.sim.faults.inject({ endpoint: 'GET /api/v3/openOrders', kind: 'htmlError', times: Infinity });

    const run = await started.reconcile('run-1');

    expect(run.status).toBe('FAILED');
    expect(run.tasks).toContain('Halt');
    expect(run.tasks).not.toContain('Diff');
    const after = await started.ledger();
    expect(after.state).toMatchObject({ status: 'HALTED' });
    expect(after.state.reason).toMatch(/^reconciliation failed: ExchangeCallError: fetchOpenOrders failed: ExchangeNotAvailable: /);
    expect(await botActions(started)).toEqual([{ time: expect.any(Number) as number, action: 'reconciliationHalted', details: { trigger: 'reconciliation', lockId: 'run-1', reason: after.state.reason } }]);
    expect(withoutState(after)).toEqual(withoutState(before));
    expect(started.sim.orders()).toEqual(venueBefore);
  });

  it('ends cleanly, touching nothing, when another reconciliation holds the lock', async () => {
    bot = await ReconcileBot.start(dynamo);
    await dynamo.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...BOT_STATE_KEY, status: 'RECONCILING', ledgerVersion: 4, updatedAt: 1, reason: 'deploy', lockedBy: 'other-run' } }));

    const run = await bot.reconcile('run-1');

    expect(run).toMatchObject({ status: 'SUCCEEDED', tasks: ['Lock'] });
    expect((await bot.ledger()).state).toEqual({ status: 'RECONCILING', ledgerVersion: 4, updatedAt: 1, reason: 'deploy', lockedBy: 'other-run' });
  });
});
