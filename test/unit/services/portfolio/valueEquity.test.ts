import { describe, expect, it } from 'vitest';
import { equityQuoteCurrency, valueEquity, valueExposure } from '../../../../lib/services/portfolio/valueEquity.js';
import { aPlan } from '../../../support/planFixture.js';

const balance = (total: string, free = total) => ({ free, used: '0', total });

describe('Function: valueEquity', () => {
  it('values the quote total plus each traded base at its price, exactly', () => {
    const valuation = valueEquity(
      { BTC: balance('0.12345678', '0.1'), ETH: balance('1.5'), LTC: balance('10.001'), BNB: balance('3') },
      new Map([
        ['ETH/BTC', '0.0712'],
        ['LTC/BTC', '0.01712345'],
      ]),
      'BTC',
      ['ETH/BTC', 'LTC/BTC'],
    );
    // 0.12345678 + 1.5 × 0.0712 + 10.001 × 0.01712345 = 0.12345678 + 0.1068 + 0.17125162345
    expect(valuation).toEqual({
      quoteCurrency: 'BTC',
      equity: '0.40150840345',
      balances: { BTC: '0.12345678', ETH: '1.5', LTC: '10.001', BNB: '3' },
      unpriced: [],
    });
  });

  it('names a held base asset it has no price for, and leaves out empty balances', () => {
    const valuation = valueEquity({ BTC: balance('1'), ETH: balance('2'), LTC: balance('0') }, new Map(), 'BTC', ['ETH/BTC', 'LTC/BTC']);
    expect(valuation.unpriced).toEqual(['ETH']);
    expect(valuation.equity).toBe('1');
    expect(valuation.balances).toEqual({ BTC: '1', ETH: '2' });
  });

  it('does not value the base of a symbol quoted in another currency', () => {
    const valuation = valueEquity({ USDT: balance('100'), ETH: balance('1') }, new Map([['ETH/BTC', '0.07']]), 'USDT', ['ETH/BTC']);
    expect(valuation.equity).toBe('100');
  });

  it('takes the quote currency of the first configured symbol', () => {
    expect(equityQuoteCurrency([{ symbol: 'ETH/BTC' }, { symbol: 'SOL/USDT' }])).toBe('BTC');
  });
});

describe('Function: valueExposure', () => {
  it('values held amounts at the latest price, else at the average entry, and skips plans holding nothing', () => {
    const plans = [
      aPlan({ id: 'a', symbol: 'ETH/BTC', filledAmount: '1.25', avgEntryPrice: '0.1' }),
      aPlan({ id: 'b', symbol: 'LTC/BTC', filledAmount: '3', avgEntryPrice: '0.0171' }),
      aPlan({ id: 'c', symbol: 'ETH/BTC', status: 'entering', filledAmount: undefined }),
    ];
    expect(valueExposure(plans, new Map([['ETH/BTC', '0.0712']]), 'BTC')).toEqual({
      bySymbol: { 'ETH/BTC': '0.089', 'LTC/BTC': '0.0513' },
      total: '0.1403',
    });
  });
});
