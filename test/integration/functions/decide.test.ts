import type { Context, SQSBatchResponse } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { deriveClientOrderId } from '../../../lib/domain/clientOrderId.js';
import { dec } from '../../../lib/domain/decimal.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { createDecideHandler } from '../../../lib/runtime/lambda/decide/createDecideHandler.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { fifoRecord, functionHarness } from '../../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, candle, closeOf } from '../local/exchange-sim/simFixture.js';
import { everyCandleLtcConfig } from '../../support/everyCandleLtcConfig.js';

const dynamo = useDynamoDbLocal();
const CONFIG: BotConfigInput = everyCandleLtcConfig('itbot');
const context = { awsRequestId: 'req-1' } as Context;
let sim: ExchangeSimulator | undefined;
afterEach(async () => sim?.stop());

/** The decide function as deployed, on DynamoDB Local and a real ccxt binance client pointed at the simulator. */
async function aBot() {
  sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' } });
  const venue = sim;
  const tables = await dynamo.freshTables();
  const ccxt = () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(venue, { timeoutMs: 5_000 }), clock: { now: () => venue.now() }, logger: silentLogger, secrets: [venue.apiKey, venue.secret] }));
  const harness = functionHarness(dynamo.client, tables, CONFIG, { ccxt, clock: { now: () => venue.now() } });
  const handler = createDecideHandler(harness.runtime);
  // What capture leaves behind: the window of candles before the first decided one.
  await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(0, 10), closeOf(9));
  const deliver = async (index: number, receiveCount = 1): Promise<SQSBatchResponse> => {
    venue.advanceTo(Math.max(venue.now(), closeOf(index) + 1_000));
    const event = { Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: candle(index) }, receiveCount)] };
    return (await handler(event, context));
  };
  return { ...harness, sim: venue, tables, deliver, ledger: new DynamoDbLedgerStore({ client: dynamo.client, tables, telemetryRetentionDays: 30 }), orders: new DynamoDbOrderRepository(dynamo.client, tables) };
}

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
});
