import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import { assessProposal } from '../../../../lib/services/risk/assessProposal.js';
import { ETH_BTC, context, proposal, riskConfig } from './riskFixtures.js';

const ADA_BTC: Market = {
  ...ETH_BTC,
  symbol: 'ADA/BTC',
  base: 'ADA',
  priceStep: '0.00000001',
  amountStep: '1',
  minAmount: '1',
};

describe('Function: assessProposal', () => {
  describe('sizing', () => {
    it('sizes exactly 5 when equity 1 risks 0.01 over a stop 0.002 below the entry', () => {
      expect(assessProposal(proposal(), context())).toMatchObject({ approved: true, amount: '5', value: '0.5' });
    });

    it('floors a budget of 4.99999 to 4.999, never up', () => {
      const equity = new Decimal('0.999998');
      const daily = { day: '2024-03-01', startEquity: '0.999998', limitHit: false };

      const verdict = assessProposal(proposal(), context({ equity, daily }));

      expect(verdict).toMatchObject({ approved: true, amount: '4.999', value: '0.4999' });
    });

    it('sizes a low-priced pair in whole units', () => {
      // 0.01 / (0.00005123 - 0.00005) = 8130.08…
      const verdict = assessProposal(
        proposal({ symbol: 'ADA/BTC', entry: 0.00005123, stop: 0.00005, target: 0.000054 }),
        context({ market: ADA_BTC }),
      );

      expect(verdict).toEqual({
        approved: true,
        entry: '0.00005123',
        stop: '0.00005',
        target: '0.000054',
        amount: '8130',
        value: '0.4164999',
      });
    });

    it('approves a smaller amount that the symbol exposure cap leaves room for', () => {
      const verdict = assessProposal(
        proposal(),
        context({ config: riskConfig({ maxSymbolExposurePct: 0.3 }), exposureBySymbol: new Map([['ETH/BTC', new Decimal('0.1')]]) }),
      );

      expect(verdict).toMatchObject({ approved: true, amount: '2', value: '0.2' });
    });
  });

  describe('order minimums', () => {
    it('rejects with the symbol exposure cap when it leaves no room for the smallest order', () => {
      const verdict = assessProposal(
        proposal(),
        context({ config: riskConfig({ maxSymbolExposurePct: 0.3 }), exposureBySymbol: new Map([['ETH/BTC', new Decimal('0.3')]]) }),
      );

      // The smallest order: 0.0001 × 1.1 = 0.00011 needs 0.0011 ETH, 0.002 on the step, worth 0.0002.
      expect(verdict).toEqual({ approved: false, rejection: { code: 'symbol_exposure_cap', exposure: '0.3002', cap: '0.3' } });
    });

    it('rejects with the total exposure cap when it leaves no room for the smallest order', () => {
      const exposureBySymbol = new Map([
        ['SOL/BTC', new Decimal('0.5')],
        ['ADA/BTC', new Decimal('0.4')],
      ]);

      const verdict = assessProposal(proposal(), context({ config: riskConfig({ maxTotalExposurePct: 0.9 }), exposureBySymbol }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'total_exposure_cap', exposure: '0.9002', cap: '0.9' } });
    });

    it('rejects with insufficient balance when the free quote cannot pay the smallest order and its fee', () => {
      const verdict = assessProposal(proposal(), context({ quoteFree: new Decimal('0.0001') }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'insufficient_balance', needed: '0.0002002', available: '0.0001' } });
    });

    it('rejects an order the risk budget sizes below our minimum order value', () => {
      const verdict = assessProposal(proposal(), context({ config: riskConfig({ riskPerTradePct: 0.0001, minOrderValue: '0.01' }) }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_below_min', value: '0.005', minimum: '0.01' } });
    });

    it("rejects an order below the market's minimum cost plus the buffer", () => {
      const market: Market = { ...ETH_BTC, minCost: '0.01' };

      const verdict = assessProposal(proposal(), context({ market, config: riskConfig({ riskPerTradePct: 0.0002 }) }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_below_min', value: '0.01', minimum: '0.011' } });
    });

    it("rejects an amount below the market's minimum amount, naming that amount's value", () => {
      const market: Market = { ...ETH_BTC, minAmount: '0.1' };

      const verdict = assessProposal(proposal(), context({ market, config: riskConfig({ riskPerTradePct: 0.0001 }) }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_below_min', value: '0.005', minimum: '0.01' } });
    });

    it('rejects a risk budget too small for a single step', () => {
      const verdict = assessProposal(proposal(), context({ config: riskConfig({ riskPerTradePct: 0.000001 }) }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_below_min', value: '0', minimum: '0.00011' } });
    });

    it('rejects rather than sizes when the amount step is zero', () => {
      const verdict = assessProposal(proposal(), context({ market: { ...ETH_BTC, amountStep: '0' } }));

      expect(verdict.approved).toBe(false);
    });
  });

  describe('order maximums', () => {
    it("rejects an order worth more than the market's maximum cost", () => {
      const verdict = assessProposal(proposal(), context({ market: { ...ETH_BTC, maxCost: '0.4' } }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_above_max', value: '0.5', maximum: '0.4' } });
    });

    it('rejects an order worth more than our own maximum when it is the lower', () => {
      const market: Market = { ...ETH_BTC, maxCost: '0.4' };

      const verdict = assessProposal(proposal(), context({ market, config: riskConfig({ maxOrderValue: '0.3' }) }));

      expect(verdict).toEqual({ approved: false, rejection: { code: 'order_value_above_max', value: '0.5', maximum: '0.3' } });
    });

    it('accepts an order worth exactly the maximum', () => {
      const verdict = assessProposal(proposal(), context({ config: riskConfig({ maxOrderValue: '0.5' }) }));

      expect(verdict).toMatchObject({ approved: true, value: '0.5' });
    });
  });
});
