import { describe, expect, it } from 'vitest';
import { DECIMAL_PLACES, SIGNIFICANT_DIGITS, TICK_SIZE, toMarket } from '../../../../lib/adapters/ccxt/toMarket.js';
import { aCcxtMarket } from './FakeCcxtClient.js';

describe('Function: toMarket', () => {
  it('maps TICK_SIZE precision and limits to decimal strings', () => {
    expect(toMarket(aCcxtMarket({ precision: { amount: 1e-8, price: 0.01 } }), TICK_SIZE)).toEqual({
      symbol: 'ETH/BTC',
      base: 'ETH',
      quote: 'BTC',
      amountStep: '0.00000001',
      priceStep: '0.01',
      minAmount: '0.0001',
      maxAmount: '100000',
      minCost: '0.0001',
      takerFeeRate: '0.001',
      makerFeeRate: '0.001',
    });
  });

  it('turns DECIMAL_PLACES precision into steps, and fills missing minima', () => {
    const market = toMarket(aCcxtMarket({ precision: { amount: 3, price: 5 }, limits: {}, taker: undefined, maker: undefined }), DECIMAL_PLACES);
    expect(market).toMatchObject({ amountStep: '0.001', priceStep: '0.00001', minAmount: '0.001', minCost: '0', takerFeeRate: '0', makerFeeRate: '0' });
  });

  it('refuses significant-digit precision and a symbol the core cannot trade', () => {
    expect(() => toMarket(aCcxtMarket(), SIGNIFICANT_DIGITS)).toThrow(/significant digits/);
    expect(() => toMarket(aCcxtMarket({ symbol: 'BTC/USDT:USDT' }), TICK_SIZE)).toThrow(/BASE\/QUOTE/);
  });
});
