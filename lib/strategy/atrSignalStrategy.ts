import { atrLongProposal } from './atrLongProposal.js';
import { IncrementalIndicators, type IndicatorSet } from './IncrementalIndicators.js';
import { NO_PROPOSALS, type QuietRun, type StrategyContext, type SynchronousStrategy } from './Strategy.js';
import type { AtrExitParams } from './strategyParams.js';

export interface AtrSignalIndicators extends IndicatorSet {
  readonly atrValue: number;
  isStable(): boolean;
}

export interface AtrSignalSpec<S extends AtrSignalIndicators> {
  readonly name: string;
  readonly warmupCandles: number;
  readonly params: AtrExitParams;
  readonly createIndicators: () => S;
  /** Whether to go long on the newest candle; called only once the indicators are stable. */
  readonly signals: (indicators: S) => boolean;
  /** Why, for the proposal: called only when `signals` said yes. */
  readonly reason: (indicators: S) => string;
}

/**
 * The shape both built-ins share: incremental indicators per series, a long signal on the
 * newest candle, and stop and target a number of ATRs from the close.
 */
export function atrSignalStrategy<S extends AtrSignalIndicators>(spec: AtrSignalSpec<S>): SynchronousStrategy {
  const series = new IncrementalIndicators(spec.createIndicators);
  // Whether to propose on the newest candle of a warm window: evaluate's test, and skipQuiet's (its runs start warm).
  const signals = (indicators: S): boolean => indicators.isStable() && indicators.atrValue > 0 && spec.signals(indicators);
  const quiet = (indicators: S): boolean => !signals(indicators);
  return {
    name: spec.name,
    warmupCandles: spec.warmupCandles,
    evaluate(context: StrategyContext) {
      const { window } = context;
      if (window.length === 0) return NO_PROPOSALS;
      const indicators = series.advance(context.symbol, context.timeframe, window);
      if (window.length < spec.warmupCandles || !signals(indicators)) return NO_PROPOSALS;
      return atrLongProposal(context, indicators.atrValue, spec.params, spec.reason(indicators));
    },
    skipQuiet(run: QuietRun): number {
      return series.feedWhile(run.symbol, run.timeframe, run.candles, run.from, run.to, quiet);
    },
  };
}
