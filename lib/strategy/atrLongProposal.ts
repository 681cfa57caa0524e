import { timeframeMs } from '../domain/candle.js';
import type { PlanProposal } from '../domain/plan.js';
import type { StrategyContext } from './Strategy.js';
import type { AtrExitParams } from './strategyParams.js';

/** A long at the newest close, with stop and target a number of ATRs away. */
export function atrLongProposal(context: StrategyContext, atr: number, params: AtrExitParams, reason: string): readonly PlanProposal[] {
  const close = context.window.last().close;
  const proposal: PlanProposal = {
    symbol: context.symbol,
    side: 'long',
    entry: close,
    stop: close - params.stopAtr * atr,
    target: close + params.targetAtr * atr,
    reason,
    ...(params.trailingStopPct !== undefined && { trailingStopPct: params.trailingStopPct }),
    ...(params.maxAgeCandles !== undefined && { maxAgeMs: params.maxAgeCandles * timeframeMs(context.timeframe) }),
  };
  return Object.freeze([Object.freeze(proposal)]);
}

/**
 * Indicator values in reasons: eight significant digits, no trailing zeros. Every proposal
 * builds its reason, most are refused, so the common plain form only strips the zeros of
 * toPrecision's text (what String(Number(text)) gives for it); exponent forms go the long way.
 */
export function formatValue(value: number): string {
  const text = value.toPrecision(8);
  if (text.includes('e') || !text.includes('.')) return String(Number(text));
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  const plain = text.slice(0, end);
  return plain === '-0' ? '0' : plain;
}
