import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec, sum } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import { assessProposal } from '../../../../lib/services/risk/assessProposal.js';
import { minimumOrderValue } from '../../../../lib/services/risk/orderValueLimits.js';
import { ETH_BTC, context, proposal, riskConfig } from './riskFixtures.js';

const fraction = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const marketArb = fc.record({
  priceStep: fc.constantFrom('0.00000001', '0.000001', '0.01', '1'),
  amountStep: fc.constantFrom('0.00000001', '0.001', '0.1', '1'),
  minAmount: fc.constantFrom('0', '0.001', '1'),
  minCost: fc.constantFrom('0', '0.0001', '10'),
  takerFeeRate: fc.constantFrom('0', '0.001', '0.0075'),
  maxAmount: fc.option(fc.constantFrom('100', '1000000'), { nil: undefined }),
  maxCost: fc.option(fc.constantFrom('1000', '100000'), { nil: undefined }),
});

const configArb = fc.record({
  riskPerTradePct: fraction(0.001, 0.05),
  maxSymbolExposurePct: fraction(0.05, 1),
  maxTotalExposurePct: fraction(0.1, 1),
  minOrderValueBufferPct: fraction(0, 0.3),
  minRewardToRisk: fraction(0, 3),
});

const caseArb = fc.record({
  market: marketArb,
  config: configArb,
  entryTicks: fc.integer({ min: 50, max: 10_000_000 }),
  stopDistancePct: fraction(0.001, 0.3),
  rewardToRisk: fraction(0.5, 5),
  /** Equity in units of the entry price, so a whole step of a costly coin is sometimes affordable. */
  equityInEntries: fraction(1, 1_000_000),
  quoteFreePct: fraction(0.05, 1.2),
  symbolExposurePct: fraction(0, 0.5),
  otherExposurePct: fraction(0, 0.8),
});

describe('Function: assessProposal', () => {
  it('approves only amounts on the step, within the risk budget, the balance, the caps and the order limits', () => {
    let approvals = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const market: Market = { ...ETH_BTC, ...c.market };
        const config = riskConfig(c.config);
        const entry = Number(dec(c.entryTicks).times(c.market.priceStep));
        const stop = entry * (1 - c.stopDistancePct);
        const equity = dec(entry).times(c.equityInEntries);
        const quoteFree = equity.times(c.quoteFreePct);
        const exposureBySymbol = new Map([
          ['ETH/BTC', equity.times(c.symbolExposurePct)],
          ['SOL/BTC', equity.times(c.otherExposurePct)],
        ]);
        const daily = { day: '2024-03-01', startEquity: equity.toFixed(), limitHit: false };
        const ctx = context({ market, config, equity, quoteFree, exposureBySymbol, daily });

        const verdict = assessProposal(proposal({ entry, stop, target: entry + (entry - stop) * c.rewardToRisk }), ctx);
        if (!verdict.approved) return;
        approvals += 1;

        const amount = dec(verdict.amount);
        const value = dec(verdict.value);
        const fee = dec(1).plus(market.takerFeeRate);
        const exposure = exposureBySymbol.get('ETH/BTC') ?? dec(0);
        expect(amount.mod(market.amountStep).isZero()).toBe(true);
        expect(value.eq(amount.times(verdict.entry))).toBe(true);
        expect(amount.times(dec(verdict.entry).minus(verdict.stop)).lte(equity.times(config.riskPerTradePct))).toBe(true);
        expect(value.times(fee).lte(quoteFree)).toBe(true);
        expect(value.gte(minimumOrderValue(market, config))).toBe(true);
        expect(amount.gte(Decimal.max(market.minAmount, market.amountStep))).toBe(true);
        expect(exposure.plus(value).lte(equity.times(config.maxSymbolExposurePct))).toBe(true);
        expect(sum(exposureBySymbol.values()).plus(value).lte(equity.times(config.maxTotalExposurePct))).toBe(true);
        if (market.maxCost !== undefined) expect(value.lte(market.maxCost)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The property means little unless a fair share of the cases were approved.
    expect(approvals).toBeGreaterThan(100);
  });
});
