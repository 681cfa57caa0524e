import { describe, expect, it } from 'vitest';
import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import { InvalidInputError } from '../../../lib/domain/errors.js';
import { createEmaCrossover } from '../../../lib/strategy/emaCrossover.js';
import { NO_PROPOSALS } from '../../../lib/strategy/Strategy.js';
import { readSharedCandles } from '../../support/sharedCandles.js';
import { referenceAtr, referenceEma } from './referenceIndicators.js';
import { contextFor, replayStrategy } from './replayStrategy.js';
import { MINUTE, candlesFromCloses, ramp, withGapBefore } from './syntheticCandles.js';

const SMALL = { fastPeriod: 3, slowPeriod: 5, atrPeriod: 3, stopAtr: 2, targetAtr: 4 };
/** Falls for 20 candles, then rises: EMA3 crosses above EMA5 on candle 22 (0.845 > 0.84074). */
const closes = [...ramp(1, -0.01, 20), ...ramp(0.82, 0.02, 10)];
const candles = candlesFromCloses(closes);

describe('Function: createEmaCrossover', () => {
  it('proposes a long exactly on the candle where the fast EMA crosses above the slow EMA', () => {
    const fast = referenceEma(closes, 3);
    const slow = referenceEma(closes, 5);
    const atr = referenceAtr(candles, 3);
    const crossings = closes.map((_, i) => i).filter((i) => i > 0 && fast[i - 1]! <= slow[i - 1]! && fast[i]! > slow[i]!);
    expect(crossings).toEqual([22]);

    const replayed = replayStrategy(createEmaCrossover(SMALL), candles);

    expect(replayed.map((r) => r.index)).toEqual([22]);
    expect(replayed[0]!.proposals).toEqual([
      {
        symbol: 'ETH/BTC',
        side: 'long',
        entry: 0.86,
        stop: closes[22]! - 2 * atr[22]!,
        target: closes[22]! + 4 * atr[22]!,
        reason: 'EMA3 crossed above EMA5 (0.845 > 0.84073807), ATR3 0.019554553',
      },
    ]);
  });

  it('proposes nothing while the window is shorter than the warm-up, even across a crossing', () => {
    // A rise from the first candle: EMA3 passes EMA5 on candle 1, long before either is stable.
    const rising = candlesFromCloses(ramp(1, 0.01, 12));
    const strategy = createEmaCrossover(SMALL);
    expect(strategy.warmupCandles).toBe(6);
    expect(replayStrategy(strategy, rising)).toEqual([]);
  });

  it('proposes nothing after a gap restart until the new window is warm again', () => {
    // A gap before candle 19 restarts the window there: on candle 22 it holds 4 of the 6 candles needed.
    const gapped = withGapBefore(candles, 19);
    expect(replayStrategy(createEmaCrossover(SMALL), gapped)).toEqual([]);

    // With the gap before candle 10, the window is warm again by candle 22, and its indicators
    // start afresh after the gap: the same answer as for the candles after the gap alone.
    const afterEarlierGap = replayStrategy(createEmaCrossover(SMALL), withGapBefore(candles, 10));
    const afterGapAlone = replayStrategy(createEmaCrossover(SMALL), candles.slice(10));
    expect(afterEarlierGap.map((r) => r.index)).toEqual([22]);
    expect(afterEarlierGap[0]!.proposals).toEqual(afterGapAlone[0]!.proposals);
  });

  it('returns the shared empty answer on a candle without a signal', () => {
    const context = contextFor(new ArrayCandleWindow(candles, 0, 21));
    expect(createEmaCrossover(SMALL).evaluate(context)).toBe(NO_PROPOSALS);
    expect(createEmaCrossover(SMALL).evaluate(contextFor(new ArrayCandleWindow(candles, 0, 0)))).toBe(NO_PROPOSALS);
  });

  it('gives the same answer when the same candle is evaluated twice', () => {
    const strategy = createEmaCrossover(SMALL);
    const context = contextFor(new ArrayCandleWindow(candles, 0, 23));
    replayStrategy(strategy, candles.slice(0, 22));
    const first = strategy.evaluate(context);
    expect(first).toHaveLength(1);
    expect(strategy.evaluate(context)).toEqual(first);
  });

  it('carries the trailing stop and the maximum age, in milliseconds, into the proposal', () => {
    const strategy = createEmaCrossover({ ...SMALL, trailingStopPct: 0.02, maxAgeCandles: 30 });
    const [proposal] = replayStrategy(strategy, candles)[0]!.proposals;
    expect(proposal).toMatchObject({ trailingStopPct: 0.02, maxAgeMs: 30 * MINUTE });
  });

  it('proposes longs over ETH/BTC 1m with the stop below and the target above the entry', () => {
    const eth = readSharedCandles('ETH_BTC-1m.json');
    const replayed = replayStrategy(createEmaCrossover(), eth, { windowSize: 300 });
    expect(replayed.length).toBeGreaterThan(10);
    for (const { index, proposals } of replayed) {
      expect(proposals).toHaveLength(1);
      const p = proposals[0]!;
      expect(p.entry).toBe(eth[index]!.close);
      expect(p.stop).toBeLessThan(p.entry);
      expect(p.target).toBeGreaterThan(p.entry);
      expect(p.reason).toMatch(/^EMA12 crossed above EMA26 \(\S+ > \S+\), ATR14 \S+$/);
    }
  });

  describe('params', () => {
    it('defaults to EMA 12/26 with ATR 14, warm after 27 candles', () => {
      expect(createEmaCrossover({})).toMatchObject({ name: 'ema-crossover', warmupCandles: 27 });
    });

    it('names the field when the fast period is not below the slow one', () => {
      expect(() => createEmaCrossover({ fastPeriod: 26, slowPeriod: 12 })).toThrow(
        'strategy.params: fastPeriod: must be less than slowPeriod (fastPeriod 26, slowPeriod 12)',
      );
    });

    it('rejects an unknown key, a wrong type and a non-positive multiple as invalid input', () => {
      expect(() => createEmaCrossover({ fastPeriod: 12, slowPeriods: 30 })).toThrow(/strategy\.params.*slowPeriods/);
      expect(() => createEmaCrossover({ atrPeriod: '14' })).toThrow(InvalidInputError);
      expect(() => createEmaCrossover({ atrPeriod: '14' })).toThrow(/^strategy\.params: atrPeriod: /);
      expect(() => createEmaCrossover({ stopAtr: 0 })).toThrow(/^strategy\.params: stopAtr: /);
      expect(() => createEmaCrossover({ trailingStopPct: 1 })).toThrow(/^strategy\.params: trailingStopPct: /);
    });
  });
});
