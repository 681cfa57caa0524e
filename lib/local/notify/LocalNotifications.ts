import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { notificationParameterName } from '../../../cdk/parameterNames.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { NOTIFICATION_KINDS, type NotificationSettings, NotificationSettingsSchema } from '../../domain/notification.js';
import type { Clock } from '../../ports/Clock.js';
import { LambdaRuntime } from '../../runtime/lambda/LambdaRuntime.js';
import { createNotifierHandler, type NotifierSummary } from '../../runtime/lambda/notifier/createNotifierHandler.js';
import { NOTIFIER_ENV } from '../../runtime/lambda/notifier/notifierEnv.js';
import { lambdaContext } from '../runtime/lambdaContext.js';
import { localLambdaEnvironment } from '../runtime/localLambdaEnvironment.js';
import type { LocalLog } from '../runtime/LocalLog.js';
import { TelegramBotApiServer } from '../telegram/TelegramBotApiServer.js';
import { LocalChangeFeed } from './LocalChangeFeed.js';

/** The loopback Bot API's one bot and the owner's chat. */
export const LOCAL_TELEGRAM = { botToken: '100000:local-bot-token', chatId: 1 } as const;

export interface LocalNotificationsOptions {
  readonly config: BotConfig;
  readonly tables: TableNames;
  readonly dynamo: DynamoDBDocumentClient;
  readonly ssm: SSMClient;
  readonly clock: Clock;
  readonly log: LocalLog;
  readonly logLevel: string;
  /** Every message the notifier sent to Telegram. */
  readonly onMessage: (text: string) => void;
}

/**
 * The notifier of `npm start`: the real handler, fed the telemetry and plans changes (the
 * local change feed standing in for DynamoDB Streams), sending to a loopback Telegram Bot API.
 * Every kind goes to Telegram (email, Discord and Slack have no loopback here), whatever the
 * config routes; the bot's `notifications` settings apply otherwise.
 */
export class LocalNotifications {
  private constructor(
    private readonly telegram: TelegramBotApiServer,
    private readonly feed: LocalChangeFeed,
    private readonly notify: (records: unknown[]) => Promise<NotifierSummary>,
  ) {}

  /** The notification parameter's value, which the local parameter store must hold. */
  static readonly parameter = (botId: string): [string, string] => [notificationParameterName(botId), JSON.stringify({ telegram: LOCAL_TELEGRAM })];

  static async start(options: LocalNotificationsOptions): Promise<LocalNotifications> {
    const telegram = await TelegramBotApiServer.start({ botToken: LOCAL_TELEGRAM.botToken, chatIds: [LOCAL_TELEGRAM.chatId], onMessage: (message) => options.onMessage(message.text) });
    const config = { ...options.config, notifications: telegramOnly(options.config.notifications) };
    const variables = { ...localLambdaEnvironment(options.tables, config, options.logLevel), [NOTIFIER_ENV.NOTIFICATION_PARAMETER]: notificationParameterName(config.botId), [NOTIFIER_ENV.TELEGRAM_API_BASE]: telegram.url };
    const runtime = new LambdaRuntime(variables, { clock: options.clock, dynamo: options.dynamo, ssm: options.ssm, logDestination: options.log });
    const handler = createNotifierHandler(runtime, variables);
    const context = () => lambdaContext(`${config.botId}-notifier`, 120_000);
    return new LocalNotifications(telegram, new LocalChangeFeed(options.dynamo, options.tables), (records) => handler({ Records: records }, context()));
  }

  /** Sends what changed since the last call, as one notifier invocation (one rejection digest). */
  async flush(): Promise<void> {
    const records = this.feed.drain();
    if (records.length > 0) await this.notify(records);
  }

  close(): Promise<void> {
    return this.telegram.close();
  }
}

function telegramOnly(settings: NotificationSettings | undefined): NotificationSettings {
  const base = settings ?? NotificationSettingsSchema.parse({});
  const routes = Object.fromEntries(NOTIFICATION_KINDS.filter((kind) => (base.routes[kind]?.length ?? 0) > 0).map((kind) => [kind, ['telegram' as const]]));
  return { ...base, routes };
}
