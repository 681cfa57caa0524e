import type { NotificationSender } from '../../ports/NotificationSender.js';
import { postJson, throwUnlessDelivered } from './postJson.js';

/** Telegram's answer to every Bot API method. */
interface TelegramAnswer {
  readonly ok?: boolean;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number };
}

export interface TelegramSenderOptions {
  readonly botToken: string;
  readonly chatId: number | string;
  /** @default https://api.telegram.org (a loopback Bot API server locally and in tests) */
  readonly apiBase?: string;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/** The Bot API's sendMessage, as plain text (no parse mode: symbols and reasons need no escaping). */
export class TelegramSender implements NotificationSender {
  readonly channel = 'telegram' as const;

  constructor(private readonly options: TelegramSenderOptions) {}

  async send(text: string): Promise<void> {
    const { botToken, chatId, apiBase = 'https://api.telegram.org', timeoutMs = 5000 } = this.options;
    // Telegram refuses a text over 4096 characters.
    const answer = await postJson('Telegram sendMessage', `${apiBase}/bot${botToken}/sendMessage`, { chat_id: chatId, text: text.slice(0, 4096) }, timeoutMs);
    const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as TelegramAnswer;
    throwUnlessDelivered('Telegram sendMessage', answer.status === 200 && body.ok !== true ? { ...answer, status: 502 } : answer, body.description ?? 'no description', body.parameters?.retry_after);
  }
}
