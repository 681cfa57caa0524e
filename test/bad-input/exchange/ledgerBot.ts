import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { TABLE_DEFINITIONS, TABLE_IDS, type TableId, type TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { createCaptureHandler } from '../../../lib/runtime/lambda/capture/createCaptureHandler.js';
import { createDecideHandler } from '../../../lib/runtime/lambda/decide/createDecideHandler.js';
import { type StepHandler, reconcileStepHandlers } from '../../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';
import type { LocalTables } from '../../support/dynamoDbLocalTables.js';
import { type FunctionHarness, fifoRecord, functionHarness, scheduledEvent } from '../../support/lambdaRuntimeFixture.js';
import { LTC_CANDLES, LTC_MARKET, candle, closeOf } from '../../integration/local/exchange-sim/simFixture.js';
import { everyCandleLtcConfig } from '../../support/everyCandleLtcConfig.js';
import { seedShadowBook } from '../support/seedLedger.js';

// Powertools would print every flushed metric blob on stdout.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

// These cases count the entry's own orders and the venue calls that settle it; resting stops on bad
// answers are covered beside their placement (test/integration/adapters/ccxt/restingStops.test.ts).
const CONFIG: BotConfigInput = { ...everyCandleLtcConfig('badbot'), execution: { stops: 'bot' } };
const context = { awsRequestId: 'req-bad-input' } as Context;

/** A function's harness whose venue is built on first use, logging through the function's own logger. */
function botHarness(sim: ExchangeSimulator, dynamo: LocalTables, tables: TableNames, sqs?: SQSClient): FunctionHarness {
  const clock = { now: () => sim.now() };
  const ccxt = () =>
    Promise.resolve(
      new CcxtExchange(
        { exchangeId: 'binance', retry: { maxAttempts: 2, baseDelayMs: 1 } },
        { client: connectCcxtBinance(sim, { timeoutMs: 5_000 }), clock, logger: harness.runtime.logger, timing: { sleep: () => Promise.resolve(), random: () => 0.5 }, secrets: [sim.apiKey, sim.secret] },
      ),
    );
  const harness = functionHarness(dynamo.client, tables, CONFIG, { ccxt, clock, ...(sqs ? { sqs } : {}) });
  return harness;
}

/** Every item of every table, in a stable order: equal snapshots mean nothing stored changed. */
export type TablesSnapshot = Readonly<Record<TableId, readonly Record<string, unknown>[]>>;

/**
 * A live bot on DynamoDB Local trading the simulator's LTC/BTC through the real ccxt binance
 * client, its gateway logging to the function's log as in Lambda and retrying without waits.
 * SSM answers from memory (functionHarness); capture's queue is a mocked SQS client.
 */
export class LedgerBot {
  private constructor(
    readonly sim: ExchangeSimulator,
    readonly tables: TableNames,
    readonly harness: FunctionHarness,
    private readonly dynamo: LocalTables,
  ) {}

  static async start(dynamo: LocalTables): Promise<LedgerBot> {
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '0' } });
    const tables = await dynamo.freshTables();
    const harness = botHarness(sim, dynamo, tables);
    // What capture leaves behind: the window of candles before the first decided one.
    await new DynamoDbCandleStore({ client: dynamo.client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(0, 10), closeOf(9));
    await seedShadowBook(dynamo.client, tables, closeOf(9));
    return new LedgerBot(sim, tables, harness, dynamo);
  }

  /** The capture function on its schedule, the venue's clock just past candle `index`'s close; returns what it queued. */
  async capture(index: number): Promise<{ readonly outcome: Promise<unknown>; readonly queued: SendMessageBatchRequestEntry[] }> {
    this.sim.advanceTo(Math.max(this.sim.now(), closeOf(index) + 1_000));
    const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const queued: SendMessageBatchRequestEntry[] = [];
    mockClient(sqs)
      .on(SendMessageBatchCommand)
      .callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => {
        queued.push(...input.Entries);
        return { Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: 'md5' })), Failed: [] };
      });
    const runtime = botHarness(this.sim, this.dynamo, this.tables, sqs).runtime;
    const outcome = createCaptureHandler(runtime)(scheduledEvent('capture-1', this.sim.now(), 'badbot-capture'), context);
    await outcome.catch(() => undefined);
    return { outcome, queued };
  }

  /** The decide function on the message for candle `index`, the venue's clock just past its close. */
  decide(index: number): Promise<SQSBatchResponse> {
    this.sim.advanceTo(Math.max(this.sim.now(), closeOf(index) + 1_000));
    const event = { Records: [fifoRecord({ symbol: 'LTC/BTC', timeframe: '5m', candle: candle(index) })] };
    return createDecideHandler(this.harness.runtime)(event, context);
  }

  /** The reconciliation state machine's ExchangeSnapshot task, as its Lambda runs it. */
  exchangeSnapshotStep(): StepHandler {
    return reconcileStepHandlers(this.harness.runtime).exchangeSnapshot;
  }

  async snapshot(): Promise<TablesSnapshot> {
    const scans = await Promise.all(
      TABLE_IDS.map(async (id) => {
        const page = await this.dynamo.client.send(new ScanCommand({ TableName: this.tables[id], ConsistentRead: true }));
        if (page.LastEvaluatedKey !== undefined) throw new Error(`table ${id} holds more than one scan page`);
        const { partitionKey, sortKey } = TABLE_DEFINITIONS[id];
        const keyOf = (item: Record<string, unknown>) => `${String(item[partitionKey.name])}\u0000${String(sortKey ? item[sortKey.name] : '')}`;
        return [id, (page.Items ?? []).sort((a, b) => keyOf(a).localeCompare(keyOf(b)))] as const;
      }),
    );
    return Object.fromEntries(scans) as unknown as TablesSnapshot;
  }

  /** The log lines whose message is `msg`. */
  logged(msg: string): Record<string, unknown>[] {
    return this.harness.logLines.filter((line) => line['msg'] === msg);
  }

  stop(): Promise<void> {
    return this.sim.stop();
  }
}
