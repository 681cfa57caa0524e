import { describe, expect, it } from 'vitest';
import { dec } from '../../../../lib/domain/decimal.js';
import { quoteAround } from '../../../../lib/domain/venueQuote.js';
import { aMarket } from '../../../support/marketFixture.js';

const XLM_BTC = aMarket({ symbol: 'XLM/BTC', base: 'XLM', priceStep: '0.00000001', amountStep: '1', minAmount: '1' });

describe('Function: quoteAround', () => {
  it('quotes the spread either side of the price, on the tick against the taker', () => {
    const { bid, ask } = quoteAround(XLM_BTC, dec('0.00000050'), dec('0.001'));
    expect([bid.toFixed(), ask.toFixed()]).toEqual(['0.00000049', '0.00000051']);
  });

  it('never quotes a bid under one tick', () => {
    const { bid, ask } = quoteAround(XLM_BTC, dec('0.00000001'), dec('0.001'));
    expect([bid.toFixed(), ask.toFixed()]).toEqual(['0.00000001', '0.00000002']);
  });
});
