import type { Market } from '../../lib/domain/market.js';

/** ETH/BTC with Binance-like precision and limits. */
export function aMarket(overrides: Partial<Market> = {}): Market {
  return {
    symbol: 'ETH/BTC',
    base: 'ETH',
    quote: 'BTC',
    amountStep: '0.001',
    priceStep: '0.000001',
    minAmount: '0.001',
    minCost: '0.0001',
    takerFeeRate: '0.001',
    makerFeeRate: '0.001',
    ...overrides,
  };
}
