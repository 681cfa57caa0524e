import type { NotificationSender } from '../../ports/NotificationSender.js';
import { postJson, throwUnlessDelivered } from './postJson.js';

/**
 * A Discord or Slack incoming webhook: Discord takes `{content}` (at most 2000 characters)
 * and answers 204; Slack takes `{text}` and answers 200 `ok`. Both answer 429 with a wait.
 */
export class WebhookSender implements NotificationSender {
  constructor(
    readonly channel: 'discord' | 'slack',
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(text: string): Promise<void> {
    const payload = this.channel === 'discord' ? { content: text.slice(0, 2000) } : { text };
    const service = `${this.channel} webhook`;
    const answer = await postJson(service, this.url, payload, this.timeoutMs);
    const body = answer.body as { message?: unknown; retry_after?: unknown } | string | undefined;
    const description = typeof body === 'string' ? body : typeof body?.message === 'string' ? body.message : 'no description';
    const retryAfter = typeof body === 'object' && typeof body.retry_after === 'number' ? body.retry_after : undefined;
    throwUnlessDelivered(service, answer, description, retryAfter);
  }
}
