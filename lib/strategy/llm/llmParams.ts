import * as z from 'zod';
import { DEFAULT_PLAN_PROMPT, PLAN_PROMPT_VERSIONS } from './planPrompts.js';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

/**
 * When the model is asked. `every-candle`; `every-n`: on candles whose open time is a
 * multiple of `everyNCandles` timeframes (the same candles after a cold start);
 * `indicator`: when EMA12 crosses EMA26, or RSI14 is at or beyond `rsiLow` / `rsiHigh`.
 */
export const PreFilterSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('every-candle') }),
  z.strictObject({ kind: z.literal('every-n'), everyNCandles: z.number().int().min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('indicator'), rsiLow: z.number().min(0).max(100).default(30), rsiHigh: z.number().min(0).max(100).default(70) }),
]);
export type PreFilter = z.output<typeof PreFilterSchema>;

/** Prices of Amazon Nova Micro on Bedrock (us-east-1, on demand, 2026-12): USD per million tokens. */
export const DEFAULT_MODEL_PRICES = { inputPerMillionUsd: '0.035', outputPerMillionUsd: '0.14' } as const;

/** The `llm` strategy's params (strategy.params in the bot configuration). */
export const LlmParamsSchema = z
  .strictObject({
    /** `bedrock`: the Converse API with tool use; `openai`: any Chat Completions endpoint with `response_format`. */
    provider: z.enum(['bedrock', 'openai']).default('bedrock'),
    modelId: z.string().min(1).max(200).default('amazon.nova-micro-v1:0'),
    /** Bedrock's region; the function's own when left out. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1').optional(),
    /** The Chat Completions base URL (openai), e.g. `http://localhost:11434` for Ollama; `/v1/chat/completions` is appended. */
    endpoint: z.url().optional(),
    /** Secrets Manager secret (name or ARN) holding the endpoint's API key as its string (openai); none for a keyless local server. */
    apiKeySecretId: z.string().min(1).max(2048).optional(),
    /** The entry must lie within this fraction of the last price (0.005 = 0.5 %). */
    entryBand: z.number().gt(0).max(0.5).default(0.005),
    /** Confidence the answer must state to be proposed; risk and any pWin rule still judge it. */
    minConfidence: z.number().min(0).max(1).default(0),
    /** One call, retries included, must end within this; the decide budget caps it further. */
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Attempts of a throttled or failed call, the first included. */
    maxAttempts: z.number().int().min(1).max(5).default(3),
    /** Tokens the answer may take; a longer answer is cut off by the provider and refused. */
    maxOutputTokens: z.number().int().min(50).max(4000).default(400),
    /** Bytes of answer read; beyond it the answer is refused (`oversized_answer`). */
    maxAnswerBytes: z.number().int().min(256).max(1_000_000).default(8192),
    prices: z.strictObject({ inputPerMillionUsd: decimalString, outputPerMillionUsd: decimalString }).default(DEFAULT_MODEL_PRICES),
    /** USD a UTC day may spend on calls; once spent, no call until the next day. */
    dailyBudgetUsd: decimalString.default('1'),
    preFilter: PreFilterSchema.default({ kind: 'every-n', everyNCandles: 12 }),
    /** Candles of the window shown to the model. */
    promptCandles: z.number().int().min(5).max(500).default(30),
    /** Candles before the first call: the indicators' warm-up. */
    warmupCandles: z.number().int().min(2).max(1000).default(30),
    /** The prompt template's version (lib/strategy/llm/planPrompts.ts); an older one replays answers recorded with it. */
    promptVersion: z.enum(PLAN_PROMPT_VERSIONS).default(DEFAULT_PLAN_PROMPT),
  })
  .superRefine((p, ctx) => {
    if (p.provider === 'openai' && p.endpoint === undefined) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'the openai provider needs the endpoint URL' });
    if (p.provider === 'bedrock' && p.apiKeySecretId !== undefined) ctx.addIssue({ code: 'custom', path: ['apiKeySecretId'], message: 'Bedrock is called with the function\'s IAM role, not a key' });
    if (p.preFilter.kind === 'indicator' && p.preFilter.rsiLow >= p.preFilter.rsiHigh) ctx.addIssue({ code: 'custom', path: ['preFilter', 'rsiLow'], message: 'must be below rsiHigh' });
  });
export type LlmParams = z.output<typeof LlmParamsSchema>;
