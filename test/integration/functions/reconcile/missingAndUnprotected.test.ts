import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { livePlanKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { BOT_ID, CONFIG, ReconcileBot, gatewayThatNeverSends } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

/** The bot after candles 10 and 11: its entry filled and settled, the plan open. */
async function withOpenPlan(): Promise<ReconcileBot> {
  const started = (bot = await ReconcileBot.start(dynamo));
  await started.decide(dynamo, 10);
  await started.decide(dynamo, 11);
  const [plan] = (await started.ledger()).livePlans;
  expect(plan).toMatchObject({ status: 'open' });
  return started;
}

describe('Reconciliation (synthesized state machine, DynamoDB Local, exchange simulator): intents the venue lacks, unprotected positions', () => {
  it('marks failed an intent whose decide died before sending, once past the grace; nothing is sent', async () => {
    bot = await ReconcileBot.start(dynamo);
    await bot.decide(dynamo, 10, { venue: gatewayThatNeverSends(bot.gateway, 'throws') });
    const [record] = (await bot.ledger()).orders;
    expect(record).toMatchObject({ leg: 'entry', unsettledSymbol: 'LTC/BTC', plan: { status: 'entering' } });

    const young = await bot.reconcile('run-young');
    expect(young.rounds[0]!.map((f) => f.kind)).toEqual(['intentInFlight']);
    expect(young.tasks).not.toContain('ApplyRepair');

    bot.advanceTo(14);
    const run = await bot.reconcile('run-1');

    expect(run.status).toBe('SUCCEEDED');
    expect(run.rounds.map((round) => round.map((f) => f.kind))).toEqual([['intentMissingAtVenue'], []]);
    const after = await bot.ledger();
    expect(after.livePlans).toEqual([]);
    const failed = after.orders.find((o) => o.clientOrderId === record!.clientOrderId)!;
    expect(failed).not.toHaveProperty('unsettledSymbol');
    expect(failed.exchangeOrder).toMatchObject({ status: 'rejected', exchangeOrderId: 'none', filled: '0' });
    expect(bot.sim.orders()).toEqual([]);
  });

  it('cancels an entering plan whose entry the venue never got, and the strategy trades again on a later candle', async () => {
    bot = await ReconcileBot.start(dynamo);
    await bot.decide(dynamo, 10, { venue: gatewayThatNeverSends(bot.gateway, 'unknown') });
    const [entering] = (await bot.ledger()).livePlans;
    expect(entering).toMatchObject({ status: 'entering', entryAttempt: 0 });

    bot.advanceTo(14);
    const run = await bot.reconcile('run-1');

    expect(run.rounds[0]).toEqual([expect.objectContaining({ kind: 'intentMissingAtVenue', planId: entering!.id })]);
    const after = await bot.ledger();
    expect(after.livePlans).toEqual([]);
    expect(after.endedPlans).toEqual([expect.objectContaining({ id: entering!.id, status: 'cancelled', version: entering!.version + 1 })]);
    expect(after.state.status).toBe('ACTIVE');

    await bot.decide(dynamo, 15);
    expect((await bot.ledger()).livePlans).toEqual([expect.objectContaining({ status: 'entering', candleOpenTime: expect.any(Number) as number })]);
    expect(bot.sim.orders()).toHaveLength(1);
  });

  it('rests a stop on the venue for a position whose series is no longer decided; the stop fills while away and the next run closes the plan with the exact PnL', async () => {
    const started = await withOpenPlan();
    const [open] = (await started.ledger()).livePlans;
    // The trail had moved the stop up before the bot went away.
    const trailed = { ...open!, activeStop: '0.01705' };
    await dynamo.client.send(new PutCommand({ TableName: started.tables.state, Item: { ...livePlanKey(trailed.id), ...trailed } }));
    const movedToOneMinute = { ...CONFIG, symbols: [{ symbol: 'LTC/BTC', timeframe: '1m' as const }] };

    const protect = await started.reconcile('run-protect', { reason: 'deploy' }, movedToOneMinute);

    expect(protect.status, protect.error).toBe('SUCCEEDED');
    expect(protect.rounds[0]).toEqual([expect.objectContaining({ kind: 'unprotectedPosition', planId: trailed.id, repair: { kind: 'protectPosition', planId: trailed.id, expectedVersion: trailed.version, symbol: 'LTC/BTC', mode: 'stop', stopPrice: '0.01705', exitAttempt: trailed.exitAttempt } })]);
    expect(protect.rounds[1]).toEqual([]);
    const stopId = deriveClientOrderId(BOT_ID, trailed.id, 'stop', 0);
    const resting = started.sim.orders().find((o) => o.clientOrderId === stopId);
    const held = trailed.filledAmount!;
    const sellable = dec(held).toDecimalPlaces(3, 1).toFixed();
    expect(resting).toMatchObject({ type: 'STOP_LOSS_LIMIT', status: 'NEW', side: 'SELL', stopPrice: '0.01705', origQty: sellable });
    expect((await started.ledger()).livePlans).toEqual([expect.objectContaining({ id: trailed.id, status: 'exiting', exitReason: 'stop' })]);

    // Candle 30's low (0.01703459) goes through the stop while the bot is away.
    started.advanceTo(31);
    const [entryTrade, stopTrade] = started.sim.trades();
    expect(stopTrade).toMatchObject({ side: 'SELL', qty: sellable, commissionAsset: 'BTC' });

    const settle = await started.reconcile('run-settle', { reason: 'deploy' }, movedToOneMinute);

    expect(settle.rounds.map((round) => round.map((f) => f.kind))).toEqual([['orderEndedWhileAway'], []]);
    const after = await started.ledger();
    expect(after.livePlans).toEqual([]);
    // Every satoshi the venue moved: proceeds less the sell's fee less all the entry cost (the unsellable LTC dust is written off).
    const realizedPnl = dec(stopTrade!.quoteQty).minus(stopTrade!.commission).minus(entryTrade!.quoteQty).toFixed();
    expect(after.endedPlans).toEqual([expect.objectContaining({ id: trailed.id, status: 'closed', exitReason: 'stop', realizedPnl, avgExitPrice: stopTrade!.price, closedAt: stopTrade!.time })]);
    expect(await started.stopOuts()).toEqual([expect.objectContaining({ symbol: 'LTC/BTC', time: stopTrade!.time })]);
    expect(after.fills.map((f) => f.clientOrderId).sort()).toEqual([deriveClientOrderId(BOT_ID, trailed.id, 'entry', 0), stopId].sort());
    expect(started.sim.balances().LTC).toEqual({ free: dec(held).minus(sellable).toFixed(), locked: '0' });
  });

  it('leaves a position whose protective stop the venue refuses (MAX_NUM_ALGO_ORDERS) to a bot-managed stop with the alarm, sells nothing and does not ask again', async () => {
    const started = await withOpenPlan();
    const [open] = (await started.ledger()).livePlans;
    const movedToOneMinute = { ...CONFIG, symbols: [{ symbol: 'LTC/BTC', timeframe: '1m' as const }] };
    // Five stop orders of another client of the account already rest on LTC/BTC: the venue's limit.
    for (let i = 0; i < 5; i++) {
      const outcome = await started.gateway.createOrder({ clientOrderId: `manual-buy-stop-${i}`, botId: 'manual', planId: 'manual', leg: 'stop', attempt: i, symbol: 'LTC/BTC', side: 'buy', type: 'stop_market', amount: '0.1', price: '0.0175', stopPrice: '0.0175', createdAt: started.now() });
      expect(outcome.kind).toBe('acknowledged');
    }

    const run = await started.reconcile('run-refused', { reason: 'deploy' }, movedToOneMinute);

    expect(run.status, run.error).toBe('SUCCEEDED');
    const kinds = (round: readonly { kind: string }[] | undefined) => (round ?? []).map((f) => f.kind);
    expect(run.rounds[0]).toContainEqual(expect.objectContaining({ kind: 'unprotectedPosition', planId: open!.id, repair: expect.objectContaining({ mode: 'stop' }) as unknown }));
    expect(kinds(run.rounds[0])).toEqual([...Array<string>(5).fill('foreignOrder'), 'unprotectedPosition']);
    expect(kinds(run.rounds[1])).toEqual(Array<string>(5).fill('foreignOrder'));
    const [plan] = (await started.ledger()).livePlans;
    expect(plan).toMatchObject({ id: open!.id, status: 'open', exitAttempt: 1, filledAmount: open!.filledAmount });
    expect(plan!.botManagedStop).toMatch(/^the venue refused the stop: .*MAX_NUM_ALGO_ORDERS/);
    // Nothing of the bot's rests or sold: the entry, and the five foreign stops.
    expect(started.sim.orders().filter((o) => o.side === 'SELL')).toEqual([]);
    expect(started.sim.orders().filter((o) => o.status === 'NEW')).toHaveLength(5);

    // The next run finds nothing to repair: the alarm (heartbeat's UnprotectedPositions) carries it.
    const again = await started.reconcile('run-again', { reason: 'deploy' }, movedToOneMinute);
    expect(kinds(again.rounds[0])).toEqual(Array<string>(5).fill('foreignOrder'));
  });

  it('sells at market a position whose price went through its stop while away, and closes it in the same run', async () => {
    const started = await withOpenPlan();
    const [open] = (await started.ledger()).livePlans;
    const above = { ...open!, activeStop: '0.0175' };
    await dynamo.client.send(new PutCommand({ TableName: started.tables.state, Item: { ...livePlanKey(above.id), ...above } }));

    const run = await started.reconcile('run-1');

    expect(run.status).toBe('SUCCEEDED');
    expect(run.rounds[0]).toEqual([expect.objectContaining({ kind: 'unprotectedPosition', repair: expect.objectContaining({ mode: 'flatten' }) as unknown })]);
    expect(run.rounds[1]).toEqual([]);
    const [entryTrade, exitTrade] = started.sim.trades();
    expect(exitTrade).toMatchObject({ side: 'SELL', qty: dec(above.filledAmount!).toDecimalPlaces(3, 1).toFixed() });
    const realizedPnl = dec(exitTrade!.quoteQty).minus(exitTrade!.commission).minus(entryTrade!.quoteQty).toFixed();
    expect((await started.ledger()).endedPlans).toEqual([expect.objectContaining({ id: above.id, status: 'closed', exitReason: 'stop', realizedPnl })]);
  });
});
