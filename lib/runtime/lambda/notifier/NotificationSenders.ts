import type { SNSClient } from '@aws-sdk/client-sns';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { readNotificationSecret } from '../../../adapters/notify/readNotificationSecret.js';
import { SnsEmailSender } from '../../../adapters/notify/SnsEmailSender.js';
import { TelegramSender } from '../../../adapters/notify/TelegramSender.js';
import { WebhookSender } from '../../../adapters/notify/WebhookSender.js';
import type { NotificationChannel } from '../../../domain/notification.js';
import type { NotificationSender } from '../../../ports/NotificationSender.js';
import type { NotifierEnv } from './notifierEnv.js';

/** A rotated token is picked up within this long. */
const SECRET_TTL_MS = 5 * 60_000;

export type Senders = Readonly<Partial<Record<NotificationChannel, NotificationSender>>>;

/** The senders of the channels the notification parameter (and the topic, for email) configure; the parameter re-read every 5 minutes. */
export class NotificationSenders {
  private cached?: { readonly at: number; readonly senders: Promise<Senders> };

  constructor(
    private readonly env: NotifierEnv,
    private readonly clients: { readonly ssm: SSMClient; readonly sns: () => SNSClient },
    private readonly now: () => number,
  ) {}

  get(): Promise<Senders> {
    const now = this.now();
    if (this.cached === undefined || now - this.cached.at >= SECRET_TTL_MS) {
      const senders = this.build();
      // A failed read is not cached: the next invocation tries again.
      senders.catch(() => (this.cached = undefined));
      this.cached = { at: now, senders };
    }
    return this.cached.senders;
  }

  private async build(): Promise<Senders> {
    const secret = await readNotificationSecret(this.clients.ssm, this.env.parameterName);
    const senders: Partial<Record<NotificationChannel, NotificationSender>> = {};
    if (secret.telegram) senders.telegram = new TelegramSender({ botToken: secret.telegram.botToken, chatId: secret.telegram.chatId, ...(this.env.telegramApiBase ? { apiBase: this.env.telegramApiBase } : {}) });
    if (secret.discordWebhookUrl) senders.discord = new WebhookSender('discord', secret.discordWebhookUrl);
    if (secret.slackWebhookUrl) senders.slack = new WebhookSender('slack', secret.slackWebhookUrl);
    if (this.env.topicArn) senders.email = new SnsEmailSender(this.clients.sns(), this.env.topicArn);
    return senders;
  }
}
