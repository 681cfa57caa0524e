import { describe, expect, it } from 'vitest';
import { buildMarketSnapshot } from '../../../../lib/strategy/marketSnapshot.js';
import { buildPlanPrompt, snapshotInPrompt } from '../../../../lib/strategy/llm/buildPlanPrompt.js';
import { checkPlanAnswer } from '../../../../lib/strategy/llm/checkPlanAnswer.js';
import { PLAN_PROMPTS } from '../../../../lib/strategy/llm/planPrompts.js';
import { candlesFromCloses, ramp } from '../syntheticCandles.js';
import { llmContext, risingCandles } from '../../../support/llmContext.js';

const snapshot = buildMarketSnapshot(llmContext(risingCandles()), { candles: 5 });

/** The same symbol on 5m too: three 5m candles closed by the newest 1m candle's close. */
const fiveMinute = candlesFromCloses(ramp(0.0495, 0.0001, 3), 0.0005).map((candle, i, all) => ({ ...candle, openTime: (all[0]?.openTime ?? 0) + i * 300_000 }));
const multiTimeframe = buildMarketSnapshot(llmContext(risingCandles()), { candles: 5, otherTimeframes: { '5m': fiveMinute } });

describe('buildPlanPrompt', () => {
  it('builds the shipped template (plan-v2) for a fixed snapshot of two timeframes', () => {
    const prompt = buildPlanPrompt(multiTimeframe, 0.005);
    expect(prompt.version).toBe('plan-v2');
    expect(prompt.system).toBe(PLAN_PROMPTS['plan-v1'].system);
    expect(Object.keys(multiTimeframe.candles)).toEqual(['1m', '5m']);
    expect(prompt.prompt).toMatchSnapshot();
    expect(prompt.hash).toMatchSnapshot();
  });

  it('keeps plan-v1 loadable, its prompt for a one-timeframe snapshot unchanged', () => {
    const prompt = buildPlanPrompt(snapshot, 0.005, PLAN_PROMPTS['plan-v1']);
    expect(prompt.version).toBe('plan-v1');
    expect(prompt.system).toMatchSnapshot();
    expect(prompt.prompt).toMatchSnapshot();
    expect(prompt.hash).toMatchSnapshot();
  });

  it('carries the snapshot so it reads back whole', () => {
    expect(snapshotInPrompt(buildPlanPrompt(snapshot, 0.005).prompt)).toEqual(JSON.parse(JSON.stringify(snapshot)));
  });

  it('hashes a different snapshot differently', () => {
    const other = { ...snapshot, lastPrice: snapshot.lastPrice + 0.00001 };
    expect(buildPlanPrompt(other, 0.005).hash).not.toBe(buildPlanPrompt(snapshot, 0.005).hash);
  });
});

describe('checkPlanAnswer', () => {
  const limits = { symbol: 'ETH/BTC', lastPrice: 100, entryBand: 0.01, minConfidence: 0.5, timeframeMs: 60_000 };
  const answer = { action: 'enter', entry: 100.5, stop: 98, target: 105, confidence: 0.6, horizonCandles: 10, reason: 'trend' };

  it('turns a sound answer into a long proposal with pWin and maxAgeMs, and no amount', () => {
    expect(checkPlanAnswer(answer, limits)).toEqual({
      kind: 'proposal',
      proposal: { symbol: 'ETH/BTC', side: 'long', entry: 100.5, stop: 98, target: 105, pWin: 0.6, maxAgeMs: 600_000, reason: 'llm: trend' },
    });
  });

  it.each([
    ['an amount (the model never sizes)', { ...answer, amount: 5 }, 'malformed_answer'],
    ['a confidence over 1', { ...answer, confidence: 1.5 }, 'malformed_answer'],
    ['a string price', { ...answer, entry: '100' }, 'malformed_answer'],
    ['no stop', { ...answer, stop: null }, 'missing_levels'],
    ['an infinite target', { ...answer, target: Infinity }, 'malformed_answer'],
    ['an implausible target', { ...answer, target: 1e300 }, 'missing_levels'],
    ['an entry 1.01 % off the last price', { ...answer, entry: 101.01, target: 110 }, 'entry_outside_band'],
    ['a stop above the entry', { ...answer, stop: 101 }, 'levels_out_of_order'],
    ['a target under the entry', { ...answer, target: 100 }, 'levels_out_of_order'],
    ['a confidence under the minimum', { ...answer, confidence: 0.4 }, 'low_confidence'],
  ])('refuses %s', (_what, raw, code) => {
    const checked = checkPlanAnswer(raw, limits);
    expect(checked.kind === 'rejected' ? checked.rejection.code : checked.kind).toBe(code);
  });

  it('takes none as no proposal, with its reason', () => {
    expect(checkPlanAnswer({ ...answer, action: 'none', entry: null, stop: null, target: null, horizonCandles: null }, limits)).toEqual({ kind: 'none', reason: 'trend' });
  });
});
