import fc from 'fast-check';
import { dec, toDecimalString } from './lib/domain/decimal.js';
import { floorToStep } from './lib/domain/precision.js';
import { trailIsSettled } from './lib/services/plans/trailIsSettled.js';
import { aMarket } from './test/support/marketFixture.js';
import { aPlan } from './test/support/planFixture.js';
let settled = 0, total = 0, movable = 0;
fc.assert(fc.property(fc.record({ decimals: fc.integer({ min: 2, max: 10 }), w: fc.integer({ min: 100, max: 100_000_000 }), bp: fc.integer({ min: 1, max: 2000 }), off: fc.integer({ min: -3, max: 3 }), x: fc.boolean(), hb: fc.integer({min:0,max:5}) }), (c) => {
  const step = dec(10).pow(-c.decimals); const w = dec(c.w).times(step); const pct = dec(c.bp).dividedBy(10000);
  const trail = floorToStep(w.times(dec(1).minus(pct)), step); let stop = trail.plus(step.times(c.off)); if (c.x) stop = stop.plus(step.dividedBy(10).times(7)); if (stop.lte(0)) return;
  total++; if (trail.gt(stop)) movable++;
  const high = w.minus(step.times(c.hb)).toNumber();
  if (trailIsSettled(aPlan({ trailingStopPct: toDecimalString(pct), highWatermark: toDecimalString(w), activeStop: toDecimalString(stop) }), { openTime: 0, open: high, high, low: high, close: high, volume: 1 }, aMarket({ priceStep: toDecimalString(step) }))) settled++;
}), { numRuns: 20000 });
console.log({ total, settled, movable });
