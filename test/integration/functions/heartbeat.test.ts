import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbOrderRepository } from '../../../lib/adapters/dynamodb/DynamoDbOrderRepository.js';
import { DynamoDbTelemetryStore } from '../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { DynamoDbVenueHoldStore } from '../../../lib/adapters/dynamodb/DynamoDbVenueHoldStore.js';
import { BOT_STATE_KEY, livePlanKey } from '../../../lib/adapters/dynamodb/itemKeys.js';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { deriveClientOrderId } from '../../../lib/domain/clientOrderId.js';
import type { Plan } from '../../../lib/domain/plan.js';
import { ExecutionEnvironmentDied } from '../../../lib/local/runtime/ExecutionEnvironmentDied.js';
import { createHeartbeatHandler } from '../../../lib/runtime/lambda/heartbeat/createHeartbeatHandler.js';
import { driftExecutionName } from '../../../lib/runtime/lambda/reconcile/executionNames.js';
import type { LambdaRuntime } from '../../../lib/runtime/lambda/LambdaRuntime.js';
import { type GatewayHarness, ltcIntent, startGateway } from '../adapters/ccxt/ccxtSimFixture.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { aPlan } from '../../support/planFixture.js';
import { BOT_ID, RECONCILE_ARN, aRuntime, holdKillSwitch, killSwitchEvent, lambdaContext, liveBotConfig, scheduledEvent, sfnMock, ssmMock } from './botFunctionHarness.js';

const dynamo = useDynamoDbLocal();
const FIVE_MINUTES = 300_000;

interface Bot {
  readonly tables: TableNames;
  readonly venue: GatewayHarness;
  readonly runtime: LambdaRuntime;
  readonly telemetry: DynamoDbTelemetryStore;
  readonly ledger: DynamoDbLedgerStore;
  readonly orders: DynamoDbOrderRepository;
  readonly handler: ReturnType<typeof createHeartbeatHandler>;
  readonly gauges: () => Record<string, number>;
  now(): number;
}

let running: GatewayHarness | undefined;

/** The simulator (BTC 1, LTC 10) as the live venue, the bot's tables on DynamoDB Local, SSM and Step Functions mocked. */
async function aBot(options: { reconcile?: boolean; venueDown?: boolean } = {}): Promise<Bot> {
  const tables = await dynamo.freshTables();
  const venue = (running = await startGateway());
  const config = liveBotConfig();
  const runtime = aRuntime(
    tables,
    config,
    {
      dynamo: dynamo.client,
      clock: { now: () => venue.sim.now() },
      ccxt: () => (options.venueDown ? Promise.reject(new Error('secret unreadable')) : Promise.resolve(venue.gateway)),
    },
    options.reconcile ?? true,
  );
  const gauge = vi.spyOn(runtime.metrics, 'gauge');
  const client = dynamo.client;
  return {
    tables,
    venue,
    runtime,
    telemetry: new DynamoDbTelemetryStore({ client, tables, retentionDays: 30 }),
    ledger: new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: 30 }),
    orders: new DynamoDbOrderRepository(client, tables),
    handler: createHeartbeatHandler(runtime),
    gauges: () => Object.fromEntries(gauge.mock.calls.map(([name, value]) => [name, value])),
    now: () => venue.sim.now(),
  };
}

/** A candle of the shortest series, stored by capture just now with the ticker's last price. */
async function captured(bot: Bot, last: string): Promise<void> {
  const store = new DynamoDbCandleStore({ client: dynamo.client, tables: bot.tables, retentionDays: 14 });
  const openTime = bot.now() - FIVE_MINUTES;
  await store.put('LTC/BTC', '5m', [{ openTime, open: 0.0169, high: 0.0172, low: 0.0168, close: 0.0171, volume: 10 }], bot.now(), { quote: { last, bid: '0.0171', ask: '0.01713' } });
}

async function withLivePlan(bot: Bot, plan: Plan, ledgerVersion = 1): Promise<void> {
  await dynamo.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...BOT_STATE_KEY, status: 'ACTIVE', ledgerVersion, updatedAt: plan.updatedAt } }));
  await dynamo.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...livePlanKey(plan.id), ...plan } }));
}

async function actions(bot: Bot): Promise<Record<string, unknown>[]> {
  const page = await dynamo.client.send(new QueryCommand({ TableName: bot.tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ACTION' } }));
  return page.Items ?? [];
}

describe('Function: heartbeat (DynamoDB Local, exchange simulator)', () => {
  beforeEach(() => {
    ssmMock.reset();
    sfnMock.reset();
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${RECONCILE_ARN}:x`, startDate: new Date(0) });
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('writes the equity snapshot with the exact equity and emits the heartbeat metrics', async () => {
    const bot = await aBot();
    holdKillSwitch('RUN');
    await captured(bot, '0.01712345');

    const result = await bot.handler(scheduledEvent('sched-1', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'heartbeat', equity: '1.1712345', openPlans: 0, unprotected: [], drift: 'none' });
    // 1 BTC + 10 LTC × 0.01712345 (the ticker's last price stored with the newest candle).
    expect(await bot.telemetry.latestEquitySnapshot()).toEqual({ time: bot.now(), quoteCurrency: 'BTC', equity: '1.1712345', balances: { BTC: '1', LTC: '10' }, openPlans: 0 });
    expect(await bot.telemetry.latestHeartbeat()).toMatchObject({
      time: bot.now(),
      botStatus: 'ACTIVE',
      killSwitch: 'RUN',
      venue: { ok: true },
      series: [{ symbol: 'LTC/BTC', timeframe: '5m', lastOpenTime: bot.now() - FIVE_MINUTES, captureAgeMs: 0, fresh: true }],
      prices: { 'LTC/BTC': { price: '0.01712345', source: 'stored' } },
      drift: { kind: 'none' },
    });
    expect(bot.gauges()).toEqual({ Equity: 1.1712345, Exposure: 0, OpenPlans: 0, UnprotectedPositions: 0 });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('starts reconciliation once, named for the window, when the venue holds an order of ours the ledger lacks', async () => {
    const bot = await aBot();
    holdKillSwitch('RUN');
    await captured(bot, '0.0171');
    const stray = await bot.venue.gateway.createOrder(ltcIntent({ clientOrderId: `${BOT_ID}-stray-e0`, side: 'buy', type: 'limit', amount: '1', price: '0.016' }));
    if (stray.kind !== 'acknowledged') throw new Error(`the stray order was not placed: ${stray.kind}`);

    const result = await bot.handler(scheduledEvent('sched-2', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'heartbeat', drift: 'found', reconciliation: 'started' });
    const calls = sfnMock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.stateMachineArn).toBe(RECONCILE_ARN);
    expect(calls[0]?.name).toBe(driftExecutionName(BOT_ID, bot.now(), 15 * 60_000));
    expect(JSON.parse(calls[0]?.input ?? '{}')).toEqual({
      reason: 'drift',
      detectedAt: bot.now(),
      drift: {
        unknownOrders: [{ symbol: 'LTC/BTC', clientOrderId: `${BOT_ID}-stray-e0`, exchangeOrderId: stray.order.exchangeOrderId }],
        finalButOpen: [],
        missingAtVenue: [],
        balanceShort: [],
      },
    });
    expect(bot.venue.sim.orders().map((o) => o.status)).toEqual(['NEW']);
  });

  it('reports an unreadable venue as unhealthy without calling it drift: no snapshot, no reconciliation', async () => {
    const bot = await aBot({ venueDown: true });
    holdKillSwitch('RUN');
    await captured(bot, '0.0171');

    const result = await bot.handler(scheduledEvent('sched-3', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'heartbeat', drift: 'notChecked' });
    expect(result).not.toHaveProperty('equity');
    expect(await bot.telemetry.latestEquitySnapshot()).toBeUndefined();
    expect(await bot.telemetry.latestHeartbeat()).toMatchObject({ venue: { ok: false, reason: 'Error: secret unreadable' } });
    expect(bot.gauges()).toEqual({ Exposure: 0, OpenPlans: 0, UnprotectedPositions: 0 });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('while HALTED: TradingStopped is 2, a held position counts as unprotected, and drift starts no reconciliation', async () => {
    const bot = await aBot();
    holdKillSwitch('RUN');
    await captured(bot, '0.0171');
    const plan = aPlan({ id: `${BOT_ID}-plan0003`, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', entry: '0.017', stop: '0.016', target: '0.019', activeStop: '0.016', filledAmount: '2', avgEntryPrice: '0.017' });
    await withLivePlan(bot, plan);
    await dynamo.client.send(new PutCommand({ TableName: bot.tables.state, Item: { ...BOT_STATE_KEY, status: 'HALTED', ledgerVersion: 2, updatedAt: bot.now(), reason: 'reconciliation failed' } }));
    await bot.venue.gateway.createOrder(ltcIntent({ clientOrderId: `${BOT_ID}-stray-e1`, side: 'buy', type: 'limit', amount: '1', price: '0.016' }));

    const result = await bot.handler(scheduledEvent('sched-4', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'heartbeat', openPlans: 1, unprotected: [plan.id], drift: 'found', reconciliation: 'skipped' });
    // 1 BTC + 10 LTC × 0.0171; the plan's 2 LTC are worth 0.0342 at that price.
    expect(bot.gauges()).toEqual({ Equity: 1.171, Exposure: 0.0342, OpenPlans: 1, UnprotectedPositions: 1, TradingStopped: 2 });
    expect(await bot.telemetry.latestHeartbeat()).toMatchObject({ botStatus: 'HALTED', botReason: 'reconciliation failed', exposure: { bySymbol: { 'LTC/BTC': '0.0342' }, total: '0.0342' } });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('on FLATTEN sells exactly the held amount at market, records the intent, moves the plan to exiting', async () => {
    const bot = await aBot();
    holdKillSwitch('FLATTEN');
    const plan = aPlan({ id: `${BOT_ID}-plan0001`, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', entry: '0.017', stop: '0.016', target: '0.019', activeStop: '0.016', amount: '2.5', filledAmount: '2.5', avgEntryPrice: '0.017', highWatermark: '0.017' });
    await withLivePlan(bot, plan);
    const count = vi.spyOn(bot.runtime.metrics, 'count');
    const clientOrderId = deriveClientOrderId(BOT_ID, plan.id, 'exit', 0);

    const result = await bot.handler(killSwitchEvent('ks-1', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'flatten', report: { outcome: 'flattened', plans: [{ planId: plan.id, from: 'open', to: 'exiting' }] } });
    expect(bot.venue.sim.orders().map((o) => [o.clientOrderId, o.side, o.type, o.origQty, o.executedQty, o.status])).toEqual([[clientOrderId, 'SELL', 'MARKET', '2.5', '2.5', 'FILLED']]);
    expect(bot.venue.sim.balances().LTC).toEqual({ free: '7.5', locked: '0' });
    expect(await bot.orders.getIntent(clientOrderId)).toMatchObject({ planId: plan.id, leg: 'exit', side: 'sell', type: 'market', amount: '2.5' });
    expect(await bot.orders.getOrder(clientOrderId)).toMatchObject({ status: 'closed', filled: '2.5' });
    const snapshot = await bot.ledger.load();
    expect(snapshot.state.ledgerVersion).toBe(2);
    expect(snapshot.livePlans.map((p) => [p.id, p.status, p.exitReason, p.version])).toEqual([[plan.id, 'exiting', 'flatten', plan.version + 1]]);
    expect(await actions(bot)).toMatchObject([{ action: 'flatten', trigger: 'killSwitchChanged', eventId: 'ks-1', state: 'FLATTEN', outcome: 'flattened' }]);
    expect(count).toHaveBeenCalledWith('Orders', 1);
  });

  it('on FLATTEN cancels a resting exit order first, then sells the whole position at market under the next attempt', async () => {
    const bot = await aBot();
    holdKillSwitch('FLATTEN');
    const plan = aPlan({ id: `${BOT_ID}-plan0004`, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', status: 'exiting', exitReason: 'target', entry: '0.017', stop: '0.016', target: '0.019', activeStop: '0.016', amount: '2.5', filledAmount: '2.5', avgEntryPrice: '0.017', createdAt: bot.now() - 3_600_000 });
    await withLivePlan(bot, plan);
    const target = ltcIntent({ clientOrderId: deriveClientOrderId(BOT_ID, plan.id, 'exit', 0), botId: BOT_ID, planId: plan.id, leg: 'exit', side: 'sell', type: 'limit', amount: '2.5', price: '0.019', createdAt: bot.now() - 60_000 });
    await bot.orders.insertIntent(target);
    const resting = await bot.venue.gateway.createOrder(target);
    if (resting.kind !== 'acknowledged') throw new Error(`the target order was not placed: ${resting.kind}`);
    await bot.orders.recordOrder(resting.order);
    const flatten = deriveClientOrderId(BOT_ID, plan.id, 'exit', 1);

    const result = await bot.handler(killSwitchEvent('ks-5', bot.now()), lambdaContext);

    expect(result).toMatchObject({ kind: 'flatten', report: { outcome: 'flattened', plans: [{ planId: plan.id, from: 'exiting', to: 'exiting' }] } });
    expect(bot.venue.sim.orders().map((o) => [o.clientOrderId, o.type, o.origQty, o.status])).toEqual([
      [target.clientOrderId, 'LIMIT', '2.5', 'CANCELED'],
      [flatten, 'MARKET', '2.5', 'FILLED'],
    ]);
    expect(await bot.orders.getOrder(target.clientOrderId)).toMatchObject({ status: 'canceled', filled: '0' });
    expect(await bot.orders.getOrder(flatten)).toMatchObject({ status: 'closed', filled: '2.5' });
    const [after] = (await bot.ledger.load()).livePlans;
    expect([after?.status, after?.exitReason, after?.exitAttempt, after?.filledAmount]).toEqual(['exiting', 'flatten', 1, '2.5']);
  });

  it('dies in the middle of FLATTEN, its exit sold and not recorded; the next heartbeat finishes the flatten with no second exit', async () => {
    const bot = await aBot();
    holdKillSwitch('FLATTEN');
    const plan = aPlan({ id: `${BOT_ID}-plan0009`, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', entry: '0.017', stop: '0.016', target: '0.019', activeStop: '0.016', amount: '2.5', filledAmount: '2.5', avgEntryPrice: '0.017', highWatermark: '0.017' });
    await withLivePlan(bot, plan);
    const exitId = deriveClientOrderId(BOT_ID, plan.id, 'exit', 0);
    // The environment dies as the flatten's ledger commit starts: the intent is written and the exit sold, nothing after runs.
    let dead = false;
    const isCommit = (input: { TransactItems?: { Put?: { TableName?: string } }[] }) => input.TransactItems !== undefined && !input.TransactItems.some((item) => item.Put?.TableName === bot.tables.orders);
    dynamo.client.middlewareStack.add(
      (next) => (args) => {
        if (dead || isCommit(args.input as never)) {
          dead = true;
          throw new ExecutionEnvironmentDied('heartbeat', 'beforeLedgerWrite');
        }
        return next(args);
      },
      { step: 'initialize', name: 'killMidFlatten' },
    );
    try {
      await expect(bot.handler(killSwitchEvent('ks-9', bot.now()), lambdaContext)).rejects.toBeInstanceOf(ExecutionEnvironmentDied);
    } finally {
      dynamo.client.middlewareStack.remove('killMidFlatten');
    }
    expect(bot.venue.sim.orders().map((o) => [o.clientOrderId, o.side, o.status])).toEqual([[exitId, 'SELL', 'FILLED']]);
    expect(await bot.orders.getOrder(exitId)).toBeUndefined();
    expect((await bot.ledger.load()).livePlans.map((p) => [p.status, p.version])).toEqual([['open', plan.version]]);

    // The next scheduled heartbeat, in a new environment, while the switch still reads FLATTEN.
    const next = createHeartbeatHandler(bot.runtime);
    const result = await next(scheduledEvent('hb-after', bot.now() + FIVE_MINUTES), lambdaContext);

    expect(result).toMatchObject({ flatten: 'flattened' });
    expect(bot.venue.sim.orders().map((o) => [o.clientOrderId, o.side, o.origQty, o.status])).toEqual([[exitId, 'SELL', '2.5', 'FILLED']]);
    expect(bot.venue.sim.balances().LTC).toEqual({ free: '7.5', locked: '0' });
    expect(await bot.orders.getOrder(exitId)).toMatchObject({ status: 'closed', filled: '2.5' });
    const after = await bot.ledger.load();
    expect(after.livePlans.map((p) => [p.id, p.status, p.exitReason])).toEqual([[plan.id, 'exiting', 'flatten']]);
  });

  it('when the switch returns to RUN, starts reconciliation named after the change event', async () => {
    const bot = await aBot();
    holdKillSwitch('RUN');

    const result = await bot.handler(killSwitchEvent('ks-2', bot.now()), lambdaContext);

    expect(result).toEqual({ kind: 'reconcile', start: { kind: 'started', name: `${BOT_ID}-run-ks-2`, executionArn: `${RECONCILE_ARN}:x` } });
    const calls = sfnMock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.name, JSON.parse(c.input ?? '{}') as unknown])).toEqual([
      [`${BOT_ID}-run-ks-2`, { reason: 'kill switch back to RUN', resumeHalted: true, eventId: 'ks-2', eventTime: new Date(bot.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') }],
    ]);
    expect(bot.venue.sim.orders()).toEqual([]);
  });

  it('when reconciliation is not deployed, records the RUN change and starts nothing', async () => {
    const bot = await aBot({ reconcile: false });
    holdKillSwitch('RUN');

    const result = await bot.handler(killSwitchEvent('ks-3', bot.now()), lambdaContext);

    expect(result).toEqual({ kind: 'reconcile', start: { kind: 'notDeployed', name: `${BOT_ID}-run-ks-3` } });
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(await actions(bot)).toMatchObject([{ action: 'killSwitch', state: 'RUN', reconciliation: { kind: 'notDeployed' } }]);
  });

  it('records HALT and sends nothing', async () => {
    const bot = await aBot();
    holdKillSwitch('HALT');
    await withLivePlan(bot, aPlan({ id: `${BOT_ID}-plan0002`, botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m' }));

    expect(await bot.handler(killSwitchEvent('ks-4', bot.now()), lambdaContext)).toEqual({ kind: 'recorded', state: 'HALT' });
    expect(bot.venue.sim.orders()).toEqual([]);
    expect(await actions(bot)).toMatchObject([{ action: 'killSwitch', state: 'HALT' }]);
  });

  it('records an IP ban it met for the other functions before its invocation ends, though the call that met it did not wait', async () => {
    const bot = await aBot();
    holdKillSwitch('RUN');
    await captured(bot, '0.0171');
    // A slow write: Lambda freezes the environment once the handler returns, so it must be awaited by then.
    const { write } = Object.getOwnPropertyDescriptors(DynamoDbVenueHoldStore.prototype);
    const slowWrite = vi.spyOn(DynamoDbVenueHoldStore.prototype, 'write').mockImplementation(async function (this: DynamoDbVenueHoldStore, notice) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (write?.value as DynamoDbVenueHoldStore['write']).call(this, notice);
    });
    try {
      bot.venue.sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'ipBan', retryAfterSeconds: 600 });
      const bannedUntil = bot.now() + 600_000;

      await bot.handler(scheduledEvent('sched-ban', bot.now()), lambdaContext);

      expect(slowWrite).toHaveBeenCalledTimes(1);
      expect(await new DynamoDbVenueHoldStore(dynamo.client, bot.tables.state).read()).toMatchObject({ banned: true, until: bannedUntil });
    } finally {
      slowWrite.mockRestore();
    }
  });

  it('logs and ignores an event it does not know', async () => {
    const bot = await aBot();
    expect(await bot.handler({ hello: 'world' }, lambdaContext)).toEqual({ kind: 'ignored', reason: 'unknown event (object with keys hello)' });
    expect(ssmMock.calls()).toHaveLength(0);
  });
});
