import * as z from 'zod';
import type { Candle } from '../../domain/candle.js';

/**
 * The stop and target rule a model strategy proposes, and the one its labels were made
 * with: stop and target a number of ATRs (the feature set's mean true range) from the close,
 * and a maximum age in candles. The model card carries it, and the strategy proposes with
 * the card's rule, so pWin means what the model learnt.
 */
export const BarrierRuleSchema = z.strictObject({
  stopAtr: z.number().finite().positive(),
  targetAtr: z.number().finite().positive(),
  maxAgeCandles: z.number().int().min(1).max(10_000),
});
export type BarrierRule = z.infer<typeof BarrierRuleSchema>;

export const DEFAULT_BARRIER_RULE: BarrierRule = Object.freeze({ stopAtr: 1.5, targetAtr: 3, maxAgeCandles: 48 });

export interface BarrierLevels {
  readonly stop: number;
  readonly target: number;
}

export function barrierLevels(close: number, atr: number, rule: BarrierRule): BarrierLevels {
  return { stop: close - rule.stopAtr * atr, target: close + rule.targetAtr * atr };
}

/** The label's outcome: 1 when the target is reached first, 0 for the stop or the max age. */
export type BarrierOutcome = 0 | 1;

/**
 * The triple-barrier label of a long entered at the close of candles[entryIndex]: 1 when a
 * later candle's high reaches the target before any low reaches the stop, within
 * maxAgeCandles candles; a candle that touches both counts as the stop (the high and low
 * do not say which came first, and the worse one is assumed). Undefined when the candles end
 * (or a gap comes) before the outcome is known: `contiguousUntil` is the last index of the
 * entry's gap-free run.
 */
export function tripleBarrierLabel(
  candles: readonly Candle[],
  entryIndex: number,
  levels: BarrierLevels,
  rule: BarrierRule,
  contiguousUntil: number,
): BarrierOutcome | undefined {
  for (let age = 1; age <= rule.maxAgeCandles; age++) {
    const i = entryIndex + age;
    if (i > contiguousUntil) return undefined;
    const c = candles[i] as Candle;
    if (c.low <= levels.stop) return 0;
    if (c.high >= levels.target) return 1;
  }
  return 0;
}
