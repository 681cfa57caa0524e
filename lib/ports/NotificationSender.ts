import { TraderError } from '../domain/errors.js';
import type { NotificationChannel } from '../domain/notification.js';

/** A send the channel refused for good (a bad token, a chat that blocked the bot): retrying cannot help. */
export class PermanentSendError extends TraderError {}

/** A send the channel asked to repeat later (Telegram's 429 carries `retry_after`). */
export class RetryLaterError extends TraderError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** Sends one text to one channel; throws when it was not delivered. */
export interface NotificationSender {
  readonly channel: NotificationChannel;
  send(text: string): Promise<void>;
}
