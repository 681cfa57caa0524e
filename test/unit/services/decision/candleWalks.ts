import fc from 'fast-check';
import type { Candle } from '../../../../lib/domain/candle.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import type { CandleSeries } from '../../../../lib/runtime/backtest/loadCandleFile.js';
import { aMarket } from '../../../support/marketFixture.js';

/** Late in a UTC day, so that many walks cross midnight and the daily-loss state rolls. */
export const T0 = Date.UTC(2021, 4, 19, 22, 0);
export const MINUTE = 60_000;

/** One step of a walk: how the next candle (or run of flat candles) differs from the last close. */
export interface WalkStep {
  /** Minutes missing before this candle. */
  readonly gapMinutes: number;
  readonly shape: 'walk' | 'flat' | 'jump';
  /** A flat step repeats open = high = low = close this many times. */
  readonly flatRun: number;
  /** Close against open, in basis points. */
  readonly moveBp: number;
  /** Ticks added to the close: what moves a coin priced a few ticks, where basis points round away. */
  readonly nudgeTicks: number;
  /** A jump's open against the last close, in basis points: gaps through stops and targets. */
  readonly jumpBp: number;
  readonly upWickBp: number;
  readonly downWickBp: number;
}

/** A market and the price, in ticks, its walk starts at. */
export interface WalkProfile {
  readonly market: Market;
  readonly startTicks: { readonly min: number; readonly max: number };
}

/** ETH/BTC as Binance has it: price near 0.07, tick 1e-6, amounts in thousandths. */
export const ETH_BTC: WalkProfile = { market: aMarket(), startTicks: { min: 20_000, max: 120_000 } };

/** A satoshi coin: price 1e-8..1e-6 on a 1e-8 tick, whole units, Binance's 0.0001 BTC minimum. */
export const XLM_BTC: WalkProfile = {
  market: aMarket({ symbol: 'XLM/BTC', base: 'XLM', priceStep: '0.00000001', amountStep: '1', minAmount: '1' }),
  startTicks: { min: 1, max: 100 },
};

export interface WalkCase {
  readonly market: Market;
  readonly startTicks: number;
  readonly steps: readonly WalkStep[];
}

const stepArb: fc.Arbitrary<WalkStep> = fc.record({
  gapMinutes: fc.oneof({ weight: 15, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 120 }) }),
  shape: fc.oneof(
    { weight: 12, arbitrary: fc.constant('walk' as const) },
    { weight: 2, arbitrary: fc.constant('flat' as const) },
    { weight: 1, arbitrary: fc.constant('jump' as const) },
  ),
  flatRun: fc.integer({ min: 1, max: 12 }),
  moveBp: fc.integer({ min: -120, max: 120 }),
  nudgeTicks: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }),
  jumpBp: fc.integer({ min: -2_500, max: 2_500 }),
  upWickBp: fc.integer({ min: 0, max: 150 }),
  downWickBp: fc.integer({ min: 0, max: 150 }),
});

const feeRateArb = fc.constantFrom('0', '0.001', '0.00075');

/** A walk over the profile's market, with fee rates drawn so fees have awkward digits. */
export function walkCaseArb(profile: WalkProfile, length: { min: number; max: number }): fc.Arbitrary<WalkCase> {
  return fc
    .record({
      takerFeeRate: feeRateArb,
      makerFeeRate: feeRateArb,
      startTicks: fc.integer(profile.startTicks),
      steps: fc.array(stepArb, { minLength: length.min, maxLength: length.max }),
    })
    .map(({ takerFeeRate, makerFeeRate, startTicks, steps }) => ({ market: { ...profile.market, takerFeeRate, makerFeeRate }, startTicks, steps }));
}

/**
 * The 1m candles of a walk, on the market's tick: high ≥ max(open, close), low ≤ min(open,
 * close), every price at least one tick. A jump opens away from the last close.
 */
export function candlesOf(walk: WalkCase): Candle[] {
  const step = dec(walk.market.priceStep);
  const price = (ticks: number) => Number(step.times(ticks).toFixed());
  const candles: Candle[] = [];
  let close = walk.startTicks;
  let openTime = T0 - MINUTE;
  const push = (open: number, high: number, low: number, next: number) => {
    candles.push({ openTime, open: price(open), high: price(high), low: price(low), close: price(next), volume: 1 });
    close = next;
  };
  for (const s of walk.steps) {
    openTime += (1 + s.gapMinutes) * MINUTE;
    if (s.shape === 'flat') {
      for (let i = 0; i < s.flatRun; i++) {
        if (i > 0) openTime += MINUTE;
        push(close, close, close, close);
      }
      continue;
    }
    const open = s.shape === 'jump' ? atLeastOneTick(close * (1 + s.jumpBp / 10_000)) : close;
    const next = atLeastOneTick(open * (1 + s.moveBp / 10_000) + s.nudgeTicks);
    const high = Math.max(open, next, Math.round(Math.max(open, next) * (1 + s.upWickBp / 10_000)));
    const low = Math.min(open, next, atLeastOneTick(Math.min(open, next) * (1 - s.downWickBp / 10_000)));
    push(open, high, low, next);
  }
  return candles;
}

function atLeastOneTick(ticks: number): number {
  return Math.max(1, Math.round(ticks));
}

export function seriesOf(walk: WalkCase): CandleSeries {
  return { file: `walk-${walk.market.symbol}`, symbol: walk.market.symbol, timeframe: '1m', candles: candlesOf(walk) };
}
