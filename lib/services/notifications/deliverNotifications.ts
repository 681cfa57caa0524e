import type { BotNotification, NotificationChannel, NotificationSettings } from '../../domain/notification.js';
import type { Logger } from '../../ports/Logger.js';
import { type NotificationSender, PermanentSendError, RetryLaterError } from '../../ports/NotificationSender.js';
import { formatNotification } from './formatNotification.js';

export interface DeliveryTiming {
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

export interface DeliveryResult {
  readonly sent: number;
  /** Sends that failed after their last attempt, or had no sender configured; each was logged. */
  readonly failed: number;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for inside one invocation: the send counts as failed. */
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Sends every notification to the channels its kind is routed to, in order. Each send is
 * retried with exponential backoff and full jitter (a channel's Retry-After as the floor)
 * up to `maxAttempts`; a permanent refusal is not retried. A failed send never throws: it is
 * logged with the kind and channel (never the text's secrets, which the text does not hold)
 * and counted, so one dead channel neither blocks the others nor replays the batch.
 */
export async function deliverNotifications(
  botId: string,
  notifications: readonly BotNotification[],
  settings: Pick<NotificationSettings, 'routes' | 'maxAttempts'>,
  senders: Readonly<Partial<Record<NotificationChannel, NotificationSender>>>,
  timing: DeliveryTiming,
  logger: Logger,
): Promise<DeliveryResult> {
  let sent = 0;
  let failed = 0;
  for (const notification of notifications) {
    const text = formatNotification(botId, notification);
    for (const channel of settings.routes[notification.kind] ?? []) {
      const sender = senders[channel];
      if (sender === undefined) {
        failed += 1;
        logger.error({ kind: notification.kind, channel }, `notification not sent: the ${channel} channel is not configured in the notification secret`);
        continue;
      }
      const attempts = await sendWithRetries(sender, text, settings.maxAttempts, timing);
      if (attempts.ok) {
        sent += 1;
        if (attempts.count > 1) logger.info({ kind: notification.kind, channel, attempts: attempts.count }, 'notification sent after retries');
      } else {
        failed += 1;
        logger.error({ kind: notification.kind, channel, attempts: attempts.count, err: attempts.error }, `notification not sent to ${channel}`);
      }
    }
  }
  return { sent, failed };
}

async function sendWithRetries(sender: NotificationSender, text: string, maxAttempts: number, timing: DeliveryTiming): Promise<{ ok: true; count: number } | { ok: false; count: number; error: string }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sender.send(text);
      return { ok: true, count: attempt };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const retryAfterMs = error instanceof RetryLaterError ? error.retryAfterMs : 0;
      if (error instanceof PermanentSendError || attempt >= maxAttempts || retryAfterMs > MAX_RETRY_AFTER_MS) return { ok: false, count: attempt, error: message };
      const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
      await timing.sleep(Math.max(retryAfterMs, Math.floor(timing.random() * ceiling)));
    }
  }
}
