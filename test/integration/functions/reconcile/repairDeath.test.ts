import { afterEach, describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
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

