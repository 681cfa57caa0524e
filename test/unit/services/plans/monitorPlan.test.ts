import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { monitorPlan } from '../../../../lib/services/plans/monitorPlan.js';
import { aMarket } from '../../../support/marketFixture.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';

const MINUTE = 60_000;

/** The candle opening `minutes` after the entry filled; open and close sit mid-range unless given. */
function candleAt(minutes: number, low: number, high: number, close = (low + high) / 2): Candle {
  return { openTime: PLAN_OPENED_AT + minutes * MINUTE, open: close, high, low, close, volume: 1 };
}

describe('Function: monitorPlan', () => {
  it('exits at market when the low reaches the stop', () => {
    const plan = aPlan();
    const check = monitorPlan(plan, candleAt(0, 0.095, 0.1), aMarket(), MINUTE);
    expect(check.exit).toEqual({ planId: plan.id, reason: 'stop', price: '0.095', orderType: 'market' });
    expect(check.plan).toBe(plan);
  });

  it('exits at the stop when one candle reaches both the stop and the target', () => {
    const check = monitorPlan(aPlan(), candleAt(0, 0.094, 0.111), aMarket(), MINUTE);
    expect(check.exit).toEqual({ planId: 'test-plan0001', reason: 'stop', price: '0.095', orderType: 'market' });
  });

  it('exits at market when only the high reaches the target', () => {
    const check = monitorPlan(aPlan(), candleAt(0, 0.0951, 0.11), aMarket(), MINUTE);
    expect(check.exit).toEqual({ planId: 'test-plan0001', reason: 'target', price: '0.11', orderType: 'market' });
  });

  it('tests the original stop when the plan has no active stop yet', () => {
    const check = monitorPlan(aPlan({ activeStop: undefined }), candleAt(0, 0.0949, 0.1), aMarket(), MINUTE);
    expect(check.exit?.reason).toBe('stop');
  });

  it('trails the stop by exact ticks and exits at the trailed stop', () => {
    const market = aMarket();
    let plan = aPlan({ trailingStopPct: '0.02' });
    const step = (c: Candle): ReturnType<typeof monitorPlan> => {
      const check = monitorPlan(plan, c, market, MINUTE);
      plan = check.plan;
      return check;
    };

    // No new high: the trail starts from the entry, 0.1 × 0.98 = 0.098, above the 0.095 stop.
    expect(step(candleAt(0, 0.0985, 0.1)).exit).toBeUndefined();
    expect([plan.activeStop, plan.highWatermark, plan.version]).toEqual(['0.098', '0.1', 4]);

    // New high 0.1004: 0.1004 × 0.98 = 0.098392, already on a 0.000001 tick.
    step(candleAt(1, 0.0999, 0.1004));
    expect([plan.activeStop, plan.highWatermark, plan.version]).toEqual(['0.098392', '0.1004', 5]);

    // New high 0.1012345: 0.1012345 × 0.98 = 0.09920981, rounded down to 0.099209.
    step(candleAt(2, 0.1, 0.1012345));
    expect([plan.activeStop, plan.highWatermark]).toEqual(['0.099209', '0.1012345']);

    // A low of 0.0992 is under the trailed stop 0.099209 (the original stop was 0.095).
    const exit = step(candleAt(3, 0.0992, 0.1005)).exit;
    expect(exit).toEqual({ planId: plan.id, reason: 'trailing_stop', price: '0.099209', orderType: 'market' });
  });

  it('tests the stop in force when the candle opened, not the one its own high moves', () => {
    const market = aMarket();
    const plan = aPlan({ trailingStopPct: '0.02', activeStop: '0.098', highWatermark: '0.1' });

    // High 0.105 trails the stop to 0.105 × 0.98 = 0.1029; the low 0.1 only had to clear 0.098.
    const first = monitorPlan(plan, candleAt(0, 0.1, 0.105), market, MINUTE);
    expect(first.exit).toBeUndefined();
    expect(first.plan.activeStop).toBe('0.1029');

    const second = monitorPlan(first.plan, candleAt(1, 0.1025, 0.104), market, MINUTE);
    expect(second.exit).toEqual({ planId: plan.id, reason: 'trailing_stop', price: '0.1029', orderType: 'market' });
  });

  it('never loosens the trailing stop when a new high trails below it', () => {
    // 5 % under the new high 0.102 is 0.0969, below the active stop 0.099.
    const plan = aPlan({ trailingStopPct: '0.05', activeStop: '0.099', highWatermark: '0.1' });
    const check = monitorPlan(plan, candleAt(0, 0.0995, 0.102), aMarket(), MINUTE);
    expect(check.exit).toBeUndefined();
    expect([check.plan.activeStop, check.plan.highWatermark, check.plan.version]).toEqual(['0.099', '0.102', 4]);
  });

  it('returns the same plan object when the trail does not move', () => {
    // The trail of the 0.1 watermark, 0.098, is already in force; the high stays below 0.1.
    const plan = aPlan({ trailingStopPct: '0.02', activeStop: '0.098', highWatermark: '0.1' });
    const check = monitorPlan(plan, candleAt(0, 0.0985, 0.0999), aMarket(), MINUTE);
    expect(check).toEqual({ plan });
    expect(check.plan).toBe(plan);
  });

  it('returns the same plan object for a plan without a trailing stop', () => {
    const plan = aPlan();
    expect(monitorPlan(plan, candleAt(0, 0.096, 0.105), aMarket(), MINUTE).plan).toBe(plan);
  });

  it('stamps a moved plan with the close time of the candle', () => {
    const plan = aPlan({ trailingStopPct: '0.02' });
    const check = monitorPlan(plan, candleAt(4, 0.0985, 0.1), aMarket(), MINUTE);
    expect(check.plan.updatedAt).toBe(PLAN_OPENED_AT + 5 * MINUTE);
  });

  it('exits at market on the first candle that closes at or past the maximum age', () => {
    // The entry filled 30 s into a candle; 5 minutes later falls inside the candle opening at +5.5 min.
    const openedAt = PLAN_OPENED_AT + 30_000;
    const plan = aPlan({ openedAt, maxAgeMs: 5 * MINUTE });
    const market = aMarket();
    const closesAt4m30s = monitorPlan(plan, candleAt(4, 0.099, 0.101, 0.1), market, MINUTE);
    expect(closesAt4m30s.exit).toBeUndefined();

    // 0.1012347 rounds to the nearest 0.000001 tick: 0.101235.
    const closesAt5m30s = monitorPlan(plan, candleAt(5, 0.099, 0.1013, 0.1012347), market, MINUTE);
    expect(closesAt5m30s.exit).toEqual({ planId: plan.id, reason: 'max_age', price: '0.101235', orderType: 'market' });
  });

  it('exits at the maximum age on the candle whose close is exactly that age', () => {
    const plan = aPlan({ maxAgeMs: 3 * MINUTE });
    expect(monitorPlan(plan, candleAt(1, 0.099, 0.101, 0.1), aMarket(), MINUTE).exit).toBeUndefined();
    expect(monitorPlan(plan, candleAt(2, 0.099, 0.101, 0.1), aMarket(), MINUTE).exit?.reason).toBe('max_age');
  });

  it('leaves a plan that is not open untouched', () => {
    for (const status of ['approved', 'entering', 'exiting', 'closed'] as const) {
      const plan = aPlan({ status, trailingStopPct: '0.02' });
      const check = monitorPlan(plan, candleAt(0, 0.09, 0.2), aMarket(), MINUTE);
      expect(check).toEqual({ plan });
      expect(check.plan).toBe(plan);
    }
  });

  it('refuses to monitor an open short plan', () => {
    expect(() => monitorPlan(aPlan({ side: 'short' }), candleAt(0, 0.099, 0.101), aMarket(), MINUTE)).toThrow(
      /only long plans are supported/,
    );
  });

  describe('with ADA/BTC prices near 5e-05 and a 0.00000001 tick', () => {
    const market = aMarket({ symbol: 'ADA/BTC', base: 'ADA', priceStep: '0.00000001', amountStep: '1', minAmount: '1' });
    const adaPlan = (overrides: Partial<Plan> = {}): Plan =>
      aPlan({
        symbol: 'ADA/BTC',
        entry: '0.00005',
        stop: '0.0000475',
        target: '0.000055',
        activeStop: '0.0000475',
        highWatermark: '0.00005',
        avgEntryPrice: '0.00005',
        trailingStopPct: '0.02',
        ...overrides,
      });

    it('trails to an exact tick where float arithmetic would lose one, and exits there', () => {
      // 0.0000515 × 0.98 = 0.00005047 exactly, on a tick; in doubles it is 0.000050469999…, one tick lower.
      const moved = monitorPlan(adaPlan(), candleAt(0, 0.0000499, 0.0000515), market, MINUTE).plan;
      expect([moved.activeStop, moved.highWatermark]).toEqual(['0.00005047', '0.0000515']);

      const check = monitorPlan(moved, candleAt(1, 0.00005047, 0.0000512), market, MINUTE);
      expect(check.exit).toEqual({ planId: moved.id, reason: 'trailing_stop', price: '0.00005047', orderType: 'market' });
    });

    it('rounds a max-age exit price to the nearest tick', () => {
      const plan = adaPlan({ trailingStopPct: undefined, maxAgeMs: MINUTE });
      const check = monitorPlan(plan, candleAt(0, 0.000051, 0.0000513, 0.000051236), market, MINUTE);
      expect(check.exit).toEqual({ planId: plan.id, reason: 'max_age', price: '0.00005124', orderType: 'market' });
    });
  });
});
