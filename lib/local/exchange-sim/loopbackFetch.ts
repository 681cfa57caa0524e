import { Agent, STATUS_CODES, request } from 'node:http';

/** The part of a fetch Response that ccxt reads: status, headers (a plain object, as undici.request gives) and the body text. */
export interface LoopbackResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string | string[] | undefined>;
  text(): Promise<string>;
}

export interface LoopbackRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/**
 * A fetch for ccxt over node:http to one loopback origin, with keep-alive. Node's global
 * fetch loads undici on its first call (hundreds of milliseconds on a busy machine) inside
 * ccxt's request timeout; node:http is loaded already. An abort rejects with an AbortError
 * and a socket failure with its code (ECONNRESET), which ccxt reads as RequestTimeout and
 * NetworkError.
 */
export function loopbackFetch(origin: string): (path: string, init: LoopbackRequest) => Promise<LoopbackResponse> {
  const agent = new Agent({ keepAlive: true });
  return (path, init) =>
    new Promise<LoopbackResponse>((resolve, reject) => {
      const abortError = () => Object.assign(new Error('the request was aborted'), { name: 'AbortError' });
      if (init.signal?.aborted) return reject(abortError());
      const outgoing = request(origin + path, { method: init.method ?? 'GET', headers: init.headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        const body = new Promise<string>((done, fail) => {
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
          incoming.on('error', fail);
          incoming.on('aborted', () => fail(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
        });
        body.catch(() => undefined);
        const status = incoming.statusCode ?? 0;
        resolve({ status, statusText: incoming.statusMessage ?? STATUS_CODES[status] ?? '', headers: { ...incoming.headers }, text: () => body });
      });
      init.signal?.addEventListener('abort', () => outgoing.destroy(abortError()), { once: true });
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
}
