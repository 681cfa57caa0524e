import type { LanguageModel, ModelFailure, ModelReply, ModelRequest } from '../../ports/LanguageModel.js';
import { excerpt } from './BedrockConverseModel.js';
import { classifyCallError } from './classifyCallError.js';

export interface OpenAiChatModelOptions {
  /** Base URL; `/v1/chat/completions` is appended. */
  readonly endpoint: string;
  readonly modelId: string;
  /** The bearer key (read from Secrets Manager once, on first call); none for a keyless server. */
  readonly apiKey?: () => Promise<string>;
  readonly maxAttempts: number;
  /** Wait before the n-th retry: full jitter under 250 ms · 2^(n-1), or the server's Retry-After. */
  readonly random?: () => number;
}

interface ChatCompletion {
  readonly choices?: readonly { readonly message?: { readonly content?: string | null; readonly refusal?: string | null }; readonly finish_reason?: string }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number };
}

/**
 * An OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, LM Studio, Gemini's
 * compatible endpoint) over Node's fetch, the answer constrained by `response_format`
 * json_schema (strict). 429 and 5xx are retried with backoff while the signal allows; the
 * answer body is read up to maxAnswerBytes and refused beyond.
 */
export class OpenAiChatModel implements LanguageModel {
  readonly provider = 'openai';
  readonly modelId: string;

  constructor(private readonly options: OpenAiChatModelOptions) {
    this.modelId = options.modelId;
  }

  async ask(request: ModelRequest, signal: AbortSignal): Promise<ModelReply | ModelFailure> {
    const url = `${this.options.endpoint.replace(/\/+$/, '')}/v1/chat/completions`;
    const body = JSON.stringify({
      model: this.modelId,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.prompt },
      ],
      max_tokens: request.maxOutputTokens,
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: request.answerName, strict: true, schema: request.answerSchema } },
    });
    let lastFailure: ModelFailure | undefined;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      let response: Response;
      let text: string | undefined;
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (this.options.apiKey) headers.authorization = `Bearer ${await this.options.apiKey()}`;
        response = await fetch(url, { method: 'POST', headers, body, signal });
        text = await readCapped(response, request.maxAnswerBytes);
      } catch (error) {
        return classifyCallError(error, signal);
      }
      if (text === undefined) return { code: 'oversized_answer', detail: `the answer is over ${request.maxAnswerBytes} bytes` };
      if (response.ok) return parseCompletion(text, request);
      lastFailure = { code: response.status === 429 ? 'throttled' : response.status >= 500 ? 'provider_error' : 'request_refused', detail: `HTTP ${response.status}: ${excerpt(text)}` };
      if (lastFailure.code === 'request_refused' || attempt === this.options.maxAttempts) break;
      const waited = await sleep(retryDelay(attempt, response.headers.get('retry-after'), this.options.random ?? Math.random), signal);
      if (!waited) return { code: 'timeout', detail: `timed out waiting to retry after ${lastFailure.detail}` };
    }
    return lastFailure ?? { code: 'provider_error', detail: 'no attempt made' };
  }
}

function parseCompletion(text: string, request: ModelRequest): ModelReply | ModelFailure {
  let completion: ChatCompletion;
  try {
    completion = JSON.parse(text) as ChatCompletion;
  } catch {
    return { code: 'malformed_answer', detail: `the response is not JSON: ${excerpt(text)}` };
  }
  const billed = { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
  const choice = completion.choices?.[0];
  const message = choice?.message;
  if (message?.refusal) return { code: 'refusal', detail: excerpt(message.refusal), ...billed };
  if (choice?.finish_reason === 'length') return { code: 'oversized_answer', detail: `the answer reached max_tokens ${request.maxOutputTokens}`, ...billed };
  const content = message?.content;
  if (typeof content !== 'string' || content.trim() === '') return { code: 'malformed_answer', detail: 'no message content', ...billed };
  try {
    return { answer: JSON.parse(content) as unknown, ...billed };
  } catch {
    // A model that ignores the response format answers in prose.
    return /^\s*[[{]/.test(content) ? { code: 'malformed_answer', detail: `the content is not JSON: ${excerpt(content)}`, ...billed } : { code: 'refusal', detail: excerpt(content), ...billed };
  }
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never read.
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function retryDelay(failedAttempt: number, retryAfter: string | null, random: () => number): number {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  const jittered = Math.floor(random() * Math.min(4000, 250 * 2 ** (failedAttempt - 1)));
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(seconds * 1000, jittered) : jittered;
}

/** Waits, unless the signal ends first: false then. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
