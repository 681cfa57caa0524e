import { describe, expect, it } from 'vitest';
import { dec } from '../../../lib/domain/decimal.js';
import { feeFor } from '../../../lib/domain/fee.js';
import type { Market } from '../../../lib/domain/market.js';

const market = { takerFeeRate: '0.001', makerFeeRate: '0.00075' } as Market;

describe('Function: feeFor', () => {
  it('charges market and stop fills the taker rate, exactly', () => {
    expect(feeFor(market, 'market', dec('0.200302')).toFixed()).toBe('0.000200302');
    expect(feeFor(market, 'stop_market', dec('0.00005123')).toFixed()).toBe('0.00000005123');
  });

  it('charges limit fills the maker rate', () => {
    expect(feeFor(market, 'limit', dec('0.22')).toFixed()).toBe('0.000165');
  });
});
