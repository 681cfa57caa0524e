import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbPlanRepository } from '../../../lib/adapters/dynamodb/DynamoDbPlanRepository.js';
import { DynamoDbTelemetryStore } from '../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { TABLE_IDS, type TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { createBotTables } from '../../../lib/local/createBotTables.js';
import type { LocalBotEntry } from '../../../lib/local/bots/localBotRegistry.js';
import { type StatusCommandDeps, runStatusCommand } from '../../../scripts/statusCommand.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { aPlan } from '../../support/planFixture.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const SERIES = [{ symbol: 'ETH/BTC', timeframe: '1m' as const }];
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('Command: npm run status, against a local bot\'s DynamoDB Local tables', () => {
  const local = useDynamoDbLocal();
  let tables: TableNames;

  /** A bot with two open plans, a captured price, two days of roll-ups and a command's bot action. */
  async function seed(names: TableNames): Promise<void> {
    const plans = new DynamoDbPlanRepository(local.client, names);
    await plans.save(aPlan({ id: 'long-1', filledAmount: '1.5', avgEntryPrice: '0.1', version: 1 }), 0);
    await plans.save(aPlan({ id: 'short-1', side: 'short', filledAmount: '2', avgEntryPrice: '0.105', createdAt: NOW, version: 1 }), 0);
    const candleOpen = NOW - 120_000;
    await new DynamoDbCandleStore({ client: local.client, tables: names, retentionDays: 14 }).put('ETH/BTC', '1m', [{ openTime: candleOpen, open: 0.1, high: 0.11, low: 0.1, close: 0.1031, volume: 5 }], NOW, { quote: { last: '0.1032' } });
    const telemetry = new DynamoDbTelemetryStore({ client: local.client, tables: names, retentionDays: 30 });
    const tally = (realizedPnl: string) => ({ trades: 1, wins: 1, losses: 0, realizedPnl, fees: '0.0001' });
    await telemetry.putDailyStats({ day: '2026-12-03', trades: 1, wins: 1, losses: 0, bySymbol: {}, byQuote: { BTC: tally('0.002') } }, NOW);
    await telemetry.putDailyStats({ day: '2026-11-01', trades: 1, wins: 1, losses: 0, bySymbol: {}, byQuote: { BTC: tally('-0.0005') } }, NOW);
    await telemetry.recordAction(NOW - 60_000, 'command', { command: 'pause', args: [], actor: { chatId: 4242, userName: '@owner', updateId: 9 }, outcome: 'kill switch set to PAUSE_ENTRIES' });
  }

  beforeAll(async () => {
    tables = await local.freshTables();
    await seed(tables);
  });

  const deps = (bots: readonly LocalBotEntry[], overrides: Partial<StatusCommandDeps> = {}): StatusCommandDeps => ({
    runningLocalBots: () => Promise.resolve(bots),
    localClient: (endpoint) => new DynamoDBClient({ endpoint, region: 'local', credentials: CREDENTIALS }),
    awsClient: () => new DynamoDBClient({ region: () => Promise.reject<string>(new Error('Region is missing')), credentials: CREDENTIALS }),
    readConfig: () => ({ botId: 'sbot', symbols: SERIES }),
    now: () => NOW,
    colour: false,
    ...overrides,
  });
  const localBot = (): LocalBotEntry => ({ botId: 'sbot', pid: process.pid, parameterFile: '/tmp/none.json', startedAt: NOW, dynamoDbEndpoint: local.endpoint, tableNames: tables, series: SERIES });

  it('prints JSON for scripts: open plans with exact unrealized PnL, profit, balance, daily, trades and actions', async () => {
    const [bot] = JSON.parse(await runStatusCommand(['--json'], deps([localBot()]))) as Record<string, { rows: Record<string, string>[] }>[];

    expect(bot!['bot']).toBe(`local bot sbot (pid ${process.pid})`);
    expect(bot!['status']!.rows.map((r) => [r['plan'], r['side'], r['price'], r['unrealized PnL']])).toEqual([
      ['long-1', 'long', '0.1032', '+0.0048'],
      ['short-1', 'short', '0.1032', '+0.0036'],
    ]);
    expect(bot!['profit']!.rows).toEqual([{ quote: 'BTC', today: '+0.002', '7 days': '+0.002', 'all time': '+0.0015', trades: '2', fees: '0.0002' }]);
    expect(bot!['actions']!.rows).toEqual([{ time: '2026-12-03 11:59', action: '/pause', by: '@owner (chat 4242)', detail: 'kill switch set to PAUSE_ENTRIES' }]);
    expect(bot!['balance']!.rows).toEqual([]);
  });

  it('prints aligned tables without colour when not on a terminal, and with it on one', async () => {
    const plain = await runStatusCommand([], deps([localBot()]));
    const coloured = await runStatusCommand([], deps([localBot()], { colour: true }));

    expect(plain).toContain('Open plans (bot ACTIVE)\n  plan     symbol   side   status  amount  entry  price   unrealized PnL  stop   target\n  long-1   ETH/BTC  long   open    1.5     0.1    0.1032  +0.0048         0.095  0.11');
    expect(plain).toContain('No equity snapshot yet');
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[32m+0.0048');
  });

  it('says no local bot runs and what the deployed bot needs, when neither is there', async () => {
    await expect(runStatusCommand([], deps([]))).rejects.toThrow(/^No local bot is running \(start one with `npm start`\), so this goes to the deployed bot, which is reached through AWS: no AWS region is set\.\n.*--region.*\n.*credentials.*\n.*--aws/);
  });

  it('with --aws, finds the deployed tables by the names CloudFormation gives them', async () => {
    const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
    const deployed = Object.fromEntries(TABLE_IDS.map((id) => [id, `Trader-sbot-Tables${id}0A1B2C3D-${suffix}`])) as unknown as TableNames;
    const raw = local.rawClient();
    await createBotTables(raw, deployed);
    await seed(deployed);

    const [bot] = JSON.parse(await runStatusCommand(['--aws', '--json'], deps([localBot()], { awsClient: () => raw }))) as Record<string, { rows: Record<string, string>[] }>[];

    expect(bot!['bot']).toBe('deployed bot sbot (local)');
    expect(bot!['status']!.rows).toHaveLength(2);
  });
});
