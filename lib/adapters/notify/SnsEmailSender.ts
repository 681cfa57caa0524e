import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { NotificationSender } from '../../ports/NotificationSender.js';

/** Email through the notification topic, whose subscriptions the stack makes from config. */
export class SnsEmailSender implements NotificationSender {
  readonly channel = 'email' as const;

  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(text: string): Promise<void> {
    const firstLine = text.split('\n', 1)[0] ?? 'notification';
    // An email subject is at most 100 characters, without line breaks.
    await this.client.send(new PublishCommand({ TopicArn: this.topicArn, Subject: firstLine.slice(0, 100), Message: text }));
  }
}
