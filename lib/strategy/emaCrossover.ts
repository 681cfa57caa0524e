import { ATR, EMA } from 'trading-signals';
import { z } from 'zod';
import type { Candle } from '../domain/candle.js';
import { parseWith } from '../domain/validation.js';
import { atrLongProposal, formatValue } from './atrLongProposal.js';
import { IncrementalIndicators, type IndicatorSet } from './IncrementalIndicators.js';
import { NO_PROPOSALS, type Strategy, type StrategyContext } from './Strategy.js';
import { atrMultiple, exitParams, period } from './strategyParams.js';

export const EmaCrossoverParamsSchema = z
  .strictObject({
    fastPeriod: period(12),
    slowPeriod: period(26),
    atrPeriod: period(14),
    stopAtr: atrMultiple(2),
    targetAtr: atrMultiple(4),
    ...exitParams,
  })
  .superRefine((p, ctx) => {
    if (p.fastPeriod >= p.slowPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['fastPeriod'],
        message: `must be less than slowPeriod (fastPeriod ${p.fastPeriod}, slowPeriod ${p.slowPeriod})`,
      });
    }
  });
export type EmaCrossoverParams = z.output<typeof EmaCrossoverParamsSchema>;

class EmaCrossoverIndicators implements IndicatorSet {
  private readonly fast: EMA;
  private readonly slow: EMA;
  private readonly atr: ATR;
  private settled = false;
  previousFast = NaN;
  previousSlow = NaN;
  fastValue = NaN;
  slowValue = NaN;
  atrValue = NaN;

  constructor(params: EmaCrossoverParams) {
    this.fast = new EMA(params.fastPeriod);
    this.slow = new EMA(params.slowPeriod);
    this.atr = new ATR(params.atrPeriod);
  }

  add(candle: Candle): void {
    this.previousFast = this.fastValue;
    this.previousSlow = this.slowValue;
    this.fastValue = this.fast.add(candle.close) ?? NaN;
    this.slowValue = this.slow.add(candle.close) ?? NaN;
    this.atrValue = this.atr.add(candle) ?? NaN;
  }

  /** Indicators never become unstable again, so the (throwing) library check runs only while warming up. */
  isStable(): boolean {
    if (!this.settled) this.settled = this.fast.isStable && this.slow.isStable && this.atr.isStable;
    return this.settled;
  }
}

/**
 * Goes long when the fast EMA closes above the slow EMA, having been at or below it on the
 * candle before. Stop and target are ATR multiples from the close.
 */
export function createEmaCrossover(rawParams: Readonly<Record<string, unknown>> = {}): Strategy {
  const params = parseWith(EmaCrossoverParamsSchema, rawParams, 'strategy.params');
  const series = new IncrementalIndicators(() => new EmaCrossoverIndicators(params));
  // The crossing compares with the candle before, so the slow EMA must be stable one candle early.
  const warmupCandles = Math.max(params.slowPeriod + 1, params.atrPeriod);

  return {
    name: 'ema-crossover',
    warmupCandles,
    evaluate(context: StrategyContext) {
      const { window } = context;
      if (window.length === 0) return NO_PROPOSALS;
      const ind = series.advance(context.symbol, context.timeframe, window);
      if (window.length < warmupCandles || !ind.isStable()) return NO_PROPOSALS;
      const crossedUp = ind.previousFast <= ind.previousSlow && ind.fastValue > ind.slowValue;
      if (!crossedUp || !(ind.atrValue > 0)) return NO_PROPOSALS;
      const reason =
        `EMA${params.fastPeriod} crossed above EMA${params.slowPeriod} ` +
        `(${formatValue(ind.fastValue)} > ${formatValue(ind.slowValue)}), ATR${params.atrPeriod} ${formatValue(ind.atrValue)}`;
      return atrLongProposal(context, ind.atrValue, params, reason);
    },
  };
}
