import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../lib/domain/errors.js';
import { createRsiMeanReversion } from '../../../lib/strategy/rsiMeanReversion.js';
import { readSharedCandles } from '../../support/sharedCandles.js';
import { referenceAtr, referenceRsi } from './referenceIndicators.js';
import { replayStrategy } from './replayStrategy.js';
import { candlesFromCloses, ramp } from './syntheticCandles.js';

const SMALL = { period: 5, atrPeriod: 3, stopAtr: 1.5, targetAtr: 3 };
/** A 25-candle sell-off, then a bounce: RSI5 goes 0 → 20 → 28.9 → 37.6, crossing 30 on candle 27. */
const closes = [...ramp(1, -0.01, 25), ...ramp(0.77, 0.005, 6)];
const candles = candlesFromCloses(closes);

describe('Function: createRsiMeanReversion', () => {
  it('proposes a long on the candle where the RSI crosses up through oversold', () => {
    const rsi = referenceRsi(closes, 5);
    const atr = referenceAtr(candles, 3);
    expect([rsi[26]! <= 30, rsi[27]! > 30]).toEqual([true, true]);

    const replayed = replayStrategy(createRsiMeanReversion(SMALL), candles);

    expect(replayed.map((r) => r.index)).toEqual([27]);
    expect(replayed[0]!.proposals).toEqual([
      {
        symbol: 'ETH/BTC',
        side: 'long',
        entry: closes[27],
        stop: closes[27]! - 1.5 * atr[27]!,
        target: closes[27]! + 3 * atr[27]!,
        reason: 'RSI5 crossed above 30 (28.888889 → 37.560976), ATR3 0.01122209',
      },
    ]);
  });

  it('proposes nothing while the RSI stays below oversold or falls through it', () => {
    const stillFalling = candlesFromCloses([...ramp(1, -0.01, 25), 0.765, 0.763]);
    const fallingThrough = candlesFromCloses([...ramp(0.7, 0.01, 25), ...ramp(0.94, -0.02, 8)]);
    expect(replayStrategy(createRsiMeanReversion(SMALL), stillFalling)).toEqual([]);
    expect(replayStrategy(createRsiMeanReversion(SMALL), fallingThrough)).toEqual([]);
  });

  it('uses the oversold level it is given', () => {
    // RSI5 passes 40 between candles 27 (37.6) and 28 (45.8).
    const replayed = replayStrategy(createRsiMeanReversion({ ...SMALL, oversold: 40 }), candles);
    expect(replayed.map((r) => r.index)).toEqual([28]);
  });

  it('proposes longs over ETH/BTC 1m with the stop below and the target above the entry', () => {
    const eth = readSharedCandles('ETH_BTC-1m.json');
    const replayed = replayStrategy(createRsiMeanReversion(), eth, { windowSize: 300 });
    expect(replayed.length).toBeGreaterThan(10);
    for (const { proposals } of replayed) {
      const p = proposals[0]!;
      expect(p.stop).toBeLessThan(p.entry);
      expect(p.target).toBeGreaterThan(p.entry);
    }
  });

  describe('params', () => {
    it('defaults to RSI 14 and ATR 14, warm after 16 candles', () => {
      expect(createRsiMeanReversion({})).toMatchObject({ name: 'rsi-mean-reversion', warmupCandles: 16 });
    });

    it('names the field of an invalid param', () => {
      expect(() => createRsiMeanReversion({ oversold: 100 })).toThrow(/^strategy\.params: oversold: /);
      expect(() => createRsiMeanReversion({ period: 1 })).toThrow(/^strategy\.params: period: /);
      expect(() => createRsiMeanReversion({ overbought: 70 })).toThrow(InvalidInputError);
    });
  });
});
