import type { Context, SQSBatchResponse } from 'aws-lambda';
import { afterEach } from 'vitest';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { type ExchangeSimulator, type ExchangeSimulatorOptions, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { createDecideHandler } from '../../../lib/runtime/lambda/decide/createDecideHandler.js';
import type { LocalTables } from '../../support/dynamoDbLocalTables.js';
import { fifoRecord, functionHarness } from '../../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, candle, closeOf } from '../local/exchange-sim/simFixture.js';

const context = { awsRequestId: 'req-1' } as Context;

/**
 * The decide function as deployed, on DynamoDB Local and a real ccxt binance client pointed
 * at the simulator (1 BTC, no LTC), with capture's window of candles 0-9 stored. Call once
 * per test file, at its top level: it stops the test's simulator after each test.
 */
export function decideBots(dynamo: LocalTables) {
  let sim: ExchangeSimulator | undefined;
  afterEach(async () => sim?.stop());
  return async function aBot(config: BotConfigInput, simOptions: Partial<ExchangeSimulatorOptions> = {}) {
    const venue = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' }, ...simOptions });
    sim = venue;
    const tables = await dynamo.freshTables();
    const ccxt = () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(venue, { timeoutMs: 5_000 }), clock: { now: () => venue.now() }, logger: silentLogger, secrets: [venue.apiKey, venue.secret] }));
    const harness = functionHarness(dynamo.client, tables, config, { ccxt, clock: { now: () => venue.now() } });
    const handler = createDecideHandler(harness.runtime);
    await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(0, 10), closeOf(9));
    /** Delivers candle `index` once it has closed, as capture enqueues it. */
    const deliver = async (index: number, receiveCount = 1): Promise<SQSBatchResponse> => {
      venue.advanceTo(Math.max(venue.now(), closeOf(index) + 1_000));
      const event = { Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: candle(index) }, receiveCount)] };
      return handler(event, context);
    };
    return {
      ...harness,
      sim: venue,
      tables,
      deliver,
      ledger: new DynamoDbLedgerStore({ client: dynamo.client, tables, telemetryRetentionDays: 30 }),
      orders: new DynamoDbOrderRepository(dynamo.client, tables),
    };
  };
}
