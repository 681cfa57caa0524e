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

/** Indicator values in reasons: eight significant digits, no trailing zeros. */
export function formatValue(value: number): string {
  return String(Number(value.toPrecision(8)));
}
