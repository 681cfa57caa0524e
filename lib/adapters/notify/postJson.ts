import { PermanentSendError, RetryLaterError } from '../../ports/NotificationSender.js';

export interface PostAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterHeader: string | null;
}

/**
 * POSTs JSON and reads the answer. The error messages name the service, never the URL: a
 * Telegram URL holds the bot token and a webhook URL is itself the secret.
 */
export async function postJson(service: string, url: string, payload: unknown, timeoutMs: number): Promise<PostAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed';
    throw new Error(`${service}: ${reason}`, { cause: error });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Slack answers plain text ("ok", "invalid_payload").
  }
  return { status: response.status, body, retryAfterHeader: response.headers.get('retry-after') };
}

/** 2xx is delivered; 429 retries after the service's wait; other 4xx are permanent; 5xx retry. */
export function throwUnlessDelivered(service: string, answer: PostAnswer, description: string, retryAfterSeconds?: number): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const message = `${service} answered ${answer.status}: ${description}`.slice(0, 300);
  if (answer.status === 429) {
    const seconds = retryAfterSeconds ?? Number(answer.retryAfterHeader ?? '1');
    throw new RetryLaterError(message, Math.ceil((Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
  if (answer.status >= 400 && answer.status < 500) throw new PermanentSendError(message);
  throw new Error(message);
}
