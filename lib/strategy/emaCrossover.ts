import { ATR, EMA } from 'trading-signals';
import * as z from 'zod';
import type { Candle } from '../domain/candle.js';
import { parseWith } from '../domain/validation.js';
import { formatValue } from './atrLongProposal.js';
import { type AtrSignalIndicators, atrSignalStrategy } from './atrSignalStrategy.js';
import type { SynchronousStrategy } from './Strategy.js';
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

class EmaCrossoverIndicators implements AtrSignalIndicators {
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
export function createEmaCrossover(rawParams: Readonly<Record<string, unknown>> = {}): SynchronousStrategy {
  const params = parseWith(EmaCrossoverParamsSchema, rawParams, 'strategy.params');
  return atrSignalStrategy({
    name: 'ema-crossover',
    // The crossing compares with the candle before, so the slow EMA must be stable one candle early.
    warmupCandles: Math.max(params.slowPeriod + 1, params.atrPeriod),
    params,
    createIndicators: () => new EmaCrossoverIndicators(params),
    signals: (ind) => ind.previousFast <= ind.previousSlow && ind.fastValue > ind.slowValue,
    reason: (ind) =>
      `EMA${params.fastPeriod} crossed above EMA${params.slowPeriod} ` +
      `(${formatValue(ind.fastValue)} > ${formatValue(ind.slowValue)}), ATR${params.atrPeriod} ${formatValue(ind.atrValue)}`,
  });
}
