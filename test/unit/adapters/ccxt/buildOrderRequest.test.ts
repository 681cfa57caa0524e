import { describe, expect, it } from 'vitest';
import { buildOrderRequest } from '../../../../lib/adapters/ccxt/buildOrderRequest.js';
import { aMarket } from '../../../support/marketFixture.js';
import { anIntent } from './support.js';

// ETH/BTC: amount step 0.001, price tick 0.000001, minAmount 0.001, minCost 0.0001.
const market = aMarket({ maxAmount: '1000', maxCost: '100' });
const options = { stopOrders: true, stopLimitOffsetPct: 0.005 };

describe('Function: buildOrderRequest', () => {
  it('floors the amount to the step and a buy limit down to the tick', () => {
    expect(buildOrderRequest(anIntent({ amount: '1.23456', price: '0.0512349' }), market, options)).toEqual({
      kind: 'send',
      request: { symbol: 'ETH/BTC', type: 'limit', side: 'buy', amount: '1.234', price: '0.051234', clientOrderId: 'bot1-abcdefghijklmn-e0' },
    });
  });

  it('rounds a sell limit up to the tick: it never sells below the price asked', () => {
    const result = buildOrderRequest(anIntent({ side: 'sell', price: '0.0512341' }), market, options);
    expect(result.kind === 'send' && result.request.price).toBe('0.051235');
  });

  it('sends a sell stop as a stop-limit: trigger rounded up, limit the offset below it, rounded down', () => {
    const intent = anIntent({ leg: 'stop', side: 'sell', type: 'stop_market', amount: '2', price: '0.0480004', stopPrice: '0.0480004' });
    expect(buildOrderRequest(intent, market, options)).toEqual({
      kind: 'send',
      request: { symbol: 'ETH/BTC', type: 'limit', side: 'sell', amount: '2', price: '0.04776', triggerPrice: '0.048001', clientOrderId: 'bot1-abcdefghijklmn-e0' },
    });
  });

  it('mirrors a buy stop: trigger rounded down, limit above it rounded up', () => {
    const intent = anIntent({ side: 'buy', type: 'stop_market', amount: '2', stopPrice: '0.0520009' });
    const result = buildOrderRequest(intent, market, options);
    expect(result.kind === 'send' && [result.request.triggerPrice, result.request.price]).toEqual(['0.052', '0.05226']);
  });

  it('refuses a stop where the venue takes none', () => {
    const intent = anIntent({ side: 'sell', type: 'stop_market', stopPrice: '0.048' });
    expect(buildOrderRequest(intent, market, { ...options, stopOrders: false })).toEqual({ kind: 'refused', reason: 'the exchange takes no stop orders for ETH/BTC' });
  });

  it('sends a market order without a price, its notional checked at the expected price (at the minimum is enough)', () => {
    expect(buildOrderRequest(anIntent({ type: 'market', amount: '0.0021', price: '0.05' }), market, options)).toEqual({
      kind: 'send',
      request: { symbol: 'ETH/BTC', type: 'market', side: 'buy', amount: '0.002', clientOrderId: 'bot1-abcdefghijklmn-e0' },
    });
  });

  it('refuses with the values named: below minAmount, below minCost, above the maxima', () => {
    expect(buildOrderRequest(anIntent({ amount: '0.0009' }), market, options)).toEqual({
      kind: 'refused',
      reason: 'amount 0 (from 0.0009, step 0.001) is below minAmount 0.001',
    });
    expect(buildOrderRequest(anIntent({ amount: '0.001', price: '0.05' }), market, options)).toEqual({
      kind: 'refused',
      reason: 'notional 0.00005 (amount 0.001 × price 0.05) is below minCost 0.0001',
    });
    expect(buildOrderRequest(anIntent({ amount: '1000.5' }), market, options)).toEqual({ kind: 'refused', reason: 'amount 1000.5 is above maxAmount 1000' });
    expect(buildOrderRequest(anIntent({ amount: '999', price: '0.2' }), market, options)).toEqual({ kind: 'refused', reason: 'notional 199.8 is above maxCost 100' });
  });

  it('refuses a market order with no price to check the notional against', () => {
    expect(buildOrderRequest(anIntent({ type: 'market', price: undefined }), market, options)).toEqual({
      kind: 'refused',
      reason: 'no price to check the minimum notional against',
    });
  });
});
