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
  /** Why to go long on the newest candle, or undefined for no signal; called only once the indicators are stable. */
  readonly signal: (indicators: S) => string | undefined;
}

/**
 * The shape both built-ins share: incremental indicators per series, a long signal on the
 * newest candle, and stop and target a number of ATRs from the close.
 */
export function atrSignalStrategy<S extends AtrSignalIndicators>(spec: AtrSignalSpec<S>): SynchronousStrategy {
  const series = new IncrementalIndicators(spec.createIndicators);
  // Why to propose on the newest candle of a warm window, or undefined: evaluate's test, and skipQuiet's (its runs start warm).
  const signal = (indicators: S): string | undefined => (indicators.isStable() && indicators.atrValue > 0 ? spec.signal(indicators) : undefined);
  const quiet = (indicators: S): boolean => signal(indicators) === undefined;
  return {
    name: spec.name,
    warmupCandles: spec.warmupCandles,
    evaluate(context: StrategyContext) {
      const { window } = context;
      if (window.length === 0) return NO_PROPOSALS;
      const indicators = series.advance(context.symbol, context.timeframe, window);
      const reason = window.length < spec.warmupCandles ? undefined : signal(indicators);
      return reason === undefined ? NO_PROPOSALS : atrLongProposal(context, indicators.atrValue, spec.params, reason);
    },
    skipQuiet(run: QuietRun): number {
      return series.feedWhile(run.symbol, run.timeframe, run.candles, run.from, run.to, quiet);
    },
  };
}
