import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../../../lib/adapters/llm/createLanguageModel.js';
import { type ModelFault, LoopbackModelServer } from '../../../lib/local/llm/LoopbackModelServer.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { noMetrics } from '../../../lib/ports/Metrics.js';
import { type LlmParams, LlmParamsSchema } from '../../../lib/strategy/llm/llmParams.js';
import { LlmStrategy } from '../../../lib/strategy/llm/LlmStrategy.js';
import { llmContext, risingCandles } from '../../support/llmContext.js';

let server: LoopbackModelServer;
beforeAll(async () => {
  server = await LoopbackModelServer.start();
});
afterAll(() => server.close());

const noSecrets = () => new SecretsManagerClient({ region: 'us-east-1' });

async function strategyFor(provider: 'bedrock' | 'openai', timeoutMs = 400): Promise<{ strategy: LlmStrategy; params: LlmParams }> {
  const params = LlmParamsSchema.parse({
    provider,
    ...(provider === 'openai' ? { endpoint: 'http://unused.invalid', modelId: 'loopback-chat' } : {}),
    preFilter: { kind: 'every-candle' },
    timeoutMs,
    maxAttempts: 2,
    warmupCandles: 30,
  });
  const model = await createLanguageModel(params, noSecrets, { endpoint: server.urlFor(provider), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { strategy: new LlmStrategy(params, { model, logger: silentLogger, metrics: noMetrics }), params };
}

/** Each fault, how often it is queued (every attempt for a retried one), and the reason it must leave. */
const FAULTS: readonly (readonly [ModelFault, number, string])[] = [
  ['throttle', 2, 'llm: throttled'],
  ['server_error', 2, 'llm: provider_error'],
  ['hang', 1, 'llm: timeout'],
  ['malformed_json', 1, 'llm: malformed_answer'],
  ['prose', 1, 'llm: refusal'],
  ['absurd_numbers', 1, 'llm: entry_outside_band'],
  ['oversized', 1, 'llm: oversized_answer'],
];

describe.each(['bedrock', 'openai'] as const)('LoopbackModelServer with the real %s client', (provider) => {
  it('answers by its rule: a long at the last price, 2 ATR stop, 4 ATR target, pWin from the confidence', async () => {
    const { strategy } = await strategyFor(provider);
    const candles = risingCandles();
    const context = llmContext(candles);
    const proposals = await strategy.evaluate(context);
    expect(context.notes).toEqual([]);
    expect(proposals).toHaveLength(1);
    const [proposal] = proposals;
    const last = candles.at(-1)?.close ?? NaN;
    expect(proposal?.entry).toBe(last);
    expect(proposal?.stop).toBeLessThan(last);
    expect(proposal?.target).toBeGreaterThan(last);
    expect((proposal!.target - last) / (last - proposal!.stop)).toBeCloseTo(2, 3);
    expect(proposal?.pWin).toBe(0.55);
    expect(proposal?.maxAgeMs).toBe(48 * 60_000);
  });

  it('proposes nothing, and says why, when a plan is already live on the symbol', async () => {
    const { strategy } = await strategyFor(provider);
    const context = llmContext(risingCandles(), [{ symbol: 'ETH/BTC', side: 'long', status: 'open', entry: '0.05', stop: '0.049', target: '0.052' } as never]);
    expect(await strategy.evaluate(context)).toEqual([]);
    expect(context.notes).toEqual(['llm: none: a plan is already live on the symbol']);
  });

  it('retries a throttled call and uses the answer that follows', async () => {
    // Bedrock's client waits up to a second before retrying throttling.
    const { strategy } = await strategyFor(provider, 3000);
    server.inject('throttle', 1);
    const before = provider === 'bedrock' ? server.requests.converse : server.requests.chat;
    const context = llmContext(risingCandles());
    expect(await strategy.evaluate(context)).toHaveLength(1);
    expect((provider === 'bedrock' ? server.requests.converse : server.requests.chat) - before).toBe(2);
  });

  afterEach(() => server.clearFaults());

  it.each(FAULTS)('%s: no proposal, the named reason noted, and the next call trades', async (fault, times, reason) => {
    // Long enough for Bedrock's client to wait out its throttling backoff, so throttling and not the timeout ends the call.
    const { strategy } = await strategyFor(provider, fault === 'throttle' ? 3000 : 400);
    server.inject(fault, times);
    const failed = llmContext(risingCandles());
    expect(await strategy.evaluate(failed)).toEqual([]);
    expect(failed.notes).toHaveLength(1);
    expect(failed.notes[0]?.startsWith(`${reason}: `)).toBe(true);
    const next = llmContext(risingCandles());
    expect(await strategy.evaluate(next)).toHaveLength(1);
  });
});
