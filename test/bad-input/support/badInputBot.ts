import { Writable } from 'node:stream';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { killSwitchParameterName, runtimeConfigParameterName } from '../../../cdk/parameterNames.js';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { type BotConfigInput, BotConfigSchema } from '../../../lib/domain/botConfig.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { createDecideHandler } from '../../../lib/runtime/lambda/decide/createDecideHandler.js';
import { LambdaRuntime } from '../../../lib/runtime/lambda/LambdaRuntime.js';
import type { LocalTables } from '../../support/dynamoDbLocalTables.js';
import { lambdaEnvironment } from '../../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, closeOf } from '../../integration/local/exchange-sim/simFixture.js';
import { BOT_ID, DECIDED_INDEX, seedLedger } from './seedLedger.js';
import { type TablesSnapshot, snapshotTables } from './tableSnapshot.js';

// Powertools would print every flushed metric blob on stdout.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export const EVERY_CANDLE_LONG = './test/fixtures/strategies/everyCandleLong.ts';
/** A strategy that proposes whatever its params say (see strategies/proposeFromParams.ts). */
export const PROPOSE_FROM_PARAMS = './test/bad-input/strategies/proposeFromParams.ts';

export interface DecideOptions {
  /** What the kill-switch parameter holds, as text; undefined: a parameter without a value. @default 'RUN' */
  readonly killSwitch?: string | undefined;
  readonly strategy?: { readonly name: string; readonly params: Record<string, unknown> };
}

export interface DecideFunction {
  /** Delivers one SQS record with this body to the decide handler; the message id is `messageId`. */
  deliver(body: string, messageId?: string): Promise<SQSBatchResponse>;
  /** Delivers one batch of `[messageId, body]` records, all in the LTC/BTC message group. */
  deliverBatch(records: readonly (readonly [string, string])[]): Promise<SQSBatchResponse>;
  /** Every JSON log line the function wrote. */
  readonly logLines: Record<string, unknown>[];
}

export interface BadInputBot {
  readonly sim: ExchangeSimulator;
  readonly tables: TableNames;
  /** A cold decide function (new runtime, so no cached kill switch, config or snapshot). */
  decideFunction(options?: DecideOptions): DecideFunction;
  snapshot(): Promise<TablesSnapshot>;
  stop(): Promise<void>;
}

const context = { awsRequestId: 'req-bad-input' } as Context;

/** A record as Lambda's SQS FIFO event source delivers it, with any body text. */
export function rawRecord(body: string, messageId: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'AROAEXAMPLE:capture', ApproximateFirstReceiveTimestamp: '0', SequenceNumber: '1'.repeat(20), MessageGroupId: 'LTC/BTC', MessageDeduplicationId: messageId },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:${BOT_ID}-decisions.fifo`,
    awsRegion: 'us-east-1',
  };
}

function logCollector(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

/**
 * The deployed decide function on fresh, seeded DynamoDB Local tables, trading the
 * simulator's LTC/BTC through the real ccxt client, its clock at the decided candle's close.
 */
export async function startBadInputBot(dynamo: LocalTables, dailyRiskDay?: string): Promise<BadInputBot> {
  const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' } });
  sim.advanceTo(closeOf(DECIDED_INDEX) + 1_000);
  const tables = await dynamo.freshTables();
  await seedLedger(dynamo.client, tables, dailyRiskDay);
  const rawClient = dynamo.rawClient();
  const ssm = mockClient(SSMClient);
  const clock = { now: () => sim.now() };
  const ccxt = () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(sim, { timeoutMs: 5_000 }), clock, logger: silentLogger, secrets: [sim.apiKey, sim.secret] }));

  function decideFunction(options: DecideOptions = {}): DecideFunction {
    const input: BotConfigInput = {
      botId: BOT_ID,
      exchange: { id: 'binance' },
      mode: 'live',
      symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }],
      strategy: options.strategy ?? { name: EVERY_CANDLE_LONG, params: {} },
      windowSize: 10,
      // The cases count the entry's orders; a resting stop would add one (its own tests are beside restingStop).
      execution: { stops: 'bot' },
    };
    const config = BotConfigSchema.parse(input);
    const killSwitch = 'killSwitch' in options ? options.killSwitch : 'RUN';
    ssm.reset();
    ssm.on(GetParameterCommand, { Name: killSwitchParameterName(BOT_ID) }).resolves({ Parameter: { Name: killSwitchParameterName(BOT_ID), Type: 'String', Version: 1, ...(killSwitch === undefined ? {} : { Value: killSwitch }) } });
    ssm.on(GetParameterCommand, { Name: runtimeConfigParameterName(BOT_ID) }).resolves({ Parameter: { Value: JSON.stringify({ risk: config.risk, strategy: config.strategy }) } });
    const logLines: Record<string, unknown>[] = [];
    const runtime = new LambdaRuntime(lambdaEnvironment(tables, config), { dynamo: dynamo.client, ssm: new SSMClient({ region: 'us-east-1' }), clock, ccxt, logDestination: logCollector(logLines) });
    const handler = createDecideHandler(runtime);
    const deliverBatch = async (records: readonly (readonly [string, string])[]) => handler({ Records: records.map(([id, body]) => rawRecord(body, id)) }, context);
    return { logLines, deliverBatch, deliver: (body, messageId = 'msg-bad-input') => deliverBatch([[messageId, body]]) };
  }

  return {
    sim,
    tables,
    decideFunction,
    snapshot: () => snapshotTables(rawClient, tables),
    stop: async () => {
      ssm.restore();
      rawClient.destroy();
      await sim.stop();
    },
  };
}
