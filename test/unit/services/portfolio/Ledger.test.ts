import { describe, expect, it } from 'vitest';
import { dec } from '../../../../lib/domain/decimal.js';
import type { Fill } from '../../../../lib/domain/order.js';
import { Ledger } from '../../../../lib/services/portfolio/Ledger.js';

function fill(id: string, side: 'buy' | 'sell', amount: string, price: string, cost: string, fee: string, currency = 'BTC'): Fill {
  return { id, clientOrderId: `c-${id}`, exchangeOrderId: id, symbol: 'ETH/BTC', side, price, amount, cost, fee: { cost: fee, currency }, timestamp: 0 };
}

describe('Class: Ledger', () => {
  describe('Method: apply', () => {
    it('moves balances by the fill and its fee, exactly', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '2', '0.1', '0.2', '0.0002'), 'p1');
      expect(ledger.balancesSnapshot()).toEqual({ BTC: '0.7998', ETH: '2' });
      expect(ledger.position('p1')?.costBasis.toFixed()).toBe('0.2002');
    });

    it('realizes PnL net of fees on partial and final sells', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '2', '0.1', '0.2', '0.0002'), 'p1');
      const first = ledger.apply(fill('2', 'sell', '0.5', '0.11', '0.055', '0.000055'), 'p1');
      expect(first?.realized.toFixed()).toBe('0.004895');
      expect(first?.flat).toBe(false);
      const last = ledger.apply(fill('3', 'sell', '1.5', '0.09', '0.135', '0.000135'), 'p1');
      expect(last?.realized.toFixed()).toBe('-0.015285');
      expect(last?.flat).toBe(true);
      expect(ledger.position('p1')?.realizedPnl.toFixed()).toBe('-0.01039');
      expect(ledger.balancesSnapshot()).toEqual({ BTC: '0.98961', ETH: '0' });
    });

    it('keeps a closed plan exact when a partial sell divides the basis without end', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '3', '0.1', '0.3', '0.0001'), 'p1');
      ledger.apply(fill('2', 'sell', '1', '0.1', '0.1', '0'), 'p1');
      ledger.apply(fill('3', 'sell', '1', '0.1', '0.1', '0'), 'p1');
      ledger.apply(fill('4', 'sell', '1', '0.1', '0.1', '0'), 'p1');
      // Proceeds 0.3 minus cost 0.3 minus the one fee: nothing lost to the thirds.
      expect(ledger.position('p1')?.realizedPnl.toFixed()).toBe('-0.0001');
      expect(ledger.balance('BTC').toFixed()).toBe('0.9999');
    });

    it('closes a plan sold in many parts at exactly what it received less what it spent (the sum of the parts keeps no residue of their divisions)', () => {
      const ledger = new Ledger({ BTC: '10' });
      // 30 bought for 3 BTC, its 0.03 fee taken in ETH: 29.97 held, sold at 0.0999 in 25 parts of 1.16
      // and a last of 0.97 (a thin book's market exits), each less its 0.1 % fee.
      ledger.apply(fill('1', 'buy', '30', '0.1', '3', '0.03', 'ETH'), 'p1');
      const parts = [...Array.from({ length: 25 }, () => '1.16'), '0.97'];
      parts.forEach((amount, index) => {
        const cost = dec(amount).times('0.0999').toFixed();
        ledger.apply(fill(`s${index}`, 'sell', amount, '0.0999', cost, dec(cost).times('0.001').toFixed()), 'p1');
      });
      // Received 29.97 × 0.0999 = 2.994003 less 0.1 % = 2.991008997; spent 3.
      expect(ledger.position('p1')?.realizedPnl.toFixed()).toBe('-0.008991003');
    });

    it('counts a fee charged in the base asset against the amount held', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '2', '0.1', '0.2', '0.002', 'ETH'), 'p1');
      expect(ledger.position('p1')?.amount.toFixed()).toBe('1.998');
      const sell = ledger.apply(fill('2', 'sell', '1.998', '0.1', '0.1998', '0'), 'p1');
      expect(sell?.realized.toFixed()).toBe('-0.0002');
      expect(ledger.balancesSnapshot()).toEqual({ BTC: '0.9998', ETH: '0' });
    });

    it('applies the same fill id only once', () => {
      const ledger = new Ledger({ BTC: '1' });
      const buy = fill('1', 'buy', '2', '0.1', '0.2', '0.0002');
      expect(ledger.apply(buy, 'p1')).toBeDefined();
      expect(ledger.apply(buy, 'p1')).toBeUndefined();
      expect(ledger.balance('ETH').toFixed()).toBe('2');
    });

    it('refuses to sell more than the plan holds', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '1', '0.1', '0.1', '0'), 'p1');
      expect(() => ledger.apply(fill('2', 'sell', '1.001', '0.1', '0.1001', '0'), 'p1')).toThrow(/sells 1.001 ETH\/BTC but holds 1/);
    });
  });

  describe('Method: unrealizedPnl', () => {
    it('marks the held amount to the last price against the basis', () => {
      const ledger = new Ledger({ BTC: '1' });
      ledger.apply(fill('1', 'buy', '2', '0.1', '0.2', '0.0002'), 'p1');
      expect(ledger.unrealizedPnl('p1', dec('0.105')).toFixed()).toBe('0.0098');
    });
  });
});
