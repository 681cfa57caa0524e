import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import { TelegramBotApiServer } from '../../../lib/local/telegram/TelegramBotApiServer.js';
import { createNotifierHandler } from '../../../lib/runtime/lambda/notifier/createNotifierHandler.js';
import { functionHarness, lambdaEnvironment } from '../../support/lambdaRuntimeFixture.js';

const TOKEN = '123456:test-token-abc';
const CHAT = 4242;
const TABLES: TableNames = { state: 'nb-state', plans: 'nb-plans', orders: 'nb-orders', fills: 'nb-fills', telemetry: 'nb-telemetry', market: 'nb-market', shadow: 'nb-shadow' };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:nb-notifications';
const CONFIG = {
  botId: 'nb',
  exchange: { id: 'binance' as const },
  symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' as const }],
  notifications: { routes: { exit: ['telegram' as const, 'email' as const], rejections: ['telegram' as const], alarm: ['telegram' as const, 'discord' as const] } },
};
const context = { awsRequestId: 'req-1' } as Context;

const streamRecord = (table: string, newItem: Record<string, unknown>, eventName = 'INSERT') => ({
  eventSource: 'aws:dynamodb',
  eventName,
  eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${table}/stream/2026-12-03T00:00:00.000`,
  dynamodb: { NewImage: marshall(newItem, { removeUndefinedValues: true }) },
});
const closedPlan = { id: 'p1', symbol: 'LTC/BTC', status: 'closed', exitReason: 'target', filledAmount: '12.5', avgEntryPrice: '0.0012', avgExitPrice: '0.0015', realizedPnl: '0.00375', feesPaid: '0.00003' };

describe('Function: notifier, against the loopback Telegram Bot API', () => {
  let telegram: TelegramBotApiServer;
  let secretValue: string | undefined;
  const sns = mockClient(SNSClient);
  const slept: number[] = [];

  beforeAll(async () => {
    telegram = await TelegramBotApiServer.start({ botToken: TOKEN, chatIds: [CHAT] });
  });
  afterAll(() => telegram.close());
  beforeEach(() => {
    telegram.sent.length = 0;
    slept.length = 0;
    sns.reset();
    secretValue = JSON.stringify({ telegram: { botToken: TOKEN, chatId: CHAT } });
    sns.on(PublishCommand).resolves({ MessageId: 'm1' });
  });

  function notifier() {
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }));
    const harness = functionHarness(dynamo, TABLES, CONFIG);
    harness.setParameter('/nb/notifications', secretValue);
    const variables = { ...lambdaEnvironment(TABLES, CONFIG), NOTIFICATION_PARAMETER: '/nb/notifications', NOTIFICATION_TOPIC_ARN: TOPIC, TELEGRAM_API_BASE: telegram.url };
    const handler = createNotifierHandler(harness.runtime, variables, {
      sns: new SNSClient({ region: 'us-east-1' }),
      timing: { sleep: (ms) => (slept.push(ms), Promise.resolve()), random: () => 0.5 },
    });
    return { handler, logLines: harness.logLines };
  }

  it('sends a closed plan to Telegram and email as its route says, with the exact PnL', async () => {
    const { handler } = notifier();

    const summary = await handler({ Records: [streamRecord(TABLES.plans, closedPlan)] }, context);

    expect(summary).toEqual({ notifications: 1, unreadable: 0, sent: 2, failed: 0 });
    expect(telegram.sent.map((m) => [m.chatId, m.text])).toEqual([[CHAT, '[nb] EXIT LTC/BTC 12.5: target reached\n0.0012 → 0.0015\nPnL +0.00375 (fees 0.00003) (plan p1)']]);
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({ TopicArn: TOPIC, Subject: '[nb] EXIT LTC/BTC 12.5: target reached', Message: telegram.sent[0]!.text });
  });

  it("retries Telegram's 429 after its retry_after, and a 500 with backoff", async () => {
    telegram.failNext({ kind: 'tooManyRequests', retryAfterSeconds: 3 }, { kind: 'internal' });
    const { handler } = notifier();

    const summary = await handler({ Records: [streamRecord(TABLES.plans, closedPlan)] }, context);

    expect(summary).toMatchObject({ sent: 2, failed: 0 });
    expect(slept).toEqual([3000, 500]);
    expect(telegram.sent).toHaveLength(1);
  });

  it('counts and logs a send the chat refused for good, without retrying it, and still sends the other channels', async () => {
    telegram.failNext({ kind: 'blocked' });
    const { handler, logLines } = notifier();

    const summary = await handler({ Records: [streamRecord(TABLES.plans, closedPlan)] }, context);

    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    expect(slept).toEqual([]);
    const failure = logLines.find((line) => line['msg'] === 'notification not sent to telegram');
    expect(failure).toMatchObject({ level: 'error', kind: 'exit', channel: 'telegram', attempts: 1, err: 'PermanentSendError: Telegram sendMessage answered 403: Forbidden: bot was blocked by the user' });
    expect(JSON.stringify(logLines)).not.toContain(TOKEN);
  });

  it('sends an alarm from the alarm topic, and counts the channel the parameter does not configure as failed', async () => {
    const { handler, logLines } = notifier();
    const alarm = { AlarmName: 'nb-DecideErrors', NewStateValue: 'ALARM', NewStateReason: 'Threshold Crossed: 1 datapoint [2.0]', StateChangeTime: '2026-12-03T10:00:00.000+0000' };

    const summary = await handler({ Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(alarm), Timestamp: '2026-12-03T10:00:01Z' } }] }, context);

    expect(summary).toEqual({ notifications: 1, unreadable: 0, sent: 1, failed: 1 });
    expect(telegram.sent[0]!.text).toBe('[nb] ALARM nb-DecideErrors is ALARM (2026-12-03T10:00:00.000+0000)\nThreshold Crossed: 1 datapoint [2.0]');
    expect(logLines.some((line) => line['channel'] === 'discord' && String(line['msg']).includes('not configured'))).toBe(true);
  });

  it('counts every send as failed when the notification parameter is malformed, naming the field and never its value', async () => {
    secretValue = JSON.stringify({ telegram: { botToken: 'not a token', chatId: CHAT } });
    const { handler, logLines } = notifier();

    const summary = await handler({ Records: [streamRecord(TABLES.plans, closedPlan)] }, context);

    expect(summary).toMatchObject({ sent: 0, failed: 2 });
    const line = JSON.stringify(logLines.find((l) => String(l['msg']).includes('parameter could not be read')));
    expect(line).toContain('telegram.botToken: is not a Bot API token');
    expect(line).not.toContain('not a token');
    expect(telegram.sent).toEqual([]);
  });
});
