import type { Strategy, StrategyFactory } from '../../../lib/strategy/Strategy.js';

/**
 * The chaos suite's strategy: a long on every candle with a stop 0.3 % below, a target
 * 0.5 % above and a 15-minute life, so that a two-hour run enters, stops out, takes profit
 * and times out many times, and every fault has orders to land on.
 */
const createChurn: StrategyFactory = (): Strategy => ({
  name: 'churn',
  warmupCandles: 1,
  evaluate({ symbol, window }) {
    const close = window.last().close;
    return [{ symbol, side: 'long', entry: close, stop: close * 0.997, target: close * 1.005, maxAgeMs: 15 * 60_000, reason: 'churn' }];
  },
});

export default createChurn;
