import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbCallMeter } from '../../../../lib/adapters/dynamodb/DynamoDbCallMeter.js';
import { DynamoDbLedgerStore } from '../../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbTelemetryStore } from '../../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { BOT_STATE_KEY } from '../../../../lib/adapters/dynamodb/itemKeys.js';
import { createDynamoDbClient } from '../../../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { TradingConfigSchema } from '../../../../lib/domain/config.js';
import { DecisionAlreadyRecordedError } from '../../../../lib/domain/errors.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { createDynamoDbDecider } from '../../../../lib/runtime/decision/createDynamoDbDecider.js';
import createEveryCandleLong from '../../../fixtures/strategies/everyCandleLong.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { aMarket } from '../../../support/marketFixture.js';

const dynamo = useDynamoDbLocal();
const T0 = Date.UTC(2018, 0, 20, 5, 0);
const MINUTE = 60_000;
const candle = (i: number): Candle => ({ openTime: T0 + i * MINUTE, open: 0.1, high: 0.101, low: 0.0995, close: 0.1, volume: 10 });

async function aDecider() {
  const tables = await dynamo.freshTables();
  // A client of its own, so the counter sees this decider's calls only.
  const client = createDynamoDbClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const meter = new DynamoDbCallMeter(client);
  const clock = new ManualClock(T0);
  const exchange = new PaperExchange({ markets: [aMarket()], balances: { BTC: '1' }, slippagePct: 0 });
  const telemetry = new DynamoDbTelemetryStore({ client, tables, retentionDays: 30 });
  const ledger = new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: 30 });
  const makeDecider = () => createDynamoDbDecider({
    client,
    tables,
    exchange,
    killSwitch: new FixedKillSwitch('RUN'),
    clock,
    config: TradingConfigSchema.parse({ botId: 'test', risk: { maxOpenPlans: 1 }, execution: { stops: 'bot' } }),
    strategy: createEveryCandleLong({}),
    windowSize: 50,
    retentionDays: { telemetry: 30, market: 7 },
    logger: silentLogger,
  });
  const decider = makeDecider();
  const decide = async (i: number) => {
    clock.set(T0 + (i + 1) * MINUTE);
    exchange.onCandle('ETH/BTC', candle(i));
    return decider.decide('ETH/BTC', '1m', candle(i));
  };
  const redeliver = (i: number) => decider.decide('ETH/BTC', '1m', candle(i));
  /** Candle i decided `lateMs` after its close (a message held up in the queue, an outage). */
  const decideLate = async (i: number, lateMs: number) => {
    clock.set(T0 + (i + 1) * MINUTE + lateMs);
    exchange.onCandle('ETH/BTC', candle(i));
    return decider.decide('ETH/BTC', '1m', candle(i));
  };
  /** A new process's decider on the same tables and venue (an execution environment starting cold). */
  const coldProcess = () => {
    const cold = makeDecider();
    return (i: number) => cold.decide('ETH/BTC', '1m', candle(i));
  };
  return { tables, client, meter, exchange, ledger, telemetry, decide, decideLate, redeliver, coldProcess, orders: new DynamoDbOrderRepository(client, tables) };
}

describe('Class: CandleDecider (on DynamoDB Local)', () => {
  it('enters once, records intent, order, plan and decision, then costs one write per quiet candle', async () => {
    const bot = await aDecider();

    const first = await bot.decide(0);
    // A decision that sends orders first reads whether the candle already has its record.
    expect(bot.meter.take().calls).toEqual({ QueryCommand: 2, GetItemCommand: 1, TransactWriteItemsCommand: 2 });
    expect(first.kind).toBe('decided');
    const [order] = first.kind === 'decided' ? first.record.orders : [];
    expect(order?.outcome).toBe('acknowledged');

    const snapshot = await bot.ledger.load();
    expect(snapshot.state.ledgerVersion).toBe(1);
    expect(snapshot.livePlans.map((p) => [p.status, p.amount, p.entry])).toEqual([['entering', order?.amount, '0.1']]);
    const stored = await bot.orders.getOrder(order?.clientOrderId ?? '');
    expect(stored?.amount).toBe(order?.amount);
    expect((await bot.orders.getIntent(order?.clientOrderId ?? ''))?.planId).toBe(snapshot.livePlans[0]?.id);
    bot.meter.take();

    const second = await bot.decide(1);
    expect(bot.meter.take().calls).toEqual({ TransactWriteItemsCommand: 1 });
    expect(second.kind === 'decided' && second.record.verdicts.map((v) => v.rejection?.code)).toEqual(['stacking']);
    expect(await bot.telemetry.getDecision('ETH/BTC', '1m', T0 + MINUTE)).toMatchObject({ candleOpenTime: T0 + MINUTE, openPlans: 1 });
  });

  it('does nothing again for a redelivered candle: no second order, no second record', async () => {
    const bot = await aDecider();
    await bot.decide(0);
    const ordersBefore = await bot.exchange.fetchOpenOrders();
    bot.meter.take();
    const again = await bot.redeliver(0);
    // The warm process decided this candle already: it is not decided again, and costs no call.
    expect(again).toEqual({ kind: 'duplicate' });
    expect(bot.meter.take().calls).toEqual({});
    expect(await bot.exchange.fetchOpenOrders()).toEqual(ordersBefore);
    expect((await bot.ledger.load()).state.ledgerVersion).toBe(1);
  });

  it('skips with a recorded reason while reconciliation holds the bot, and sends nothing', async () => {
    const bot = await aDecider();
    await bot.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...BOT_STATE_KEY, status: 'RECONCILING', ledgerVersion: 0, updatedAt: T0 } }));
    const outcome = await bot.decide(0);
    expect(outcome.kind).toBe('skipped');
    expect(await bot.exchange.fetchOpenOrders()).toEqual([]);
    expect(await bot.telemetry.getDecision('ETH/BTC', '1m', T0)).toMatchObject({ skipped: 'bot is RECONCILING', orders: [] });
  });

  it('records a candle that closed more than 3 timeframes ago as skipped, stale, and trades nothing on it', async () => {
    const bot = await aDecider();
    const late = await bot.decideLate(0, 3 * MINUTE + 1);
    expect(late.kind).toBe('skipped');
    expect(await bot.exchange.fetchOpenOrders()).toEqual([]);
    const record = await bot.telemetry.getDecision('ETH/BTC', '1m', T0);
    expect(record).toMatchObject({ skipped: 'stale: the candle closed 180 s ago, more than 3 × 1m; not traded on', orders: [], verdicts: [] });
    expect((await bot.ledger.load()).state.ledgerVersion).toBe(0);
    // Exactly 3 timeframes late is still decided: the strategy enters.
    const onTime = await bot.decideLate(1, 3 * MINUTE);
    expect(onTime.kind === 'decided' && onTime.record.orders.length).toBe(1);
  });

  it('decides again on a fresh snapshot when another writer moved the ledger in between', async () => {
    const bot = await aDecider();
    await bot.decide(0);
    // Reconciliation ran and finished in between: the decider's cached snapshot is stale.
    await bot.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...BOT_STATE_KEY, status: 'ACTIVE', ledgerVersion: 5, updatedAt: T0 } }));
    bot.meter.take();
    const outcome = await bot.decide(1);
    expect(outcome.kind).toBe('decided');
    expect(bot.meter.take().calls).toEqual({ TransactWriteItemsCommand: 2, QueryCommand: 1 });
    expect(await bot.telemetry.getDecision('ETH/BTC', '1m', T0 + MINUTE)).toMatchObject({ openPlans: 1 });
  });

  it("keeps a series' watermark in the decision's commit, moved only by a decision that commits", async () => {
    const bot = await aDecider();

    await bot.decide(0);
    expect((await bot.ledger.load()).decidedUpTo?.get('ETH/BTC#1m')).toBe(T0);
    await bot.decide(1);
    expect((await bot.ledger.load()).decidedUpTo?.get('ETH/BTC#1m')).toBe(T0 + MINUTE);
    bot.meter.take();
    const quiet = await bot.decide(2);

    // A candle that changes nothing writes nothing, the watermark included.
    expect(quiet.kind).toBe('decided');
    expect(bot.meter.take().calls).toEqual({});
    expect((await bot.ledger.load()).decidedUpTo?.get('ETH/BTC#1m')).toBe(T0 + MINUTE);
  });

  it.each([0, 1])('does not decide redelivered candle %i again in a cold process: the watermark refuses it for the one load', async (old) => {
    const bot = await aDecider();
    await bot.decide(0);
    await bot.decide(1);
    const ordersBefore = await bot.exchange.fetchOpenOrders();
    const versionBefore = (await bot.ledger.load()).state.ledgerVersion;
    const decideCold = bot.coldProcess();
    bot.meter.take();

    const again = await decideCold(old);

    expect(again).toEqual({ kind: 'duplicate' });
    expect(bot.meter.take().calls).toEqual({ QueryCommand: 1 });
    expect(await bot.exchange.fetchOpenOrders()).toEqual(ordersBefore);
    expect((await bot.ledger.load()).state.ledgerVersion).toBe(versionBefore);
  });

  it('decides the next candle in a cold process as any other', async () => {
    const bot = await aDecider();
    await bot.decide(0);
    await bot.decide(1);
    const decideCold = bot.coldProcess();

    bot.exchange.onCandle('ETH/BTC', candle(2));
    const next = await decideCold(2);

    expect(next.kind).toBe('decided');
  });

  it('refuses, in the commit, a decision of a candle at or before the watermark another writer moved past', async () => {
    const bot = await aDecider();
    await bot.decide(0);
    const decided = await bot.decide(1);
    if (decided.kind !== 'decided') throw new Error('candle 1 was not decided');
    const snapshot = await bot.ledger.load();

    const commit = bot.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now: T0 + 10 * MINUTE,
      plans: [],
      orders: [],
      fills: [],
      // Another candle's record (so the record's own condition holds), older than the watermark.
      decision: { ...decided.record, candleOpenTime: T0 - MINUTE },
    });

    await expect(commit).rejects.toThrow(DecisionAlreadyRecordedError);
    expect((await bot.ledger.load()).decidedUpTo?.get('ETH/BTC#1m')).toBe(T0 + MINUTE);
  });
});
