import type { Candle } from '../../domain/candle.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';

/** Far above double rounding (about 1e-16), far below any tick. */
const FLOAT_MARGIN = 1e-9;

/**
 * True when floats prove that this candle can move neither the watermark nor the trailing
 * stop, so the exact decimal arithmetic can be skipped; false means "maybe", not "yes".
 * Most candles of an open plan make no new high, and this keeps them allocation-free.
 */
export function trailIsSettled(plan: Plan, candle: Candle, market: Market): boolean {
  // Strictly below: two different doubles stand for decimals in the same order.
  return candle.high < settledTrailCeiling(plan, market);
}

/**
 * The high below which floats prove a candle moves neither the watermark nor the trailing
 * stop: the watermark itself, when its trail is already on the stop; -Infinity when unsure.
 */
export function settledTrailCeiling(plan: Plan, market: Market): number {
  const { highWatermark, activeStop, trailingStopPct } = plan;
  if (highWatermark === undefined || activeStop === undefined || trailingStopPct === undefined) return Number.NEGATIVE_INFINITY;
  const watermark = Number(highWatermark);
  const trailed = watermark * (1 - Number(trailingStopPct));
  // The candidate stop is `trailed` rounded down to a tick, so it passes the stop only if a
  // tick lies in (stop, trailed]. When the stop is on a tick, the next one is a step above it.
  const stop = Number(activeStop);
  const ceiling = isProvablyOnTick(activeStop, market.priceStep) ? stop + Number(market.priceStep) : stop;
  return trailed < ceiling * (1 - FLOAT_MARGIN) ? watermark : Number.NEGATIVE_INFINITY;
}

/** Decided from the strings alone, for the usual power-of-ten ticks; false when unsure. */
function isProvablyOnTick(price: string, priceStep: string): boolean {
  const stepDecimals = decimalsOfUnitStep(priceStep);
  if (stepDecimals < 0 || price.includes('e') || price.includes('E')) return false;
  const dot = price.indexOf('.');
  return (dot === -1 ? 0 : price.length - dot - 1) <= stepDecimals;
}

/** 0 for '1', 6 for '0.000001'; -1 for any step that is not a power of ten at most 1. */
function decimalsOfUnitStep(step: string): number {
  if (step === '1') return 0;
  if (!step.startsWith('0.') || !step.endsWith('1')) return -1;
  for (let i = 2; i < step.length - 1; i++) if (step.charCodeAt(i) !== 48 /* '0' */) return -1;
  return step.length - 2;
}
