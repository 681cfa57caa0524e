import { snapshotInPrompt } from '../../strategy/llm/buildPlanPrompt.js';
import type { PlanAnswer } from '../../strategy/llm/planAnswer.js';

interface SeenSnapshot {
  readonly symbol?: unknown;
  readonly lastPrice?: unknown;
  readonly indicators?: { readonly ema12?: unknown; readonly ema26?: unknown; readonly rsi14?: unknown; readonly atr14?: unknown };
  readonly openPlans?: readonly { readonly symbol?: unknown }[];
}

/**
 * The loopback model's answer, by a fixed rule over the snapshot in the prompt: enter long at
 * the last price when EMA12 is above EMA26, RSI14 is under 70 and no plan is live on the
 * symbol, the stop 2 ATR under and the target 4 ATR over, for 48 candles. Otherwise none.
 */
export function ruleAnswer(prompt: string): PlanAnswer {
  const snapshot = snapshotInPrompt(prompt) as SeenSnapshot | undefined;
  const none = (reason: string): PlanAnswer => ({ action: 'none', entry: null, stop: null, target: null, confidence: 0, horizonCandles: null, reason });
  if (snapshot === undefined) return none('no snapshot in the prompt');
  const { lastPrice, symbol } = snapshot;
  const { ema12, ema26, rsi14, atr14 } = snapshot.indicators ?? {};
  if (typeof lastPrice !== 'number' || typeof ema12 !== 'number' || typeof ema26 !== 'number' || typeof rsi14 !== 'number' || typeof atr14 !== 'number' || !(atr14 > 0)) {
    return none('indicators not ready');
  }
  if ((snapshot.openPlans ?? []).some((plan) => plan.symbol === symbol)) return none('a plan is already live on the symbol');
  if (!(ema12 > ema26)) return none('EMA12 is not above EMA26');
  if (!(rsi14 < 70)) return none('RSI14 is 70 or more');
  return {
    action: 'enter',
    entry: lastPrice,
    stop: round(lastPrice - 2 * atr14),
    target: round(lastPrice + 4 * atr14),
    confidence: 0.55,
    horizonCandles: 48,
    reason: `EMA12 ${ema12} above EMA26 ${ema26}, RSI14 ${rsi14}`,
  };
}

function round(value: number): number {
  return Number(value.toPrecision(8));
}
