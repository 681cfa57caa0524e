import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbCallMeter } from '../../../../lib/adapters/dynamodb/DynamoDbCallMeter.js';
import { DynamoDbShadowStore } from '../../../../lib/adapters/dynamodb/DynamoDbShadowStore.js';
import { createDynamoDbClient } from '../../../../lib/adapters/dynamodb/createDynamoDbClient.js';
import type { TableNames } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { BotConfigSchema } from '../../../../lib/domain/botConfig.js';
import { TradingConfigSchema } from '../../../../lib/domain/config.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { localShadowResults } from '../../../../lib/local/runtime/localShadowResults.js';
import type { Exchange } from '../../../../lib/ports/Exchange.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { createDynamoDbDecider } from '../../../../lib/runtime/decision/createDynamoDbDecider.js';
import { createStoredShadowFleet } from '../../../../lib/runtime/shadow/createStoredShadowFleet.js';
import { NO_PROPOSALS, type Strategy } from '../../../../lib/strategy/Strategy.js';
import createEveryCandleLong from '../../../fixtures/strategies/everyCandleLong.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { aMarket } from '../../../support/marketFixture.js';

const dynamo = useDynamoDbLocal();
const T0 = Date.UTC(2018, 0, 20, 5, 0);
const MINUTE = 60_000;
const flat = (i: number): Candle => ({ openTime: T0 + i * MINUTE, open: 0.1, high: 0.1005, low: 0.0995, close: 0.1, volume: 10 });
/** Reaches the shadow's 2 % target (0.102). */
const rally = (i: number): Candle => ({ openTime: T0 + i * MINUTE, open: 0.1, high: 0.1025, low: 0.0999, close: 0.1021, volume: 10 });
const LIVE_TABLES = ['state', 'plans', 'orders', 'fills', 'telemetry'] as const;
const CONFIG = TradingConfigSchema.parse({ botId: 'test', risk: { maxOpenPlans: 1 }, execution: { stops: 'bot', paperSlippagePct: 0 } });
const NOTHING: Strategy = { name: 'nothing', warmupCandles: 1, evaluate: () => NO_PROPOSALS };

/** The live bot (a strategy that proposes nothing) on DynamoDB Local, with or without one shadow that enters on every candle. */
async function aBot(withShadow: boolean) {
  const tables = await dynamo.freshTables();
  const client = createDynamoDbClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const meter = new DynamoDbCallMeter(client);
  const clock = new ManualClock(T0);
  const paper = new PaperExchange({ markets: [aMarket()], balances: { BTC: '1' }, slippagePct: 0 });
  // Every call the live venue gets, by method name.
  const venueCalls: string[] = [];
  const exchange = new Proxy(paper, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        venueCalls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Exchange;
  const store = new DynamoDbShadowStore({ client, tableName: tables.shadow, retentionDays: 30 });
  /** A process (an execution environment): its decider and, with them, its shadows, built cold. */
  const aProcess = async () => {
    const shadows = withShadow
      ? await createStoredShadowFleet({
          shadows: [{ id: 'every', strategy: 'every-candle-long', params: {} }],
          store,
          config: CONFIG,
          marketOf: (symbol) => exchange.market(symbol),
          startingBalances: { BTC: '1' },
          loadStrategy: () => Promise.resolve(createEveryCandleLong({})),
          clock,
          logger: silentLogger,
        })
      : undefined;
    const decider = createDynamoDbDecider({
      client, tables, exchange, killSwitch: new FixedKillSwitch('RUN'), clock, config: CONFIG, strategy: NOTHING, windowSize: 50,
      retentionDays: { telemetry: 30, market: 7 }, logger: silentLogger, ...(shadows ? { shadows } : {}),
    });
    return (candle: Candle) => {
      clock.set(candle.openTime + MINUTE);
      paper.onCandle('ETH/BTC', candle);
      return decider.decide('ETH/BTC', '1m', candle);
    };
  };
  return { tables, client, meter, store, venueCalls, aProcess };
}

async function liveItems(client: ReturnType<typeof createDynamoDbClient>, tables: TableNames) {
  const items: Record<string, unknown[]> = {};
  for (const id of LIVE_TABLES) items[id] = ((await client.send(new ScanCommand({ TableName: tables[id] }))).Items ?? []).map((item) => JSON.stringify(item)).sort();
  return items;
}

describe('Shadows in the DynamoDB decider (DynamoDB Local)', () => {
  it('never sends a venue call nor changes a live-ledger item: the live bot with a trading shadow is the live bot without it', async () => {
    const alone = await aBot(false);
    const shadowed = await aBot(true);
    const candles = [flat(0), flat(1), rally(2), flat(3)];
    for (const bot of [alone, shadowed]) {
      const decide = await bot.aProcess();
      for (const candle of candles) await decide(candle);
    }

    // The shadow's one call: the market's precision and limits, read once (the live venue has them at hand).
    const notMarket = (calls: readonly string[]) => calls.filter((name) => name !== 'market');
    expect(notMarket(shadowed.venueCalls)).toEqual(notMarket(alone.venueCalls));
    expect(shadowed.venueCalls.filter((name) => name === 'market').length).toBe(alone.venueCalls.filter((name) => name === 'market').length + 1);
    expect(shadowed.venueCalls.filter((name) => !['market', 'fetchBalances'].includes(name))).toEqual([]);
    expect(await liveItems(shadowed.client, shadowed.tables)).toEqual(await liveItems(alone.client, alone.tables));
    // Meanwhile the shadow traded: it entered on candle 0 and reached its target on candle 2.
    const [resolved] = await shadowed.store.resolvedPlans('every', 10);
    expect(resolved).toMatchObject({ status: 'closed', exitReason: 'target', symbol: 'ETH/BTC', strategy: 'every-candle-long', openedAt: T0 + MINUTE });
  });

  it('gives `npm start`\'s report each shadow\'s book from the shadow table: trades, PnL and equity, and a shadow that never traded at its start', async () => {
    const shadowed = await aBot(true);
    const decide = await shadowed.aProcess();
    for (const candle of [flat(0), flat(1), rally(2), flat(3)]) await decide(candle);
    const config = BotConfigSchema.parse({
      botId: 'test', exchange: { id: 'binance' }, mode: 'paper', symbols: [{ symbol: 'ETH/BTC', timeframe: '1m' }], paperBalances: { BTC: '1' },
      shadow: [{ id: 'every', strategy: 'every-candle-long' }, { id: 'idle', strategy: 'ema-crossover' }],
    });
    const prices = new Map([['ETH/BTC', 0.1]]);

    const [every, idle] = await localShadowResults(shadowed.client, shadowed.tables, config, { startingEquity: '1', quoteCurrency: 'BTC', startPrices: prices, prices });

    const [resolved] = await shadowed.store.resolvedPlans('every', 10);
    expect(every).toMatchObject({ id: 'every', strategy: 'every-candle-long', startingEquity: '1', realizedPnl: resolved?.realizedPnl, openPlans: 1 });
    expect(every?.trades).toHaveLength(1);
    expect(every?.trades[0]).toMatchObject({ exitReason: 'target', realizedPnl: resolved?.realizedPnl });
    expect(dec(every?.realizedPnl ?? '0').isPositive()).toBe(true);
    // The next entry's market buy filled at 0.1 when placed (its plan settles on the next candle):
    // the book is worth the start plus the trade's PnL, less that buy's 0.1 % fee, valued at 0.1.
    const entering = (await shadowed.store.loadBooks()).get('every')?.ledger.livePlans[0];
    expect(entering).toMatchObject({ status: 'entering', entry: '0.1' });
    const entryFee = dec(entering?.amount ?? '0').times('0.1').times('0.001');
    expect(every?.finalEquity).toBe(dec(1).plus(resolved?.realizedPnl ?? '0').minus(entryFee).toFixed());
    expect(idle).toMatchObject({ id: 'idle', strategy: 'ema-crossover', trades: [], openPlans: 0, startingEquity: '1', finalEquity: '1', realizedPnl: '0' });
  });

  it('stores a virtual plan when it opens and when it resolves, reads the books once, and costs nothing on the candles between', async () => {
    const alone = await aBot(false);
    const shadowed = await aBot(true);
    const [decideAlone, decideShadowed] = [await alone.aProcess(), await shadowed.aProcess()];
    const extraCalls: Record<string, number>[] = [];
    // The entry fills as candle 0 is decided and the plan opens when candle 1 settles it; candle 2 reaches the
    // target and the exit fills; the plan resolves as candle 3 settles it, in the write that holds the next entry.
    for (const candle of [flat(0), flat(1), rally(2), flat(3)]) {
      await decideAlone(candle);
      await decideShadowed(candle);
      const [own, base] = [shadowed.meter.take().calls, alone.meter.take().calls];
      const extra: Record<string, number> = {};
      for (const [name, count] of Object.entries(own)) if (count !== (base[name] ?? 0)) extra[name] = count - (base[name] ?? 0);
      extraCalls.push(extra);
    }

    // Single-item puts, not a transaction (which bills each item twice): the book, then its plan event.
    expect(extraCalls).toEqual([{ QueryCommand: 1 }, { PutItemCommand: 2 }, {}, { PutItemCommand: 2 }]);
    const [resolved] = await shadowed.store.resolvedPlans('every', 10);
    expect(resolved).toMatchObject({ status: 'closed', exitReason: 'target', openedAt: T0 + MINUTE, closedAt: T0 + 3 * MINUTE });
    expect(resolved?.realizedPnl).toMatch(/^\d/);
    // The book as stored with the resolution: the shadow's next entry, resting.
    expect((await shadowed.store.loadBooks()).get('every')).toMatchObject({ version: 2, ledger: { livePlans: [{ status: 'entering' }] } });
  });

  it('puts again, on the next load, a plan event lost after its book was stored (the writer died between the puts)', async () => {
    const bot = await aBot(true);
    const warm = await bot.aProcess();
    for (const candle of [flat(0), flat(1), rally(2), flat(3)]) await warm(candle);
    const [stored] = (await bot.client.send(new ScanCommand({ TableName: bot.tables.shadow }))).Items!.filter((item) => String(item.pk).startsWith('RESOLVED#'));
    await bot.client.send(new DeleteCommand({ TableName: bot.tables.shadow, Key: { pk: stored!.pk as string, sk: stored!.sk as string } }));
    expect(await bot.store.resolvedPlans('every', 10)).toEqual([]);

    await bot.store.loadBooks();

    const again = (await bot.client.send(new ScanCommand({ TableName: bot.tables.shadow }))).Items!.filter((item) => String(item.pk).startsWith('RESOLVED#'));
    expect(again).toEqual([stored]);
  });

  it('goes on in a cold process from the stored book: the plan opened before resolves there', async () => {
    const bot = await aBot(true);
    const warm = await bot.aProcess();
    await warm(flat(0));
    await warm(flat(1));
    expect(await bot.store.resolvedPlans('every', 10)).toEqual([]);

    const cold = await bot.aProcess();
    await cold(rally(2));
    await cold(flat(3));

    const [resolved] = await bot.store.resolvedPlans('every', 10);
    expect(resolved).toMatchObject({ status: 'closed', exitReason: 'target', openedAt: T0 + MINUTE });
  });

  it('decides again on the stored book when another process wrote it first, and stores no plan twice', async () => {
    const bot = await aBot(true);
    const first = await bot.aProcess();
    await first(flat(0));
    await first(flat(1));
    // A second process takes the series over: it takes the target on candle 2, and on candle 3 the plan resolves
    // and the shadow enters again (book version 2).
    const second = await bot.aProcess();
    await second(rally(2));
    await second(flat(3));
    // The first still holds version 1 with the plan open: it takes the target too, and its write of the resolution
    // (candle 5) is refused; it reads the book again and decides candle 5 on it: the second's entry opens.
    await first(rally(4));
    await first(flat(5));

    const book = (await bot.store.loadBooks()).get('every');
    expect(book).toMatchObject({ version: 3, ledger: { livePlans: [{ status: 'open', openedAt: T0 + 4 * MINUTE }] } });
    // One resolution, the second's (decided as candle 2 closed): the first's was never stored.
    const resolved = await bot.store.resolvedPlans('every', 10);
    expect(resolved.map((p) => [p.exitReason, p.closedAt])).toEqual([['target', T0 + 3 * MINUTE]]);
  });
});
