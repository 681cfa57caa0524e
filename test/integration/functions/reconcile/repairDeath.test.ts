import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import { livePlanKey } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import type { FillModel } from '../../../../lib/local/exchange-sim/index.js';
import { ExecutionEnvironmentDied } from '../../../../lib/local/runtime/ExecutionEnvironmentDied.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { BOT_ID, CONFIG, ReconcileBot } from './reconcileBot.js';

const dynamo = useDynamoDbLocal();
let bot: ReconcileBot | undefined;
afterEach(async () => bot?.stop());

/** The gateway whose first order reaches the venue, after which its environment dies: the answer is never read, nothing after it runs. */
function diesAfterFirstOrder(gateway: CcxtExchange): { venue: CcxtExchange; sent: () => number } {
  let sent = 0;
  const venue = Object.create(gateway) as CcxtExchange;
  Object.defineProperty(venue, 'createOrder', {
    value: async (...args: Parameters<CcxtExchange['createOrder']>) => {
      sent += 1;
      const answer = await gateway.createOrder(...args);
      if (sent === 1) throw new ExecutionEnvironmentDied('reconcile', 'afterOrderSent');
      return answer;
    },
  });
  return { venue, sent: () => sent };
}

describe("Reconciliation: a repair's step dies between its order and its ledger write", () => {
  it('is retried by the state machine, which sends nothing again: the retry finds the order by its client order id and writes it with the plan', async () => {
    bot = await ReconcileBot.start(dynamo);
    await bot.decide(dynamo, 10);
    await bot.decide(dynamo, 11);
    const [open] = (await bot.ledger()).livePlans;
    expect(open).toMatchObject({ status: 'open' });
    // Its series no longer decided: the position needs a stop resting on the venue.
    const movedToOneMinute = { ...CONFIG, symbols: [{ symbol: 'LTC/BTC', timeframe: '1m' as const }] };
    const dying = diesAfterFirstOrder(bot.gateway);

    const run = await bot.reconcile('run-dies', { reason: 'deploy' }, movedToOneMinute, dying.venue);

    expect(run.status, run.error).toBe('SUCCEEDED');
    // The step's retry sends nothing: the stop's intent is written under the plan's exit attempt,
    // so it looks the stop up at the venue by its client order id and writes it with the plan.
    expect(run.tasks).toEqual(['Lock', 'ExchangeSnapshot', 'LedgerSnapshot', 'Diff', 'ApplyRepair', 'ApplyRepair', 'Verify', 'Unlock']);
    const stopId = deriveClientOrderId(BOT_ID, open!.id, 'stop', 0);
    expect(run.rounds.map((round) => round.map((f) => [f.kind, 'clientOrderId' in f ? f.clientOrderId : undefined]))).toEqual([[['unprotectedPosition', undefined]], []]);
    const stops = bot.sim.orders().filter((o) => o.side === 'SELL');
    expect(stops.map((o) => [o.clientOrderId, o.type, o.status])).toEqual([[stopId, 'STOP_LOSS_LIMIT', 'NEW']]);
    // The rerun sent nothing: it looked the order up instead.
    expect(dying.sent()).toBe(1);
    const after = await bot.ledger();
    expect(after.livePlans).toEqual([expect.objectContaining({ id: open!.id, status: 'exiting', exitReason: 'stop' })]);
    const record = after.orders.find((o) => o['clientOrderId'] === stopId);
    expect(record?.['exchangeOrder']).toMatchObject({ clientOrderId: stopId, exchangeOrderId: String(stops[0]!.orderId), status: 'open' });
    expect(after.state.status).toBe('ACTIVE');
  });
});


/**
 * A book as thin as the chaos venue's can be (chaos seeds 5039, 5161): five levels, each 0.4 % of
 * the last closed candle's volume. Candle 31 (1164 LTC) takes the 17.647 LTC entry whole; after
 * candle 33 (234 LTC) a market sell gets at most 5 × 0.934 = 4.67 LTC before it EXPIRES.
 */
const THIN_BOOK: FillModel = { marketDepth: { levels: 5, levelTicks: 2, levelVolumeFraction: '0.004' } };

/** An open plan holding 17.629353 LTC, its stop (0.0175) above the price (0.01694191 after candle 33), on the thin book. */
async function throughItsStopOnAThinBook(): Promise<{ started: ReconcileBot; plan: Plan }> {
  const started = (bot = await ReconcileBot.start(dynamo, { fills: THIN_BOOK, firstCandle: 31 }));
  await started.decide(dynamo, 31);
  await started.decide(dynamo, 32);
  const [open] = (await started.ledger()).livePlans;
  expect(open).toMatchObject({ status: 'open', filledAmount: '17.629353' });
  const plan = { ...open!, activeStop: '0.0175' };
  await dynamo.client.send(new PutCommand({ TableName: started.tables.state, Item: { ...livePlanKey(plan.id), ...plan } }));
  started.advanceTo(33);
  return { started, plan };
}

/** The plan's PnL as the venue's trades make it: what the sells received less their fees, less what the buy spent (its fee was taken in LTC). */
function pnlOfTrades(sim: ReconcileBot['sim']): string {
  const trades = sim.trades();
  const received = trades.filter((t) => t.side === 'SELL').reduce((sum, t) => sum.plus(t.quoteQty).minus(t.commission), dec(0));
  const spent = trades.filter((t) => t.side === 'BUY').reduce((sum, t) => sum.plus(t.quoteQty), dec(0));
  return received.minus(spent).toFixed();
}

/**
 * The gateway whose first order reaches the venue, after which its environment dies (as
 * diesAfterFirstOrder), and the venue bans the bot: every later call fails, as VenueHold refuses it.
 */
function diesAfterFirstOrderThenBanned(gateway: CcxtExchange): { venue: CcxtExchange; sent: () => number } {
  let sent = 0;
  const venue = new Proxy(gateway, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (sent > 0) return Promise.reject(new Error('VenueHold: not sent: the venue asked for no calls until later'));
        const result = (value as (...a: unknown[]) => unknown).apply(receiver, args);
        if (property !== 'createOrder') return result;
        return (result as Promise<unknown>).then(() => {
          sent += 1;
          throw new ExecutionEnvironmentDied('reconcile', 'afterOrderSent');
        });
      };
    },
  });
  return { venue, sent: () => sent };
}

describe('Reconciliation: a protective market exit on a book too thin for the position', () => {
  it('sells the rest exit after exit in one repair, each under the next attempt, and closes the plan with the exact PnL of the venue trades', async () => {
    const { started, plan } = await throughItsStopOnAThinBook();

    const run = await started.reconcile('run-thin');

    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run.rounds.map((round) => round.map((f) => f.kind))).toEqual([['unprotectedPosition'], []]);
    const sells = started.sim.orders().filter((o) => o.side === 'SELL');
    // 17.629 (17.629353 floored to the step) in four exits of at most 4.67: three EXPIRED part-filled, the last filled whole.
    expect(sells.map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 0), 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 1), 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 2), 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 3), 'FILLED', '3.619'],
    ]);
    const after = await started.ledger();
    expect(after.livePlans).toEqual([]);
    // The 0.000353 LTC left is below the market minimum (0.01): written off, the plan closed.
    expect(after.endedPlans).toEqual([expect.objectContaining({ id: plan.id, status: 'closed', exitReason: 'stop', exitAttempt: 3, realizedPnl: pnlOfTrades(started.sim) })]);
    expect(after.fills).toHaveLength(started.sim.trades().length);
    expect(after.state.status).toBe('ACTIVE');
  });

  it('converges after the repair step died between its first exit and its ledger write and the venue then banned the bot (chaos seed 5039): the run that lifts the halt records the exit and sells the rest in one round', async () => {
    const { started, plan } = await throughItsStopOnAThinBook();
    const dying = diesAfterFirstOrderThenBanned(started.gateway);

    const halted = await started.reconcile('run-dies', { reason: 'kill switch back to RUN' }, CONFIG, dying.venue);

    expect(halted.status).toBe('FAILED');
    expect((await started.ledger()).state.status).toBe('HALTED');
    const firstExit = deriveClientOrderId(BOT_ID, plan.id, 'stop', 0);
    expect(started.sim.orders().filter((o) => o.side === 'SELL').map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([[firstExit, 'EXPIRED', '4.67']]);
    // What the dead step left: the intent of its exit, the plan still open at attempt 0 with all it held.
    expect((await started.ledger()).livePlans).toEqual([expect.objectContaining({ id: plan.id, status: 'open', exitAttempt: 0, filledAmount: '17.629353' })]);

    const run = await started.reconcile('run-lifts', { reason: 'manual', resumeHalted: true });

    expect(run.status, run.error).toBe('SUCCEEDED');
    expect(run.rounds.map((round) => round.map((f) => [f.kind, f.clientOrderId]))).toEqual([
      [
        ['unacknowledgedOrder', firstExit],
        ['unprotectedPosition', undefined],
      ],
      [],
    ]);
    expect(started.sim.orders().filter((o) => o.side === 'SELL').map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([
      [firstExit, 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 1), 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 2), 'EXPIRED', '4.67'],
      [deriveClientOrderId(BOT_ID, plan.id, 'stop', 3), 'FILLED', '3.619'],
    ]);
    const after = await started.ledger();
    expect(after.endedPlans).toEqual([expect.objectContaining({ id: plan.id, status: 'closed', exitReason: 'stop', exitAttempt: 3, realizedPnl: pnlOfTrades(started.sim) })]);
    expect(after.fills).toHaveLength(started.sim.trades().length);
    expect(after.state.status).toBe('ACTIVE');
  });
});
