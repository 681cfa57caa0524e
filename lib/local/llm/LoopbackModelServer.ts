import { type IncomingMessage, type Server, type ServerResponse, createServer as createHttp1Server } from 'node:http';
import { type Http2Server, type Http2ServerRequest, type Http2ServerResponse, createServer as createHttp2Server } from 'node:http2';
import type { Socket } from 'node:net';
import type { PlanAnswer } from '../../strategy/llm/planAnswer.js';
import { ruleAnswer } from './ruleAnswer.js';
import { listenOnLoopback, loopbackUrl, readBoundedBody, trackSockets } from '../loopbackHttp.js';

/** What the loopback model does to the next requests instead of answering by its rule. */
export type ModelFault =
  /** HTTP 429 (Bedrock: ThrottlingException). */
  | 'throttle'
  /** HTTP 500 (Bedrock: InternalServerException). */
  | 'server_error'
  /** No answer until the server closes: the caller's timeout ends it. */
  | 'hang'
  /** HTTP 200 whose body is not JSON. */
  | 'malformed_json'
  /** A prose answer instead of the structured one. */
  | 'prose'
  /** A structured answer in order (stop < entry < target) but at a thousand times the last price. */
  | 'absurd_numbers'
  /** A structured answer whose reason runs to 200 KB. */
  | 'oversized';

const MAX_BODY_BYTES = 4 << 20;

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

export interface LoopbackModelServerOptions {
  /** The bearer key the OpenAI route requires; none when left out. */
  readonly apiKey?: string;
}

/**
 * A language model on 127.0.0.1 that speaks Bedrock's Converse wire format
 * (POST /model/{modelId}/converse, SigV4-signed, over HTTP/2 as the Bedrock Runtime client
 * sends it) at `bedrockUrl`, and OpenAI's Chat Completions (POST /v1/chat/completions,
 * HTTP/1.1 as fetch sends it) at `url`, answering by ruleAnswer so `npm start -- --strategy llm` trades
 * offline. Faults queued with inject() replace the next answers.
 */
export class LoopbackModelServer {
  private readonly sockets = new Set<Socket>();
  private readonly faults: ModelFault[] = [];
  private readonly http1: Server;
  private readonly http2: Http2Server;
  private closing: Promise<void> | undefined;
  /** Requests answered, by route: what a test checks retries against. */
  readonly requests = { converse: 0, chat: 0 };

  private constructor(private readonly options: LoopbackModelServerOptions) {
    this.http1 = createHttp1Server((request, response) => this.receive(request, response));
    this.http2 = createHttp2Server((request, response) => this.receive(request, response));
    for (const server of [this.http1, this.http2]) trackSockets(server, this.sockets);
  }

  static async start(options: LoopbackModelServerOptions = {}): Promise<LoopbackModelServer> {
    const instance = new LoopbackModelServer(options);
    for (const server of [instance.http1, instance.http2]) await listenOnLoopback(server);
    return instance;
  }

  /** The Chat Completions base URL (HTTP/1.1). */
  get url(): string {
    return loopbackUrl(this.http1, 'the loopback model server');
  }

  /** Bedrock Runtime's endpoint (HTTP/2 without TLS). */
  get bedrockUrl(): string {
    return loopbackUrl(this.http2, 'the loopback model server');
  }

  /** Where a provider's client is pointed. */
  urlFor(provider: 'bedrock' | 'openai'): string {
    return provider === 'bedrock' ? this.bedrockUrl : this.url;
  }

  /** The next `times` requests get `fault`, after any already queued. */
  inject(fault: ModelFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** Drops the faults still queued. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Stops listening and ends every connection, hung ones included; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      let open = 2;
      const closed = () => (--open === 0 ? setTimeout(resolve, 0) : undefined);
      this.http1.close(closed);
      this.http2.close(closed);
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private receive(request: Request, response: Response): void {
    readBoundedBody(request, MAX_BODY_BYTES, (read) => {
      if (read.tooLarge) return send(response, 413, { message: 'request body too large' });
      let body: unknown;
      try {
        body = JSON.parse(read.body) as unknown;
      } catch {
        return send(response, 400, { message: 'the request body is not JSON' });
      }
      const path = request.url ?? '';
      const converse = /^\/model\/([^/]+)\/converse$/.exec(path);
      if (request.method === 'POST' && converse) return this.converse(request, response, decodeURIComponent(converse[1] ?? ''), body);
      if (request.method === 'POST' && path === '/v1/chat/completions') return this.chat(request, response, body);
      send(response, 404, { message: `no route ${request.method ?? ''} ${path}` });
    });
  }

  private converse(request: Request, response: Response, modelId: string, body: unknown): void {
    this.requests.converse++;
    if (!(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) return bedrockError(response, 403, 'AccessDeniedException', 'the request is not signed');
    const input = body as { messages?: { content?: { text?: string }[] }[]; toolConfig?: { tools?: { toolSpec?: { name?: string } }[] } };
    const prompt = input.messages?.[0]?.content?.map((c) => c.text ?? '').join('') ?? '';
    const toolName = input.toolConfig?.tools?.[0]?.toolSpec?.name;
    if (modelId === '' || toolName === undefined) return bedrockError(response, 400, 'ValidationException', 'a modelId and a tool are required');
    const fault = this.faults.shift();
    if (fault === 'hang') return;
    if (fault === 'throttle') return bedrockError(response, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
    if (fault === 'server_error') return bedrockError(response, 500, 'InternalServerException', 'The server encountered an error.');
    if (fault === 'malformed_json') return sendText(response, 200, '{"output": {"message": ');
    const usage = (answerChars: number) => ({ inputTokens: tokens(prompt.length), outputTokens: tokens(answerChars), totalTokens: tokens(prompt.length) + tokens(answerChars) });
    if (fault === 'prose') {
      const text = 'I am sorry, but I cannot provide trading advice.';
      return send(response, 200, { output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: usage(text.length), metrics: { latencyMs: 1 } });
    }
    const answer = answerWith(fault, prompt);
    const chars = JSON.stringify(answer).length;
    send(response, 200, {
      output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: `tooluse_${this.requests.converse}`, name: toolName, input: answer } }] } },
      stopReason: 'tool_use',
      usage: usage(chars),
      metrics: { latencyMs: 1 },
    });
  }

  private chat(request: Request, response: Response, body: unknown): void {
    this.requests.chat++;
    if (this.options.apiKey !== undefined && request.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return send(response, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const input = body as { model?: string; messages?: { role?: string; content?: string }[]; response_format?: { type?: string } };
    const prompt = input.messages?.find((m) => m.role === 'user')?.content ?? '';
    if (typeof input.model !== 'string' || input.response_format?.type !== 'json_schema') {
      return send(response, 400, { error: { message: 'model and a json_schema response_format are required', type: 'invalid_request_error' } });
    }
    const fault = this.faults.shift();
    if (fault === 'hang') return;
    if (fault === 'throttle') return send(response, 429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '0' });
    if (fault === 'server_error') return send(response, 500, { error: { message: 'The server had an error', type: 'server_error' } });
    if (fault === 'malformed_json') return sendText(response, 200, '{"choices": [');
    const content = fault === 'prose' ? 'I am sorry, but I cannot provide trading advice.' : JSON.stringify(answerWith(fault, prompt));
    send(response, 200, {
      id: `chatcmpl-${this.requests.chat}`,
      object: 'chat.completion',
      model: input.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: tokens(prompt.length), completion_tokens: tokens(content.length), total_tokens: tokens(prompt.length) + tokens(content.length) },
    });
  }
}

function answerWith(fault: ModelFault | undefined, prompt: string): PlanAnswer {
  const answer = ruleAnswer(prompt);
  if (fault === 'absurd_numbers') {
    const entry = (answer.entry ?? 1) * 1000;
    return { ...answer, action: 'enter', entry, stop: entry * 0.99, target: entry * 1.02, confidence: 1, horizonCandles: 1 };
  }
  if (fault === 'oversized') return { ...answer, reason: 'x'.repeat(200_000) };
  return answer;
}

/** About four characters a token, as the providers' tokenizers average on English and JSON. */
function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function bedrockError(response: Response, status: number, type: string, message: string): void {
  send(response, status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
}

function send(response: Response, status: number, body: object, headers: Record<string, string> = {}): void {
  sendText(response, status, JSON.stringify(body), headers);
}

function sendText(response: Response, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'loopback', ...headers });
  response.end(text);
}
