import type { Candle } from '../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../lib/domain/candleWindow.js';
import type { Plan } from '../../lib/domain/plan.js';
import type { StrategyContext } from '../../lib/strategy/Strategy.js';
import { candlesFromCloses, ramp } from '../unit/strategy/syntheticCandles.js';

/** A strategy context over the candles, noting what the strategy notes. */
export function llmContext(candles: readonly Candle[], openPlans: readonly Plan[] = []): StrategyContext & { readonly notes: string[] } {
  const notes: string[] = [];
  return {
    symbol: 'ETH/BTC',
    timeframe: '1m',
    window: ArrayCandleWindow.of(candles),
    openPlans,
    balances: { BTC: '1' },
    notes,
    note: (reason: string) => void notes.push(reason),
  };
}

/** Forty 1m candles from 0.05 rising 0.00002 a candle, every other one 0.00006 under the trend: EMA12 above EMA26, RSI14 about 65. */
export function risingCandles(): Candle[] {
  const closes = ramp(0.05, 0.00002, 40).map((c, i) => (i % 2 === 1 ? c - 0.00006 : c));
  return candlesFromCloses(closes);
}
