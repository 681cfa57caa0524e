import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../../lib/domain/candleWindow.js';
import type { SizerConfig } from '../../../../lib/domain/config.js';
import { Decimal, dec, sum } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import { averageTrueRange, kellyRiskFraction } from '../../../../lib/services/risk/createSizer.js';
import { sizePosition } from '../../../../lib/services/risk/sizePosition.js';
import { ETH_BTC, context, riskConfig } from './riskFixtures.js';

/** Spread evenly over [min, max] in millionths: fc.double draws mostly near zero and the boundaries. */
const fraction = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((n) => n / 1e6);

const marketArb = fc.record({
  priceStep: fc.constantFrom('0.00000001', '0.000001', '0.01', '1'),
  amountStep: fc.constantFrom('0.00000001', '0.001', '0.1', '1'),
  takerFeeRate: fc.constantFrom('0', '0.001', '0.0075'),
  maxAmount: fc.option(fc.constantFrom('100', '1000000'), { nil: undefined }),
});

const sizerArb: fc.Arbitrary<SizerConfig> = fc.oneof(
  fc.constant({ name: 'fixed-fraction' } as const),
  fc.record({ name: fc.constant('fixed-quote' as const), quoteAmount: fc.constantFrom('0.001', '1', '250', '1000000') }),
  fc.record({ name: fc.constant('volatility-target' as const), atrPeriod: fc.integer({ min: 1, max: 20 }), equityFractionPerAtr: fraction(0, 0.2) }),
  fc.record({ name: fc.constant('kelly' as const), kellyFraction: fraction(0, 1), maxRiskFraction: fraction(0, 0.2) }),
);

const caseArb = fc.record({
  market: marketArb,
  sizer: sizerArb,
  riskPerTradePct: fraction(0.001, 0.05),
  maxSymbolExposurePct: fraction(0.05, 1),
  maxTotalExposurePct: fraction(0.1, 1),
  entryTicks: fc.integer({ min: 50, max: 10_000_000 }),
  stopDistancePct: fraction(0.001, 0.3),
  rewardToRisk: fraction(0.5, 5),
  pWin: fc.option(fraction(0, 1), { nil: undefined }),
  equityInEntries: fraction(1, 1_000_000),
  quoteFreePct: fraction(0, 1.2),
  symbolExposurePct: fraction(0, 0.5),
  otherExposurePct: fraction(0, 0.8),
  /** High-low ranges of the window's candles, as fractions of the entry. */
  ranges: fc.array(fraction(0, 0.1), { minLength: 0, maxLength: 25 }),
});

function windowOf(entry: number, ranges: readonly number[]): ArrayCandleWindow {
  const candles: Candle[] = ranges.map((range, index) => ({
    openTime: index,
    open: entry,
    high: entry * (1 + range / 2),
    low: entry * (1 - range / 2),
    close: entry * (1 + (index % 3 === 0 ? range / 4 : -range / 4)),
    volume: 1,
  }));
  return ArrayCandleWindow.of(candles);
}

describe('Function: sizePosition, every sizer', () => {
  it('never sizes past the sizer budget, the exposure caps, the free balance with fees, or maxAmount', () => {
    let sized = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const market: Market = { ...ETH_BTC, ...c.market };
        const config = riskConfig({ sizer: c.sizer, riskPerTradePct: c.riskPerTradePct, maxSymbolExposurePct: c.maxSymbolExposurePct, maxTotalExposurePct: c.maxTotalExposurePct });
        const entry = dec(c.entryTicks).times(c.market.priceStep);
        const stop = entry.times(1 - c.stopDistancePct).toDecimalPlaces(12);
        const target = entry.plus(entry.minus(stop).times(c.rewardToRisk));
        const equity = entry.times(c.equityInEntries);
        const quoteFree = equity.times(c.quoteFreePct);
        const exposureBySymbol = new Map([
          ['ETH/BTC', equity.times(c.symbolExposurePct)],
          ['SOL/BTC', equity.times(c.otherExposurePct)],
        ]);
        const window = windowOf(entry.toNumber(), c.ranges);

        const { amount } = sizePosition(entry, stop, context({ market, config, equity, quoteFree, exposureBySymbol, window }), { target, pWin: c.pWin });
        if (amount.gt(0)) sized += 1;

        const value = amount.times(entry);
        expect(amount.gte(0)).toBe(true);
        expect(amount.mod(market.amountStep).isZero()).toBe(true);
        // The room under a cap: none when the book is already past it.
        const symbolRoom = Decimal.max(0, equity.times(c.maxSymbolExposurePct).minus(exposureBySymbol.get('ETH/BTC') as Decimal));
        const totalRoom = Decimal.max(0, equity.times(c.maxTotalExposurePct).minus(sum(exposureBySymbol.values())));
        expect(value.lte(symbolRoom)).toBe(true);
        expect(value.lte(totalRoom)).toBe(true);
        expect(value.times(dec(1).plus(market.takerFeeRate)).lte(quoteFree)).toBe(true);
        if (market.maxAmount !== undefined) expect(amount.lte(market.maxAmount)).toBe(true);

        const lossAtStop = amount.times(entry.minus(stop));
        switch (c.sizer.name) {
          case 'fixed-fraction':
            expect(lossAtStop.lte(equity.times(c.riskPerTradePct))).toBe(true);
            break;
          case 'fixed-quote':
            expect(value.lte(c.sizer.quoteAmount)).toBe(true);
            break;
          case 'volatility-target': {
            const atr = averageTrueRange(window, c.sizer.atrPeriod);
            if (atr === undefined || !(atr > 0)) expect(amount.isZero()).toBe(true);
            else expect(amount.times(atr).lte(equity.times(c.sizer.equityFractionPerAtr))).toBe(true);
            break;
          }
          case 'kelly': {
            if (c.pWin === undefined) {
              expect(amount.isZero()).toBe(true);
              break;
            }
            const kelly = kellyRiskFraction(c.pWin, entry, stop, target);
            expect(lossAtStop.lte(equity.times(c.sizer.maxRiskFraction))).toBe(true);
            expect(lossAtStop.lte(equity.times(Decimal.max(kelly, 0)).times(c.sizer.kellyFraction))).toBe(true);
            break;
          }
        }
      }),
      { numRuns: 500 },
    );
    // The property means little unless a fair share of the cases sized something.
    expect(sized).toBeGreaterThan(60);
  });
});
