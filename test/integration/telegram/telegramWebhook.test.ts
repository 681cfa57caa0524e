import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbTelemetryStore } from '../../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { TELEGRAM_UPDATE_PARTITION } from '../../../lib/adapters/dynamodb/DynamoDbUpdateGuard.js';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import type { DailyStats } from '../../../lib/domain/dailyStats.js';
import { createTelegramWebhookHandler } from '../../../lib/runtime/lambda/telegram/createTelegramWebhookHandler.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { FunctionUrlServer } from '../../support/FunctionUrlServer.js';
import { type FunctionHarness, functionHarness, lambdaEnvironment } from '../../support/lambdaRuntimeFixture.js';
import { TelegramBotApiServer } from '../../../lib/local/telegram/TelegramBotApiServer.js';

const TOKEN = '777000:telegram-webhook-test';
const SECRET = 'webhook-secret_0123456789';
const OWNER = 4242;
const STRANGER = 6666;
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:tw-reconcile';
const CONFIG = {
  botId: 'tw',
  exchange: { id: 'binance' as const },
  symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' as const }],
  notifications: { allowedChatIds: [OWNER] },
};
const NOW = Date.parse('2026-12-03T12:00:00Z');
const tally = (realizedPnl: string, fees = '0') => ({ trades: 1, wins: realizedPnl.startsWith('-') ? 0 : 1, losses: realizedPnl.startsWith('-') ? 1 : 0, realizedPnl, fees });
const day = (date: string, byQuote: DailyStats['byQuote']): DailyStats => ({ day: date, trades: Object.keys(byQuote).length, wins: 0, losses: 0, bySymbol: {}, byQuote });

describe('Function: telegramWebhook, through a Function URL, the loopback Bot API and DynamoDB Local', () => {
  const local = useDynamoDbLocal();
  const sfn = mockClient(SFNClient);
  let telegram: TelegramBotApiServer;
  let url: FunctionUrlServer;
  let tables: TableNames;
  let harness: FunctionHarness;

  beforeAll(async () => {
    telegram = await TelegramBotApiServer.start({ botToken: TOKEN, chatIds: [OWNER, STRANGER] });
    tables = await local.freshTables();
  });
  afterAll(async () => {
    await url?.close();
    await telegram.close();
  });
  beforeEach(async () => {
    await url?.close();
    telegram.sent.length = 0;
    sfn.reset();
    sfn.on(StartExecutionCommand).callsFake((input: { name?: string }) => ({ executionArn: `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${input.name}`, startDate: new Date(NOW) }));
    // One set of tables for the file (creating them is most of a test's time): each test starts with no telemetry.
    const items = (await local.client.send(new QueryCommand({ TableName: tables.telemetry, KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': 'ACTION' } }))).Items ?? [];
    for (const item of items) await local.client.send(new DeleteCommand({ TableName: tables.telemetry, Key: { pk: item['pk'] as string, sk: item['sk'] as string } }));
    harness = functionHarness(local.client, tables, CONFIG, { clock: { now: () => NOW }, sfn: new SFNClient({ region: 'us-east-1' }) }, { reconcileStateMachineArn: STATE_MACHINE });
    harness.setParameter('/tw/notifications', JSON.stringify({ telegram: { botToken: TOKEN, chatId: OWNER, webhookSecretToken: SECRET } }));
    const variables = { ...lambdaEnvironment(tables, CONFIG), NOTIFICATION_PARAMETER: '/tw/notifications', TELEGRAM_API_BASE: telegram.url };
    url = await FunctionUrlServer.start(createTelegramWebhookHandler(harness.runtime, variables));
    // The owner's setup, as with Telegram: setWebhook with the Function URL and the secret token.
    const set = await fetch(`${telegram.url}/bot${TOKEN}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: url.url, secret_token: SECRET }) });
    expect(set.status).toBe(200);
  });

  const actions = async () => (await local.client.send(new QueryCommand({ TableName: tables.telemetry, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ACTION' } }))).Items ?? [];
  const logged = (message: string) => harness.logLines.filter((line) => String(line['msg']).includes(message));

  it('sets the kill switch on /halt from an allowed chat, answers, and records who gave it', async () => {
    const { status, updateId } = await telegram.deliverUpdate({ chatId: OWNER, text: '/halt', username: 'owner' });

    expect(status).toBe(200);
    expect(harness.killSwitchState()).toBe('HALT');
    expect(telegram.sent.map((m) => [m.chatId, m.text])).toEqual([[OWNER, 'kill switch set to HALT: nothing is sent']]);
    expect(await actions()).toEqual([
      expect.objectContaining({ action: 'command', command: 'halt', args: [], time: NOW, actor: { chatId: OWNER, userName: '@owner', updateId }, outcome: 'kill switch set to HALT: nothing is sent' }),
    ]);
  });

  it('answers nothing and changes nothing for a forged secret token, and logs it', async () => {
    const { status } = await telegram.deliverUpdate({ chatId: OWNER, text: '/halt' }, { secretToken: 'webhook-secret_0123456780' });

    expect(status).toBe(200);
    expect(harness.killSwitchState()).toBe('RUN');
    expect(telegram.sent).toEqual([]);
    expect(await actions()).toEqual([]);
    expect(logged('wrong or missing secret token')).toHaveLength(1);
    expect(JSON.stringify(harness.logLines)).not.toContain(SECRET);
  });

  it('answers nothing for a chat not on the allow-list, and logs the chat', async () => {
    const { status } = await telegram.deliverUpdate({ chatId: STRANGER, text: '/halt', username: 'mallory' });

    expect(status).toBe(200);
    expect(harness.killSwitchState()).toBe('RUN');
    expect(telegram.sent).toEqual([]);
    expect(logged('not on the allow-list')[0]).toMatchObject({ level: 'warn', chatId: STRANGER, userName: '@mallory' });
  });

  it('logs a malformed update and answers 200, so Telegram does not deliver it again', async () => {
    const notJson = await fetch(url.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id": 1, "message": ' });
    const wrongShape = await telegram.deliverUpdate({ update_id: 'seven', message: { text: '/halt' } });

    expect([notJson.status, wrongShape.status]).toEqual([200, 200]);
    expect(await notJson.text()).toBe('');
    expect(logged('not an update')).toHaveLength(2);
    expect(harness.killSwitchState()).toBe('RUN');
    expect(telegram.sent).toEqual([]);
  });

  it('acts once on a replayed update_id', async () => {
    await telegram.deliverUpdate({ chatId: OWNER, text: '/pause', updateId: 5001 });
    harness.setKillSwitch('RUN');
    const replay = await telegram.deliverUpdate({ chatId: OWNER, text: '/pause', updateId: 5001 });

    expect(replay.status).toBe(200);
    expect(harness.killSwitchState()).toBe('RUN');
    expect(telegram.sent).toHaveLength(1);
    expect(await actions()).toHaveLength(1);
    expect(logged('update seen before')).toHaveLength(1);
    const claim = await local.client.send(new GetCommand({ TableName: tables.telemetry, Key: { pk: TELEGRAM_UPDATE_PARTITION, sk: '5001' } }));
    expect(claim.Item).toMatchObject({ claimedAt: NOW, expiresAt: NOW / 1000 + 2 * 86_400 });
  });

  it('does not flatten on /flatten without its confirmation, and does on /flatten CONFIRM', async () => {
    await telegram.deliverUpdate({ chatId: OWNER, text: '/flatten' });
    await telegram.deliverUpdate({ chatId: OWNER, text: '/flatten confirm' });

    expect(harness.killSwitchState()).toBe('RUN');
    expect(await actions()).toEqual([]);
    expect(telegram.sent.map((m) => m.text.startsWith('Not flattened') && m.text.endsWith('send /flatten CONFIRM'))).toEqual([true, true]);

    await telegram.deliverUpdate({ chatId: OWNER, text: '/flatten CONFIRM', username: 'owner' });

    expect(harness.killSwitchState()).toBe('FLATTEN');
    expect(await actions()).toMatchObject([{ command: 'flatten', args: ['CONFIRM'], actor: { userName: '@owner' } }]);
  });

  it('starts reconciliation on /reconcile under a name of the update, and records it', async () => {
    await telegram.deliverUpdate({ chatId: OWNER, text: '/reconcile@trader_bot', updateId: 777 });

    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([{ stateMachineArn: STATE_MACHINE, name: 'tw-telegram-777', input: JSON.stringify({ reason: 'telegram /reconcile by owner', resumeHalted: false }) }]);
    expect(telegram.sent[0]!.text).toBe('reconciliation tw-telegram-777 started');
    expect(await actions()).toEqual([expect.objectContaining({ command: 'reconcile', outcome: 'reconciliation tw-telegram-777 started' })]);
  });

  it('answers /profit with the exact realized PnL of today, the last 7 days and all time, per quote currency', async () => {
    const telemetry = new DynamoDbTelemetryStore({ client: local.client, tables, retentionDays: 30 });
    await telemetry.putDailyStats(day('2026-12-03', { BTC: tally('0.00012345', '0.00000100'), USDT: tally('-1.5') }), NOW);
    await telemetry.putDailyStats(day('2026-11-27', { BTC: tally('0.1', '0.001') }), NOW);
    await telemetry.putDailyStats(day('2026-11-26', { BTC: tally('-0.3'), USDT: tally('10.25', '0.01') }), NOW);

    await telegram.deliverUpdate({ chatId: OWNER, text: '/profit' });

    expect(telegram.sent[0]!.text).toBe(
      [
        'Profit (realized, net of fees)',
        '• BTC: today +0.00012345, 7 days +0.10012345, all time -0.19987655, trades 3, fees 0.001001',
        '• USDT: today -1.5, 7 days -1.5, all time +8.75, trades 2, fees 0.01',
        'roll-ups 2026-11-26 … 2026-12-03 (UTC days)',
      ].join('\n'),
    );
  });
});
