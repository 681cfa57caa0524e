import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { dec, toDecimalString } from '../../../../lib/domain/decimal.js';
import { floorToStep } from '../../../../lib/domain/precision.js';
import { trailIsSettled } from '../../../../lib/services/plans/trailIsSettled.js';
import { trailStop } from '../../../../lib/services/plans/trailStop.js';
import { aMarket } from '../../../support/marketFixture.js';
import { aPlan } from '../../../support/planFixture.js';

const candleWithHigh = (high: number): Candle => ({ openTime: 0, open: high, high, low: high, close: high, volume: 1 });

/** Watermark, trail and stop as ticks of 10^-decimals, so prices of any size are covered. */
const trailCase = fc.record({
  decimals: fc.integer({ min: 2, max: 10 }),
  watermarkTicks: fc.integer({ min: 100, max: 100_000_000 }),
  pctBasisPoints: fc.integer({ min: 1, max: 2000 }),
  stopOffsetTicks: fc.integer({ min: -3, max: 3 }),
  extraStopDigit: fc.boolean(),
  highBelowTicks: fc.integer({ min: 0, max: 5 }),
});

describe('Function: trailIsSettled', () => {
  it('claims a settled trail only when exact decimal arithmetic would move nothing', () => {
    fc.assert(
      fc.property(trailCase, (c) => {
        const step = dec(10).pow(-c.decimals);
        const watermark = dec(c.watermarkTicks).times(step);
        const pct = dec(c.pctBasisPoints).dividedBy(10_000);
        const trail = floorToStep(watermark.times(dec(1).minus(pct)), step);
        // Stops on and near the trail, on a tick or (with an extra digit) between two.
        let stop = trail.plus(step.times(c.stopOffsetTicks));
        if (c.extraStopDigit) stop = stop.plus(step.dividedBy(10).times(7));
        if (stop.lte(0)) return;
        const market = aMarket({ priceStep: toDecimalString(step) });
        const plan = aPlan({
          trailingStopPct: toDecimalString(pct),
          highWatermark: toDecimalString(watermark),
          activeStop: toDecimalString(stop),
        });
        const candle = candleWithHigh(watermark.minus(step.times(c.highBelowTicks)).toNumber());
        if (!trailIsSettled(plan, candle, market)) return;
        const exactStop = trail.gt(stop) ? trail : stop;
        expect(toDecimalString(exactStop)).toBe(plan.activeStop);
      }),
      { numRuns: 20_000 },
    );
  });

  it('settles the usual candle after the trail has moved, so no decimal arithmetic runs', () => {
    const market = aMarket();
    const plan = trailStop(aPlan({ trailingStopPct: '0.02' }), candleWithHigh(0.1012345), market, 0);
    expect(plan.activeStop).toBe('0.099209');
    expect(trailIsSettled(plan, candleWithHigh(0.101), market)).toBe(true);
  });

  it('does not settle a candle that makes a new high', () => {
    const plan = aPlan({ trailingStopPct: '0.02', activeStop: '0.098' });
    expect(trailIsSettled(plan, candleWithHigh(0.1), aMarket())).toBe(false);
  });

  it('does not settle a trail that the execution service has not tightened yet', () => {
    // After the fill the stop is still 0.095 though the trail of 0.1 is 0.098.
    expect(trailIsSettled(aPlan({ trailingStopPct: '0.02' }), candleWithHigh(0.099), aMarket())).toBe(false);
  });
});
