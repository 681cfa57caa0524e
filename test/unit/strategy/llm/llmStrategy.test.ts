import { describe, expect, it } from 'vitest';
import type { LanguageModel, ModelFailure, ModelReply, ModelRequest } from '../../../../lib/ports/LanguageModel.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { LlmParamsSchema } from '../../../../lib/strategy/llm/llmParams.js';
import { LlmStrategy } from '../../../../lib/strategy/llm/LlmStrategy.js';
import { candlesFromCloses } from '../syntheticCandles.js';
import { llmContext, risingCandles } from '../../../support/llmContext.js';
import { snapshotInPrompt } from '../../../../lib/strategy/llm/buildPlanPrompt.js';
import type { Candle, Timeframe } from '../../../../lib/domain/candle.js';

/** A model that answers `none` and bills a fixed token count: a unit stand-in for the provider. */
class CountingModel implements LanguageModel {
  readonly provider = 'test';
  readonly modelId = 'test';
  readonly requests: ModelRequest[] = [];
  ask(request: ModelRequest): Promise<ModelReply | ModelFailure> {
    this.requests.push(request);
    return Promise.resolve({ answer: { action: 'none', entry: null, stop: null, target: null, confidence: 0, horizonCandles: null, reason: 'flat' }, inputTokens: 1_000_000, outputTokens: 0 });
  }
}

function strategyWith(params: Record<string, unknown>) {
  const model = new CountingModel();
  const counted: string[] = [];
  const warnings: string[] = [];
  const strategy = new LlmStrategy(LlmParamsSchema.parse({ warmupCandles: 30, ...params }), {
    model,
    logger: { ...silentLogger, warn: (_fields, message) => void warnings.push(message) },
    metrics: { count: (name) => void counted.push(name), gauge: () => undefined },
  });
  return { strategy, model, counted, warnings };
}

describe('LlmStrategy', () => {
  it('stops calling once the day has spent its budget, says so once in the log, and counts each skipped candle', async () => {
    // One million input tokens at 0.035 USD a million: each call costs 0.035; the budget 0.07 allows two.
    const { strategy, model, counted, warnings } = strategyWith({ preFilter: { kind: 'every-candle' }, dailyBudgetUsd: '0.07' });
    const notes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const context = llmContext(risingCandles().slice(0, 36 + i));
      await strategy.evaluate(context);
      notes.push(...context.notes);
    }
    expect(model.requests).toHaveLength(2);
    expect(notes.slice(2)).toEqual(['llm: budget_exhausted: spent 0.07 of 0.07 USD today', 'llm: budget_exhausted: spent 0.07 of 0.07 USD today']);
    expect(counted.filter((name) => name === 'LlmBudgetExhausted')).toHaveLength(2);
    expect(warnings.filter((message) => message.startsWith('llm daily budget spent'))).toHaveLength(1);
  });

  it('asks every N candles by the candle\'s open time, so a cold process asks on the same candles', async () => {
    const { strategy, model } = strategyWith({ preFilter: { kind: 'every-n', everyNCandles: 5 } });
    const candles = risingCandles();
    for (let n = 30; n <= 40; n++) await strategy.evaluate(llmContext(candles.slice(0, n)));
    const asked = candles.filter((c) => Math.floor(c.openTime / 60_000) % 5 === 0 && candles.indexOf(c) >= 29).length;
    expect(model.requests).toHaveLength(asked);
  });

  it('asks on an indicator trigger only: an EMA cross or RSI at an extreme', async () => {
    const { strategy, model } = strategyWith({ preFilter: { kind: 'indicator', rsiLow: 1, rsiHigh: 99 } });
    // Flat then a fall, then a rise: EMA12 crosses EMA26 once each way.
    const closes = [...Array.from({ length: 30 }, (_, i) => 1 + (i % 2) * 0.001), ...Array.from({ length: 10 }, (_, i) => 0.99 - i * 0.002), ...Array.from({ length: 20 }, (_, i) => 0.97 + i * 0.004)];
    const candles = candlesFromCloses(closes, 0.0005);
    for (let n = 30; n <= candles.length; n++) await strategy.evaluate(llmContext(candles.slice(0, n)));
    expect(model.requests.length).toBeGreaterThanOrEqual(1);
    expect(model.requests.length).toBeLessThanOrEqual(3);
  });

  it('shows the model the candles of the symbol\'s other timeframes, read only for a candle it asks about', async () => {
    const { strategy, model } = strategyWith({ preFilter: { kind: 'every-n', everyNCandles: 5 }, promptCandles: 6 });
    const fiveMinute: Candle[] = [{ openTime: 0, open: 0.05, high: 0.051, low: 0.049, close: 0.0505, volume: 3 }];
    const asked: number[] = [];
    const candles = risingCandles();
    for (let n = 30; n <= 40; n++) {
      const context = { ...llmContext(candles.slice(0, n)), otherTimeframeCandles: (count: number) => (asked.push(count), { '5m': fiveMinute }) as Partial<Record<Timeframe, readonly Candle[]>> };
      await strategy.evaluate(context);
    }
    expect(model.requests.length).toBeGreaterThan(0);
    // Asked for the prompt's candle count, once per call made: the candles the pre-filter skips read nothing.
    expect(asked).toEqual(model.requests.map(() => 6));
    const snapshot = snapshotInPrompt(model.requests[0]?.prompt ?? '') as { candles: Record<string, unknown[]> };
    expect(Object.keys(snapshot.candles)).toEqual(['1m', '5m']);
    expect(snapshot.candles['5m']).toEqual([[0, 0.05, 0.051, 0.049, 0.0505, 3]]);
    expect(snapshot.candles['1m']).toHaveLength(6);
  });
});
