// What one minute of the deployed bot costs, measured: the real capture, decide and heartbeat
// handlers (as built by functions/*.ts) on DynamoDB Local and a real ccxt binance client on the
// exchange simulator replaying real 1-minute candles. DynamoDB capacity units are the ones
// DynamoDB Local reports (ReturnConsumedCapacity), log bytes are the JSON lines the functions
// write, metrics are the EMF documents Powertools prints. Prints one JSON line.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { CcxtExchange } from '../../lib/adapters/ccxt/CcxtExchange.js';
import { createDynamoDbClient } from '../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { DynamoDbCallMeter } from '../../lib/adapters/dynamodb/DynamoDbCallMeter.js';
import { tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { BotConfigInput } from '../../lib/domain/botConfig.js';
import type { DecisionMessage } from '../../lib/domain/decisionMessage.js';
import { createBotTables } from '../../lib/local/createBotTables.js';
import { DynamoDbLocal } from '../../lib/local/DynamoDbLocal.js';
import { connectCcxtBinance, startExchangeSimulator } from '../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../lib/ports/Logger.js';
import { inferMarket } from '../../lib/runtime/backtest/inferMarket.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { createCaptureHandler } from '../../lib/runtime/lambda/capture/createCaptureHandler.js';
import { createDecideHandler } from '../../lib/runtime/lambda/decide/createDecideHandler.js';
import { createHeartbeatHandler } from '../../lib/runtime/lambda/heartbeat/createHeartbeatHandler.js';
import { fifoRecord, functionHarness, scheduledEvent } from '../../test/support/lambdaRuntimeFixture.js';

const MINUTES = Number(process.argv[2] ?? '90');
const FILES = ['ETH_BTC-1m.json', 'ADA_BTC-1m.json', 'XLM_BTC-1m.json'].map((f) => `../shared/data/candles/${f}`);
const MINUTE = 60_000;

const sources = await Promise.all(FILES.map((file) => loadCandleFile(file)));
// A stretch where every series has candles, a day in, so the windows are full.
const start = Math.max(...sources.map((s) => s.candles[0]!.openTime)) + 24 * 60 * MINUTE;
const series = sources.map((s) => ({ symbol: s.symbol, timeframe: '1m' as const, candles: s.candles.filter((c) => c.openTime >= start - 100 * MINUTE && c.openTime <= start + (MINUTES + 5) * MINUTE) }));
const markets = sources.map((s) => inferMarket(s.symbol, s.candles, '0.001'));

const config: BotConfigInput = {
  botId: 'costbench',
  exchange: { id: 'binance' },
  mode: 'live',
  symbols: series.map(({ symbol }) => ({ symbol, timeframe: '1m' })),
  // A short EMA cross trades often enough in 90 minutes to price trading decisions too.
  strategy: { name: 'ema-crossover', params: { fastPeriod: 3, slowPeriod: 8 } },
  risk: { maxOpenPlans: 3, riskPerTradePct: 0.01, maxSymbolExposurePct: 0.3, maxTotalExposurePct: 0.9, minRewardToRisk: 1 },
  windowSize: 50,
};

const local = await DynamoDbLocal.start();
const sim = await startExchangeSimulator({ series, markets, balances: { BTC: '1' } });
const stdoutWrite = process.stdout.write.bind(process.stdout);
try {
  const tables = tableNamesWithPrefix('cost');
  await createBotTables(local.client(), tables);
  sim.advanceTo(start);
  const ccxt = () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(sim, { timeoutMs: 5_000 }), clock: { now: () => sim.now() }, logger: silentLogger, secrets: [sim.apiKey, sim.secret] }));
  const clock = { now: () => sim.now() };
  const sqsMock = mockClient(SQSClient);
  let sent: DecisionMessage[] = [];
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => {
    sent.push(...input.Entries.map((e) => JSON.parse(e.MessageBody ?? '{}') as DecisionMessage));
    return { Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: 'x' })), Failed: [] };
  });

  const fn = (name: string, extra: object = {}) => {
    const client = createDynamoDbClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const meter = new DynamoDbCallMeter(client, { capacity: true });
    const harness = functionHarness(client, tables, config, { ccxt, clock, ...extra });
    return { name, meter, harness, runs: [] as { ms: number; readUnits: number; writeUnits: number; logBytes: number; trading: boolean }[] };
  };
  const capture = fn('capture', { sqs: new SQSClient({ region: 'us-east-1' }) });
  const decide = fn('decide');
  const heartbeat = fn('heartbeat');
  const captureHandler = createCaptureHandler(capture.harness.runtime);
  const decideHandler = createDecideHandler(decide.harness.runtime);
  const heartbeatHandler = createHeartbeatHandler(heartbeat.harness.runtime);

  // EMF documents go to stdout: keep them (metric name → the simulated hours it had data in).
  const metricHours = new Map<string, Set<number>>();
  let emfBytes = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    if (!text.includes('"_aws"')) return stdoutWrite(chunk, ...(rest as []));
    for (const line of text.split('\n').filter((l) => l.includes('"_aws"'))) {
      emfBytes += line.length + 1;
      const doc = JSON.parse(line) as { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } };
      for (const m of doc._aws.CloudWatchMetrics.flatMap((d) => d.Metrics)) {
        const hours = metricHours.get(m.Name) ?? new Set<number>();
        hours.add(Math.floor(sim.now() / 3_600_000));
        metricHours.set(m.Name, hours);
      }
    }
    return true;
  });

  const measure = async (f: ReturnType<typeof fn>, call: () => Promise<unknown>) => {
    f.meter.take();
    const linesBefore = f.harness.logLines.length;
    const emfBefore = emfBytes;
    const started = performance.now();
    await call();
    const ms = performance.now() - started;
    const { readUnits, writeUnits } = f.meter.take();
    const lines = f.harness.logLines.slice(linesBefore);
    const logBytes = lines.reduce((sum, l) => sum + JSON.stringify(l).length + 1, 0) + (emfBytes - emfBefore);
    if (process.env.COST_DEBUG) for (const l of lines) if (l.level === "error" || l.level === "warn") stdoutWrite(`${JSON.stringify(l).slice(0, 400)}\n`);
    const trading = lines.some((l) => l.msg === 'order' || l.msg === 'order settled');
    f.runs.push({ ms, readUnits, writeUnits, logBytes, trading });
  };
  const context = (id: string) => ({ awsRequestId: id }) as Context;

  for (let minute = 0; minute < MINUTES; minute++) {
    sim.advanceTo(start + minute * MINUTE + 2_000);
    sent = [];
    await measure(capture, () => captureHandler(scheduledEvent(`cap-${minute}`, sim.now(), 'costbench-capture'), context(`cap-${minute}`)));
    for (const message of sent) await measure(decide, () => decideHandler({ Records: [fifoRecord(message)] }, context(`dec-${minute}`)));
    if (minute % 5 === 0) await measure(heartbeat, () => heartbeatHandler(scheduledEvent(`hb-${minute}`, sim.now(), 'costbench-heartbeat'), context(`hb-${minute}`)));
  }
  process.stdout.write = stdoutWrite;

  const summary = (runs: ReturnType<typeof fn>['runs']) => {
    const n = runs.length || 1;
    const mean = (pick: (r: (typeof runs)[number]) => number) => Number((runs.reduce((s, r) => s + pick(r), 0) / n).toFixed(3));
    return { count: runs.length, ms: mean((r) => r.ms), readUnits: mean((r) => r.readUnits), writeUnits: mean((r) => r.writeUnits), logBytes: mean((r) => r.logBytes) };
  };
  // The first runs warm up (history reads, cold snapshot): priced from the steady state.
  const steady = (f: ReturnType<typeof fn>, skip: number) => f.runs.slice(skip);
  const decisions = steady(decide, 2 * series.length);
  const simulatedHours = MINUTES / 60;
  stdoutWrite(
    `${JSON.stringify({
      minutes: MINUTES,
      symbols: series.length,
      capture: summary(steady(capture, 2)),
      heartbeat: summary(steady(heartbeat, 1)),
      decideQuiet: summary(decisions.filter((r) => !r.trading)),
      decideTrading: summary(decisions.filter((r) => r.trading)),
      tradingShare: Number((decisions.filter((r) => r.trading).length / (decisions.length || 1)).toFixed(4)),
      metrics: Object.fromEntries([...metricHours].map(([name, hours]) => [name, Number(Math.min(1, hours.size / Math.max(1, Math.ceil(simulatedHours))).toFixed(3))])),
    })}\n`,
  );
} finally {
  process.stdout.write = stdoutWrite;
  await sim.stop();
  await local.stop();
}
