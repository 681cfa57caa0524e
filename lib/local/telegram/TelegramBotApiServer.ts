import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';

/** A message the bot sent, as the server received it. */
export interface SentMessage {
  readonly messageId: number;
  readonly chatId: number | string;
  readonly text: string;
  readonly date: number;
}

export interface TelegramBotApiServerOptions {
  /** The one token the server accepts (`<digits>:<letters>`). */
  readonly botToken: string;
  /** Chats that exist; sendMessage to any other answers `chat not found`. */
  readonly chatIds: readonly (number | string)[];
  /** Called with every message the bot sends (npm start prints them). */
  readonly onMessage?: (message: SentMessage) => void;
}

/** An answer to inject instead of the next call's: Telegram's own error shapes. */
export type TelegramFault = { readonly kind: 'tooManyRequests'; readonly retryAfterSeconds: number } | { readonly kind: 'internal' } | { readonly kind: 'blocked' };

const MAX_BODY_BYTES = 1 << 20;
const MAX_TEXT = 4096;

/**
 * The Telegram Bot API on 127.0.0.1, the subset the bot uses, with Telegram's shapes: every
 * answer is `{ok: true, result}` or `{ok: false, error_code, description[, parameters]}`.
 * - `sendMessage` (JSON or form body): 401 for another token, 400 `chat not found`,
 *   `message text is empty`, `message is too long`; records the message.
 * - `setWebhook` (`url`, `secret_token`), `deleteWebhook`, `getWebhookInfo`, `getMe`.
 * - `deliverUpdate` POSTs an incoming update to the webhook set, with its
 *   `X-Telegram-Bot-Api-Secret-Token`, as Telegram does.
 * Faults queued with `failNext` answer the next calls instead (429 with `retry_after`, 500, 403).
 */
export class TelegramBotApiServer {
  readonly sent: SentMessage[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly faults: TelegramFault[] = [];
  private webhook?: { readonly url: string; readonly secretToken?: string };
  private nextMessageId = 1;
  private nextUpdateId = 100_000;
  private readonly server: Server;

  private constructor(private readonly options: TelegramBotApiServerOptions) {
    this.server = createServer((request, response) => this.answer(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: TelegramBotApiServerOptions, port = 0): Promise<TelegramBotApiServer> {
    const instance = new TelegramBotApiServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(port, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  /** http://127.0.0.1:PORT: the `apiBase` the bot's Telegram client is given. */
  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the Telegram Bot API server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  get webhookInfo(): { readonly url: string; readonly secretToken?: string } | undefined {
    return this.webhook;
  }

  failNext(...faults: TelegramFault[]): void {
    this.faults.push(...faults);
  }

  /**
   * Telegram's side of an incoming message: POSTs the update to the webhook with the secret
   * token set by setWebhook (or `secretToken`, to forge one); returns the webhook's HTTP status.
   */
  async deliverUpdate(update: { readonly chatId: number; readonly text: string; readonly fromId?: number; readonly username?: string; readonly updateId?: number } | Record<string, unknown>, options: { readonly secretToken?: string } = {}): Promise<{ readonly status: number; readonly updateId?: number }> {
    if (this.webhook === undefined) throw new Error('no webhook set: the bot calls setWebhook first');
    const body: Record<string, unknown> = 'chatId' in update && typeof update['chatId'] === 'number' ? this.messageUpdate(update as Parameters<TelegramBotApiServer['messageUpdate']>[0]) : update;
    const secret = options.secretToken ?? this.webhook.secretToken;
    const response = await fetch(this.webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { status: response.status, ...(typeof body['update_id'] === 'number' ? { updateId: body['update_id'] } : {}) };
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.close(() => setTimeout(resolve, 0));
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private messageUpdate(update: { readonly chatId: number; readonly text: string; readonly fromId?: number; readonly username?: string; readonly updateId?: number }): Record<string, unknown> {
    const date = Math.floor(Date.now() / 1000);
    const from = { id: update.fromId ?? update.chatId, is_bot: false, first_name: update.username ?? 'owner', ...(update.username ? { username: update.username } : {}) };
    return {
      update_id: update.updateId ?? this.nextUpdateId++,
      message: { message_id: this.nextMessageId++, from, chat: { id: update.chatId, type: 'private', first_name: from.first_name }, date, text: update.text, ...(update.text.startsWith('/') ? { entities: [{ offset: 0, length: update.text.split(/\s/, 1)[0]!.length, type: 'bot_command' }] } : {}) },
    };
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec((request.url ?? '').split('?')[0]!);
      if (!match) return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, token, method] = match;
      if (token !== this.options.botToken) return reply(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const params = readParams(request, Buffer.concat(chunks).toString('utf8'), (request.url ?? '').split('?')[1]);
      const fault = this.faults.shift();
      if (fault) return replyFault(response, fault);
      this.call(method!.toLowerCase(), params, response);
    });
  }

  private call(method: string, params: Record<string, unknown>, response: ServerResponse): void {
    switch (method) {
      case 'getme':
        return reply(response, 200, { ok: true, result: { id: Number(this.options.botToken.split(':')[0]), is_bot: true, first_name: 'trader', username: 'trader_bot' } });
      case 'sendmessage': {
        const given = params['chat_id'];
        const chatId = typeof given === 'number' || typeof given === 'string' ? given : undefined;
        const text = typeof params['text'] === 'string' ? params['text'] : '';
        if (chatId === undefined || chatId === '') return badRequest(response, 'chat_id is empty');
        if (!this.options.chatIds.some((id) => String(id) === String(chatId))) return badRequest(response, 'chat not found');
        if (text.trim() === '') return badRequest(response, 'message text is empty');
        if (text.length > MAX_TEXT) return badRequest(response, 'message is too long');
        const message: SentMessage = { messageId: this.nextMessageId++, chatId, text, date: Math.floor(Date.now() / 1000) };
        this.sent.push(message);
        this.options.onMessage?.(message);
        return reply(response, 200, { ok: true, result: { message_id: message.messageId, chat: { id: Number(chatId), type: 'private' }, date: message.date, text } });
      }
      case 'setwebhook': {
        const url = typeof params['url'] === 'string' ? params['url'] : '';
        const secretToken = typeof params['secret_token'] === 'string' ? params['secret_token'] : undefined;
        if (url === '') {
          this.webhook = undefined;
          return reply(response, 200, { ok: true, result: true, description: 'Webhook was deleted' });
        }
        if (!/^https?:\/\//.test(url)) return badRequest(response, 'bad webhook: An HTTPS URL must be provided for webhook');
        if (secretToken !== undefined && !/^[\w-]{1,256}$/.test(secretToken)) return badRequest(response, 'bad webhook: secret token contains unallowed characters');
        this.webhook = { url, ...(secretToken !== undefined ? { secretToken } : {}) };
        return reply(response, 200, { ok: true, result: true, description: 'Webhook was set' });
      }
      case 'deletewebhook':
        this.webhook = undefined;
        return reply(response, 200, { ok: true, result: true, description: 'Webhook was deleted' });
      case 'getwebhookinfo':
        return reply(response, 200, { ok: true, result: { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 } });
      default:
        return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }
}

function readParams(request: IncomingMessage, body: string, query: string | undefined): Record<string, unknown> {
  const fromQuery = Object.fromEntries(new URLSearchParams(query ?? ''));
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      return typeof parsed === 'object' && parsed !== null ? { ...fromQuery, ...(parsed as Record<string, unknown>) } : fromQuery;
    } catch {
      return fromQuery;
    }
  }
  return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(body)) };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function badRequest(response: ServerResponse, description: string): void {
  reply(response, 400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });
}

function replyFault(response: ServerResponse, fault: TelegramFault): void {
  if (fault.kind === 'tooManyRequests') {
    response.setHeader('retry-after', String(fault.retryAfterSeconds));
    return reply(response, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfterSeconds}`, parameters: { retry_after: fault.retryAfterSeconds } });
  }
  if (fault.kind === 'blocked') return reply(response, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
  return reply(response, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
}
