import { describe, expect, it } from 'vitest';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { deriveClientOrderId } from '../../../lib/domain/clientOrderId.js';
import { dec } from '../../../lib/domain/decimal.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { candle } from '../local/exchange-sim/simFixture.js';
import { everyCandleLtcConfig } from '../../support/everyCandleLtcConfig.js';
import { decideBots } from './decideBot.js';
import { DynamoDbShadowStore } from '../../../lib/adapters/dynamodb/DynamoDbShadowStore.js';

const dynamo = useDynamoDbLocal();
// The entering → open flow on the next candle, as with bot-managed stops; venue stops are covered by the parity and ccxt resting-stop tests.
const CONFIG: BotConfigInput = { ...everyCandleLtcConfig('itbot'), execution: { stops: 'bot' } };
const bots = decideBots(dynamo);
const aBot = () => bots(CONFIG);

describe('Function: decide (SQS FIFO batch → DynamoDB Local + exchange simulator)', () => {
  it('opens a plan on a closed candle and places its entry on the venue, recorded in the ledger; a redelivery places nothing new', async () => {
    const bot = await aBot();

    expect(await bot.deliver(10)).toEqual({ batchItemFailures: [] });

    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toHaveLength(1);
    const plan = livePlans[0]!;
    expect(plan).toMatchObject({ symbol: 'LTC/BTC', status: 'entering', candleOpenTime: candle(10).openTime, entryAttempt: 0 });
    const clientOrderId = deriveClientOrderId('itbot', plan.id, 'entry', 0);
    const venueOrders = bot.sim.orders();
    expect(venueOrders).toHaveLength(1);
    expect(venueOrders[0]).toMatchObject({ clientOrderId, side: 'BUY', origQty: plan.amount });
    expect(await bot.orders.getIntent(clientOrderId)).toMatchObject({ planId: plan.id, leg: 'entry', amount: plan.amount });
    expect(bot.logLines.find((l) => l.msg === 'order')).toMatchObject({ planId: plan.id, clientOrderId, outcome: 'acknowledged', requestId: 'req-1' });

    expect(await bot.deliver(10, 2)).toEqual({ batchItemFailures: [] });
    expect(bot.sim.orders()).toHaveLength(1);
    expect(bot.logLines.some((l) => l.msg === 'already decided: a redelivery, nothing done')).toBe(true);
  });

  it('settles the entry on the next candle: the plan is open at the venue fill price, and no second entry stacks', async () => {
    const bot = await aBot();
    await bot.deliver(10);
    await bot.deliver(11);

    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toHaveLength(1);
    const [trade] = bot.sim.trades();
    // Binance charges a buy's fee in the asset bought: the position is the amount less that fee.
    expect(trade).toMatchObject({ qty: livePlans[0]!.amount, commissionAsset: 'LTC' });
    expect(livePlans[0]).toMatchObject({ status: 'open', filledAmount: dec(trade!.qty).minus(trade!.commission).toFixed(), avgEntryPrice: trade!.price });
    expect(bot.sim.orders()).toHaveLength(1);
    expect(bot.logLines.find((l) => l.msg === 'order settled')).toMatchObject({ planStatus: 'open', orderStatus: 'closed', fills: 1 });
  });

  it('sends nothing while the kill switch is HALT, and says so in the log', async () => {
    const bot = await aBot();
    bot.setKillSwitch('HALT');

    expect(await bot.deliver(10)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders()).toEqual([]);
    expect((await bot.ledger.load()).livePlans).toEqual([]);
    const halted = bot.logLines.filter((l) => JSON.stringify(l).includes('HALT'));
    expect(halted.length).toBeGreaterThan(0);
    expect(halted[0]).toMatchObject({ requestId: 'req-1' });
  });

  it('in mode "shadow" sends no order and writes no live plan: the main strategy trades the shadow book "main"', async () => {
    const bot = await bots({ ...CONFIG, mode: 'shadow', shadowBalances: { BTC: '1' } });

    expect(await bot.deliver(10)).toEqual({ batchItemFailures: [] });
    expect(await bot.deliver(11)).toEqual({ batchItemFailures: [] });

    expect(bot.sim.orders()).toEqual([]);
    expect((await bot.ledger.load()).livePlans).toEqual([]);
    const books = await new DynamoDbShadowStore({ client: dynamo.client, tableName: bot.tables.shadow, retentionDays: 90 }).loadBooks();
    expect(books.get('main')?.ledger.livePlans).toMatchObject([{ symbol: 'LTC/BTC', status: 'open', candleOpenTime: candle(10).openTime }]);
    expect(bot.logLines.some((l) => l.msg === 'mode "shadow": the main strategy decides as the shadow "main" on a virtual book; the live book sends no order')).toBe(true);
  });
});
