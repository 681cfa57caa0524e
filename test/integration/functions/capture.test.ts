import { Writable } from 'node:stream';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { ExecutionEnvironmentDied } from '../../../lib/local/runtime/ExecutionEnvironmentDied.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { type CaptureHandler, createCaptureHandler } from '../../../lib/runtime/lambda/capture/createCaptureHandler.js';
import { LambdaRuntime } from '../../../lib/runtime/lambda/LambdaRuntime.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { lambdaEnvironment, scheduledEvent } from '../../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, candle, closeOf } from '../local/exchange-sim/simFixture.js';

const dynamo = useDynamoDbLocal();
const WINDOW = 20;
const SERIES_FROM = candle(0).openTime;
const SERIES_TO = closeOf(LTC_CANDLES.length - 1);

const CONFIG: BotConfigInput = {
  botId: 'testbot',
  exchange: { id: 'binance' },
  mode: 'live',
  symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }],
  windowSize: WINDOW,
  paperBalances: { BTC: '1' },
};

const lambdaContext = (requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'testbot-capture',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:testbot-capture',
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/testbot-capture',
  logStreamName: '2018/01/20/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 50_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

interface Harness {
  readonly sim: ExchangeSimulator;
  readonly runtime: LambdaRuntime;
  readonly handler: CaptureHandler;
  readonly store: DynamoDbCandleStore;
  readonly logLines: Record<string, unknown>[];
  /** Every entry capture sent, in order. */
  sent(): SendMessageBatchRequestEntry[];
  invoke(id: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** The capture function as Lambda runs it: real runtime and middy handler, on DynamoDB Local, the simulator and a mocked SQS. */
async function startCapture(config: BotConfigInput = CONFIG): Promise<Harness> {
  const sim = await startExchangeSimulator({
    series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }],
    markets: [LTC_MARKET],
    balances: { BTC: '1', LTC: '10' },
    spreadPct: '0.1',
  });
  const clock = { now: () => sim.now() };
  const tables = await dynamo.freshTables();
  const sqs = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const sqsMock = mockClient(sqs);
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => ({
    Successful: input.Entries.map((entry) => ({ Id: entry.Id, MessageId: `msg-${entry.MessageDeduplicationId}`, MD5OfMessageBody: 'md5' })),
    Failed: [],
  }));
  const ssm = new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  mockClient(ssm);
  const logLines: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const runtime = new LambdaRuntime(lambdaEnvironment(tables, config), {
    clock,
    dynamo: dynamo.client,
    sqs,
    ssm,
    logDestination,
    ccxt: () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(sim), clock, logger: silentLogger })),
  });
  const handler = createCaptureHandler(runtime);
  return {
    sim,
    runtime,
    handler,
    store: new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }),
    logLines,
    sent: () => sqsMock.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries ?? []),
    invoke: (id) => handler(scheduledEvent(id, sim.now(), 'testbot-capture'), lambdaContext(`req-${id}`)),
    stop: async () => {
      sqsMock.restore();
      sqs.destroy();
      await sim.stop();
    },
  };
}

const entryFor = (openTime: number) => ({
  MessageGroupId: 'LTC/BTC',
  MessageDeduplicationId: `LTC/BTC:5m:${openTime}`,
  body: { symbol: 'LTC/BTC', timeframe: '5m', candle: LTC_CANDLES.find((c) => c.openTime === openTime) },
});
const decoded = (entries: SendMessageBatchRequestEntry[]) =>
  entries.map((e) => ({ MessageGroupId: e.MessageGroupId, MessageDeduplicationId: e.MessageDeduplicationId, body: JSON.parse(e.MessageBody ?? '') as unknown }));

describe('Function: capture (live mode, on the exchange simulator and DynamoDB Local)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCapture();
  });
  afterAll(() => h.stop());

  it('stores a window of closed candles on its first run and queues only the newest', async () => {
    h.sim.advanceTo(closeOf(29) + 60_000);

    const summary = await h.invoke('run-1');

    expect(summary).toEqual({ series: 1, stored: WINDOW, published: 1, stale: 0, failed: [] });
    expect(await h.store.window('LTC/BTC', '5m', SERIES_FROM, SERIES_TO)).toEqual(LTC_CANDLES.slice(10, 30));
    expect(decoded(h.sent())).toEqual([entryFor(candle(29).openTime)]);
    expect(h.logLines.at(-1)).toMatchObject({ level: 'info', msg: 'capture finished', correlationId: 'run-1', series: 1, stored: WINDOW, published: 1, stale: 0, failed: [] });
  });

  it('keeps the quote it read with the newest candle', async () => {
    const latest = await h.store.latestQuote('LTC/BTC', '5m');

    expect(latest).toMatchObject({ openTime: candle(29).openTime, close: candle(29).close, capturedAt: closeOf(29) + 60_000 });
    // The simulator's price is the open of the candle in progress, with its spread around it.
    expect(Number(latest?.quote?.last)).toBe(candle(30).open);
    expect(Number(latest?.quote?.bid)).toBeLessThan(candle(30).open);
    expect(Number(latest?.quote?.ask)).toBeGreaterThan(candle(30).open);
  });

  it('sends and writes nothing again when no candle has closed since', async () => {
    h.sim.advanceTo(closeOf(29) + 120_000);

    const summary = await h.invoke('run-2');

    expect(summary).toEqual({ series: 1, stored: 0, published: 0, stale: 0, failed: [] });
    expect(h.sent()).toHaveLength(1);
    expect(await h.store.window('LTC/BTC', '5m', SERIES_FROM, SERIES_TO)).toEqual(LTC_CANDLES.slice(10, 30));
    // Not even rewritten: the newest item still carries the first run's capture time.
    expect((await h.store.latestQuote('LTC/BTC', '5m'))?.capturedAt).toBe(closeOf(29) + 60_000);
  });

  it('queues exactly the one candle that closed when the clock moves on by one timeframe', async () => {
    h.sim.advanceTo(closeOf(30) + 60_000);

    const summary = await h.invoke('run-3');

    expect(summary).toEqual({ series: 1, stored: 1, published: 1, stale: 0, failed: [] });
    expect(decoded(h.sent())).toEqual([entryFor(candle(29).openTime), entryFor(candle(30).openTime)]);
    expect(await h.store.window('LTC/BTC', '5m', SERIES_FROM, SERIES_TO)).toEqual(LTC_CANDLES.slice(10, 31));
  });
});

describe('Function: capture, when one series fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCapture({ ...CONFIG, symbols: [{ symbol: 'DOGE/BTC', timeframe: '5m' }, ...CONFIG.symbols] });
  });
  afterAll(() => h.stop());

  it('captures the others, then fails the invocation naming the failed series', async () => {
    h.sim.advanceTo(closeOf(29) + 60_000);

    await expect(h.invoke('run-f')).rejects.toThrow(/^capture failed for DOGE\/BTC 5m \(/);

    expect(await h.store.window('LTC/BTC', '5m', SERIES_FROM, SERIES_TO)).toEqual(LTC_CANDLES.slice(10, 30));
    expect(decoded(h.sent())).toEqual([entryFor(candle(29).openTime)]);
    expect(h.logLines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'series not captured', symbol: 'DOGE/BTC', timeframe: '5m', correlationId: 'run-f' }));
  });
});

describe('Function: capture in paper mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCapture({ ...CONFIG, mode: 'paper' });
  });
  afterAll(() => h.stop());

  it('shows the paper venue the candles it stored, with the market the venue reports', async () => {
    // The paper venue has its own tests; here only what capture hands it.
    const advance = vi.spyOn(h.runtime.paperVenue(), 'advance').mockResolvedValue([]);
    h.sim.advanceTo(closeOf(29) + 60_000);

    await h.invoke('run-p');

    expect(advance.mock.calls).toEqual([['LTC/BTC', { ...LTC_MARKET, makerFeeRate: '0.001', maxCost: '9000000' }, LTC_CANDLES.slice(10, 30)]]);
    expect(decoded(h.sent())).toEqual([entryFor(candle(29).openTime)]);
  });
});

describe('Function: capture, its environment killed between storing candles and publishing them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCapture();
  });
  afterAll(() => h.stop());

  it('leaves the candles in the outbox, and the next run publishes them once, before the candle closed since', async () => {
    // Dies once the market table has taken the candles: nothing the run does after it happens.
    let dead = false;
    const storesCandles = (input: { RequestItems?: object }) => input.RequestItems !== undefined;
    h.runtime.dynamo.middlewareStack.add(
      (next) => async (args) => {
        if (dead) throw new ExecutionEnvironmentDied('capture', 'afterCandlesStored');
        const output = await next(args);
        if (storesCandles(args.input as { RequestItems?: object })) {
          dead = true;
          throw new ExecutionEnvironmentDied('capture', 'afterCandlesStored');
        }
        return output;
      },
      { step: 'initialize', name: 'killAfterStoring' },
    );
    h.sim.advanceTo(closeOf(29) + 60_000);
    await expect(h.invoke('run-dies')).rejects.toThrow(/capture died afterCandlesStored/);
    h.runtime.dynamo.middlewareStack.remove('killAfterStoring');

    expect(h.sent()).toEqual([]);
    expect(await h.store.window('LTC/BTC', '5m', SERIES_FROM, SERIES_TO)).toEqual(LTC_CANDLES.slice(10, 30));
    expect(await h.store.resumePoint('LTC/BTC', '5m')).toEqual({ openTime: candle(29).openTime, unpublished: [candle(29).openTime] });

    // A cold start, as Lambda gives after a death.
    const cold = createCaptureHandler(h.runtime);
    h.sim.advanceTo(closeOf(30) + 60_000);
    const summary = await cold(scheduledEvent('run-after', h.sim.now(), 'testbot-capture'), lambdaContext('req-run-after'));

    expect(summary).toEqual({ series: 1, stored: 1, published: 2, stale: 0, failed: [] });
    expect(decoded(h.sent())).toEqual([entryFor(candle(29).openTime), entryFor(candle(30).openTime)]);
    expect(await h.store.resumePoint('LTC/BTC', '5m')).toEqual({ openTime: candle(30).openTime, unpublished: [] });
    expect(h.logLines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'candles an earlier run stored but did not publish: publishing them', openTimes: [candle(29).openTime] }));

    h.sim.advanceTo(closeOf(30) + 120_000);
    await cold(scheduledEvent('run-quiet', h.sim.now(), 'testbot-capture'), lambdaContext('req-run-quiet'));
    expect(h.sent()).toHaveLength(2);
  });
});
