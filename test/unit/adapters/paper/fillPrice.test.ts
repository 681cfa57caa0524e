import { describe, expect, it } from 'vitest';
import { touchPrice } from '../../../../lib/adapters/paper/fillPrice.js';
import { aMarket } from '../../../support/marketFixture.js';

const XLM_BTC = aMarket({ symbol: 'XLM/BTC', base: 'XLM', priceStep: '0.00000001', amountStep: '1', minAmount: '1' });

describe('Function: touchPrice', () => {
  it('quotes a sell the slippage under the price, on the tick below', () => {
    expect(touchPrice(0.1, 'sell', aMarket(), 0.0005).toFixed()).toBe('0.09995');
    expect(touchPrice(0.00000005, 'sell', XLM_BTC, 0.0005).toFixed()).toBe('0.00000004');
  });

  it('never quotes a bid under one tick: a coin priced one tick is not sold for nothing', () => {
    expect(touchPrice(0.00000001, 'sell', XLM_BTC, 0.0005).toFixed()).toBe('0.00000001');
  });
});

