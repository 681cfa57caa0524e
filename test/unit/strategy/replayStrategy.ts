import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import { timeframeMs, type Candle, type Timeframe } from '../../../lib/domain/candle.js';
import type { PlanProposal } from '../../../lib/domain/plan.js';
import type { SynchronousStrategy, StrategyContext } from '../../../lib/strategy/Strategy.js';

export interface Replayed {
  /** Index of the candle, in the candles given, whose close produced the proposals. */
  readonly index: number;
  readonly proposals: readonly PlanProposal[];
}

export interface ReplayOptions {
  readonly symbol?: string;
  readonly timeframe?: Timeframe;
  /** Cap on the window, which then slides; unbounded by default. */
  readonly windowSize?: number;
}

export function contextFor(window: ArrayCandleWindow, options: ReplayOptions = {}): StrategyContext {
  return { symbol: options.symbol ?? 'ETH/BTC', timeframe: options.timeframe ?? '1m', window, openPlans: [], balances: {} };
}

/** Where each candle's window starts, as the runtime builds it: restarted after a gap, capped at windowSize. */
export function windowStarts(candles: readonly Candle[], options: ReplayOptions = {}): number[] {
  const stepMs = timeframeMs(options.timeframe ?? '1m');
  const cap = options.windowSize ?? Infinity;
  let runStart = 0;
  return candles.map((candle, i) => {
    if (i > 0 && candle.openTime !== candles[i - 1]!.openTime + stepMs) runStart = i;
    return Math.max(runStart, i + 1 - cap);
  });
}

/** Feeds the candles one at a time, as the decide function does, and keeps every non-empty answer. */
export function replayStrategy(strategy: SynchronousStrategy, candles: readonly Candle[], options: ReplayOptions = {}): Replayed[] {
  const starts = windowStarts(candles, options);
  const window = new ArrayCandleWindow(candles, 0, 0);
  const context = contextFor(window, options);
  const replayed: Replayed[] = [];
  for (let i = 0; i < candles.length; i++) {
    window.moveTo(starts[i]!, i + 1);
    const proposals = strategy.evaluate(context);
    if (proposals.length > 0) replayed.push({ index: i, proposals });
  }
  return replayed;
}

/** The strategy's answer for the window ending at `index`, from a strategy that has seen nothing before. */
export function evaluateCold(createStrategy: () => SynchronousStrategy, candles: readonly Candle[], start: number, index: number, options: ReplayOptions = {}): readonly PlanProposal[] {
  return createStrategy().evaluate(contextFor(new ArrayCandleWindow(candles, start, index + 1), options));
}
