import { ATR, RSI } from 'trading-signals';
import * as z from 'zod';
import type { Candle } from '../domain/candle.js';
import { parseWith } from '../domain/validation.js';
import { formatValue } from './atrLongProposal.js';
import { type AtrSignalIndicators, atrSignalStrategy } from './atrSignalStrategy.js';
import type { SynchronousStrategy } from './Strategy.js';
import { atrMultiple, exitParams, period } from './strategyParams.js';

export const RsiMeanReversionParamsSchema = z.strictObject({
  period: period(14, 2),
  /** The RSI level whose upward crossing signals the end of a sell-off. */
  oversold: z.number().gt(0).lt(100).default(30),
  atrPeriod: period(14),
  stopAtr: atrMultiple(1.5),
  targetAtr: atrMultiple(3),
  ...exitParams,
});
export type RsiMeanReversionParams = z.output<typeof RsiMeanReversionParamsSchema>;

class RsiMeanReversionIndicators implements AtrSignalIndicators {
  private readonly rsi: RSI;
  private readonly atr: ATR;
  private settled = false;
  previousRsi = NaN;
  rsiValue = NaN;
  atrValue = NaN;

  constructor(params: RsiMeanReversionParams) {
    this.rsi = new RSI(params.period);
    this.atr = new ATR(params.atrPeriod);
  }

  add(candle: Candle): void {
    this.previousRsi = this.rsiValue;
    this.rsiValue = this.rsi.add(candle.close) ?? NaN;
    this.atrValue = this.atr.add(candle) ?? NaN;
  }

  isStable(): boolean {
    if (!this.settled) this.settled = this.rsi.isStable && this.atr.isStable;
    return this.settled;
  }
}

/**
 * Goes long when the RSI closes above `oversold`, having been at or below it on the candle
 * before: the sell-off is ending. Stop and target are ATR multiples from the close.
 */
export function createRsiMeanReversion(rawParams: Readonly<Record<string, unknown>> = {}): SynchronousStrategy {
  const params = parseWith(RsiMeanReversionParamsSchema, rawParams, 'strategy.params');
  return atrSignalStrategy({
    name: 'rsi-mean-reversion',
    // RSI needs period + 1 closes; the crossing compares with the candle before.
    warmupCandles: Math.max(params.period + 2, params.atrPeriod),
    params,
    createIndicators: () => new RsiMeanReversionIndicators(params),
    signals: (ind) => ind.previousRsi <= params.oversold && ind.rsiValue > params.oversold,
    reason: (ind) =>
      `RSI${params.period} crossed above ${params.oversold} (${formatValue(ind.previousRsi)} → ${formatValue(ind.rsiValue)}), ` +
      `ATR${params.atrPeriod} ${formatValue(ind.atrValue)}`,
  });
}
