import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import type { PlanProposal } from '../../../lib/domain/plan.js';
import { createEmaCrossover } from '../../../lib/strategy/emaCrossover.js';
import { createRsiMeanReversion } from '../../../lib/strategy/rsiMeanReversion.js';
import type { SynchronousStrategy } from '../../../lib/strategy/Strategy.js';
import { readSharedCandles } from '../../support/sharedCandles.js';
import { contextFor, evaluateCold, windowStarts, type ReplayOptions } from './replayStrategy.js';

/** ETH/BTC has one gap, before candle 5785. */
const eth = readSharedCandles('ETH_BTC-1m.json');

/** Every answer, candle by candle, from one strategy that keeps its indicators between calls. */
function answersIncrementally(strategy: SynchronousStrategy, candles: readonly Candle[], options: ReplayOptions = {}): (readonly PlanProposal[])[] {
  const starts = windowStarts(candles, options);
  const window = new ArrayCandleWindow(candles, 0, 0);
  const context = contextFor(window, options);
  return candles.map((_, i) => {
    window.moveTo(starts[i]!, i + 1);
    return strategy.evaluate(context);
  });
}

/** Every proposal candle, the candles around the gap, and 200 others spread over the file. */
function checkpoints(answers: readonly (readonly PlanProposal[])[]): number[] {
  const proposing = answers.flatMap((a, i) => (a.length > 0 ? [i] : []));
  const spread = Array.from({ length: 200 }, (_, k) => Math.floor((k * answers.length) / 200));
  return [...new Set([...proposing, ...spread, 5784, 5785, 5786, 5800, 5811, 5812, answers.length - 1])];
}

describe.each([
  ['ema-crossover', () => createEmaCrossover({ fastPeriod: 5, slowPeriod: 13, atrPeriod: 14 })],
  ['rsi-mean-reversion', () => createRsiMeanReversion({})],
])('Class: IncrementalIndicators, through %s', (_name, create) => {
  it('gives, candle by candle, exactly the answer of a cold evaluation of the same window', () => {
    const answers = answersIncrementally(create(), eth);
    const starts = windowStarts(eth);
    expect(answers.filter((a) => a.length > 0).length).toBeGreaterThan(20);
    for (const i of checkpoints(answers)) {
      expect(answers[i], `candle ${i}`).toEqual(evaluateCold(create, eth, starts[i]!, i));
    }
  });

  it('rebuilds on an older candle redelivered, then carries on from there', () => {
    const strategy = create();
    const starts = windowStarts(eth);
    const incremental = answersIncrementally(strategy, eth.slice(0, 3000));
    const window = new ArrayCandleWindow(eth, 0, 0);
    const context = contextFor(window);
    for (let i = 2900; i < 3100; i++) {
      window.moveTo(starts[i]!, i + 1);
      expect(strategy.evaluate(context), `candle ${i}`).toEqual(i < 3000 ? incremental[i] : evaluateCold(create, eth, 0, i));
    }
  });

  it('keeps each symbol apart when their candles arrive interleaved', () => {
    const ada = readSharedCandles('ADA_BTC-1m.json').slice(0, 4000);
    const ethPart = eth.slice(0, 4000);
    const alone = [answersIncrementally(create(), ethPart), answersIncrementally(create(), ada, { symbol: 'ADA/BTC' })];
    const shared = create();
    const windows = [new ArrayCandleWindow(ethPart, 0, 0), new ArrayCandleWindow(ada, 0, 0)];
    const contexts = [contextFor(windows[0]!), contextFor(windows[1]!, { symbol: 'ADA/BTC' })];
    const starts = [windowStarts(ethPart), windowStarts(ada)];
    for (let i = 0; i < 4000; i++) {
      for (const s of [0, 1]) {
        windows[s]!.moveTo(starts[s]![i]!, i + 1);
        expect(shared.evaluate(contexts[s]!)).toEqual(alone[s]![i]);
      }
    }
  });

  it('over a sliding 300-candle window, proposes on the same candles as a cold evaluation, at levels within 1e-9', () => {
    const options = { windowSize: 300 };
    const answers = answersIncrementally(create(), eth, options);
    const starts = windowStarts(eth, options);
    for (const i of checkpoints(answers)) {
      const cold = evaluateCold(create, eth, starts[i]!, i, options);
      expect(answers[i]!.length, `candle ${i}`).toBe(cold.length);
      for (const [k, p] of answers[i]!.entries()) {
        expect(p.entry).toBe(cold[k]!.entry);
        expect(Math.abs(p.stop / cold[k]!.stop - 1)).toBeLessThan(1e-9);
        expect(Math.abs(p.target / cold[k]!.target - 1)).toBeLessThan(1e-9);
      }
    }
  });
});
