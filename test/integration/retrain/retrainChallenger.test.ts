import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runtimeConfigParameterName } from '../../../cdk/parameterNames.js';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbShadowStore } from '../../../lib/adapters/dynamodb/DynamoDbShadowStore.js';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { timeframeMs } from '../../../lib/domain/candle.js';
import { RuntimeConfigSchema } from '../../../lib/domain/runtimeConfig.js';
import { LocalParameterStore } from '../../../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../../../lib/local/aws/localSsmClient.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { createDecideHandler } from '../../../lib/runtime/lambda/decide/createDecideHandler.js';
import { LAMBDA_ENV } from '../../../lib/runtime/lambda/env.js';
import { LambdaRuntime } from '../../../lib/runtime/lambda/LambdaRuntime.js';
import { createRetrainHandler } from '../../../lib/runtime/lambda/retrain/createRetrainHandler.js';
import { CHALLENGER_SHADOW_ID } from '../../../lib/runtime/retrain/challengerShadow.js';
import { DEFAULT_CHECKPOINT } from '../../../lib/strategy/model/loadCheckpoint.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { LoopbackS3Server } from '../../support/LoopbackS3Server.js';
import { fifoRecord, lambdaEnvironment } from '../../support/lambdaRuntimeFixture.js';
import { readSharedCandles } from '../../support/sharedCandles.js';
import { LTC_MARKET } from '../local/exchange-sim/simFixture.js';

const dynamo = useDynamoDbLocal();
const BUCKET = 'retrain-checkpoints';
/** The server checks every request's SigV4 signature against these (the retrain function's S3 client and decide's signed GET alike). */
const S3_KEYS = { accessKeyId: 'AKIDRETRAINTEST', secretAccessKey: 'retrain-test-secret' };
const S3_REGION = 'eu-west-1';
const STEP = timeframeMs('5m');
/** 3.5 days of real LTC/BTC 5m candles (January 2018): enough labels for the trainer, a second of DynamoDB Local writes. */
const CANDLES = readSharedCandles('LTC_BTC-5m.json').slice(0, 1000);
const LAST = CANDLES.length - 1;
const closeOf = (index: number) => CANDLES[index]!.openTime + STEP;
const context = { awsRequestId: 'req-retrain' } as Context;

/** The live strategy is the shipped model; minPWin 0 so the challenger (which inherits the live params) proposes on the decided candle. */
const CONFIG: BotConfigInput = {
  botId: 'rtbot',
  exchange: { id: 'binance' },
  mode: 'live',
  symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }],
  strategy: { name: 'model', params: { minPWin: 0.99, maxCheckpointAgeDays: 3650 } },
  windowSize: 40,
  shadowBalances: { BTC: '1' },
  retrain: { windowDays: 5, minLabels: 500, maxValidationBrier: 0.2 },
};

let s3: LoopbackS3Server;
let sim: ExchangeSimulator | undefined;
beforeAll(async () => {
  s3 = await LoopbackS3Server.start([BUCKET], { credentials: S3_KEYS, region: S3_REGION });
});
afterAll(() => s3.stop());
afterEach(async () => sim?.stop());

async function aBot(config: BotConfigInput, runtimeConfig: object) {
  const venue = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' } });
  sim = venue;
  venue.advanceTo(closeOf(LAST) + 1_000);
  const tables = await dynamo.freshTables();
  await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', CANDLES, closeOf(LAST));
  const parameters = await LocalParameterStore.create(join(mkdtempSync(join(tmpdir(), 'retrain-')), 'parameters.json'), { [runtimeConfigParameterName('rtbot')]: JSON.stringify(runtimeConfig) });
  const logLines: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const runtime = (checkpointCacheDir = mkdtempSync(join(tmpdir(), 'checkpoint-cache-'))) =>
    new LambdaRuntime(
      { ...lambdaEnvironment(tables, config), [LAMBDA_ENV.CHECKPOINT_BUCKET]: BUCKET },
      {
        dynamo: dynamo.client,
        ssm: localSsmClient(parameters),
        s3: { endpoint: s3.endpoint, region: S3_REGION, credentials: S3_KEYS },
        checkpointCacheDir,
        clock: { now: () => venue.now() },
        ccxt: () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(venue, { timeoutMs: 5_000 }), clock: { now: () => venue.now() }, logger: silentLogger, secrets: [venue.apiKey, venue.secret] })),
        logDestination,
      },
    );
  const storedRuntimeConfig = async () => RuntimeConfigSchema.parse(JSON.parse((await parameters.get(runtimeConfigParameterName('rtbot')))!.value));
  return { tables, runtime, logLines, storedRuntimeConfig, shadows: new DynamoDbShadowStore({ client: dynamo.client, tableName: tables.shadow, retentionDays: 90 }) };
}

describe('Retrain: captured candles → challenger checkpoint in S3 → shadow "challenger" in the runtime config → decide records it', () => {
  it('trains on the candle store, writes model.onnx and its card under the window end, adds the challenger and leaves the live strategy alone', async () => {
    const live = { risk: (await import('../../../lib/domain/botConfig.js')).BotConfigSchema.parse(CONFIG).risk, strategy: { name: 'model', params: { minPWin: 0, maxCheckpointAgeDays: 3650 }, checkpoint: DEFAULT_CHECKPOINT } };
    const bot = await aBot(CONFIG, live);
    const retrain = createRetrainHandler(bot.runtime());

    const summary = await retrain({ id: 'schedule-1' }, context);

    expect(summary, JSON.stringify(summary)).toMatchObject({ kind: 'challenger' });
    if (summary.kind !== 'challenger') throw new Error(summary.reason);
    const { checkpoint } = summary;
    // The training window ends where the last training label resolved, the key is that time.
    expect(checkpoint).toMatch(/^s3:\/\/retrain-checkpoints\/challengers\/2018\d{4}T\d{6}Z\/model\.onnx$/);
    const key = checkpoint.slice(`s3://${BUCKET}/`.length);
    expect(s3.keys(BUCKET).sort()).toEqual([key.replace('model.onnx', 'model-card.json'), key]);
    expect(summary.validation.brier).toBeLessThanOrEqual(0.2);
    const stored = await bot.storedRuntimeConfig();
    expect(stored.strategy).toEqual(live.strategy);
    expect(stored.risk).toEqual(live.risk);
    expect(stored.shadow).toEqual([{ id: CHALLENGER_SHADOW_ID, strategy: 'model', params: live.strategy.params, checkpoint }]);

    // Again over the same candles: the same key and the same one challenger entry (idempotent).
    expect(await retrain({ id: 'schedule-2' }, context)).toMatchObject({ kind: 'challenger', checkpoint });
    expect(s3.keys(BUCKET)).toHaveLength(2);
    expect((await bot.storedRuntimeConfig()).shadow).toHaveLength(1);

    // decide (a fresh runtime, an empty /tmp cache) loads the challenger by signed GETs and runs it as a shadow.
    const requestsBefore = s3.requests.length;
    const decide = createDecideHandler(bot.runtime());
    expect(await decide({ Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: CANDLES[LAST]! })] }, context)).toEqual({ batchItemFailures: [] });
    // Once each, model and card: the runtime-config check and the decider share the cache. The server verified each signature.
    const gets = s3.requests.slice(requestsBefore);
    expect(gets.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`GET /${BUCKET}/${key.replace('model.onnx', 'model-card.json')}`, `GET /${BUCKET}/${key}`]);
    for (const get of gets) expect(get.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${S3_KEYS.accessKeyId}/\\d{8}/${S3_REGION}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$`));

    const books = await bot.shadows.loadBooks();
    const book = books.get(CHALLENGER_SHADOW_ID);
    expect(book?.ledger.livePlans).toHaveLength(1);
    expect(book?.ledger.livePlans[0]).toMatchObject({ symbol: 'LTC/BTC', strategy: 'model', candleOpenTime: CANDLES[LAST]!.openTime });
    expect(book?.ledger.livePlans[0]?.pWin).toBeGreaterThan(0);
  });

  it('writes nothing and says why when the validation is worse than the floor', async () => {
    const config = { ...CONFIG, retrain: { windowDays: 5, minLabels: 500, maxValidationBrier: 0.01 } };
    const live = { risk: (await import('../../../lib/domain/botConfig.js')).BotConfigSchema.parse(config).risk, strategy: { name: 'ema-crossover', params: {} } };
    const bot = await aBot(config, live);
    const before = s3.keys(BUCKET).length;

    const summary = await createRetrainHandler(bot.runtime())({}, context);

    if (summary.kind !== 'refused') throw new Error('a challenger was written');
    expect(summary.reason).toMatch(/^validation Brier 0\.\d{4} is above retrain\.maxValidationBrier 0\.01$/);
    expect(s3.keys(BUCKET)).toHaveLength(before);
    expect(await bot.storedRuntimeConfig()).toEqual(live);
    expect(bot.logLines.find((l) => l.msg === `retrain: no challenger: ${summary.reason}`)).toBeDefined();
  });

  it('writes nothing when the window holds too few labels', async () => {
    const config = { ...CONFIG, retrain: { windowDays: 1, minLabels: 500, maxValidationBrier: 0.2 } };
    const live = { risk: (await import('../../../lib/domain/botConfig.js')).BotConfigSchema.parse(config).risk, strategy: { name: 'ema-crossover', params: {} } };
    const bot = await aBot(config, live);

    const summary = await createRetrainHandler(bot.runtime())({}, context);

    // The closed candles of the last day (the data has gaps), fewer labelled samples than minLabels.
    const now = closeOf(LAST) + 1_000;
    const inWindow = CANDLES.filter((c) => c.openTime >= now - 86_400_000 && c.openTime + STEP <= now).length;
    expect(summary).toMatchObject({ kind: 'refused', candles: inWindow });
    expect(summary.kind === 'refused' && summary.reason).toMatch(/^only \d+ labelled samples; retrain\.minLabels is 500$/);
    expect(await bot.storedRuntimeConfig()).toEqual(live);
  });
});
