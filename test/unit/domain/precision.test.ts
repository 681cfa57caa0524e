import { describe, expect, it } from 'vitest';
import { ceilToStep, floorToStep, nearestStep, smallestSellable } from '../../../lib/domain/precision.js';
import { aMarket } from '../../support/marketFixture.js';

describe('Function: floorToStep', () => {
  it('rounds an amount down to the lot step, never up past the budget', () => {
    expect(floorToStep('4.99999', '0.001').toFixed()).toBe('4.999');
    expect(floorToStep('5', '0.001').toFixed()).toBe('5');
    expect(floorToStep('19543.7', '1').toFixed()).toBe('19543');
  });

  it('is exact where floats are not: 0.3 / 0.1 steps', () => {
    expect(floorToStep('0.3', '0.1').toFixed()).toBe('0.3');
    expect(floorToStep(0.1 + 0.2, '0.1').toFixed()).toBe('0.3');
  });

  it('handles ADA/BTC sized prices to the satoshi', () => {
    expect(floorToStep('0.000051239', '0.00000001').toFixed()).toBe('0.00005123');
    expect(ceilToStep('0.000051231', '0.00000001').toFixed()).toBe('0.00005124');
    expect(nearestStep('0.000051235', '0.00000001').toFixed()).toBe('0.00005124');
    expect(nearestStep('0.000051225', '0.00000001').toFixed()).toBe('0.00005122');
  });
});

describe('Function: floorToStep with steps that are not powers of ten', () => {
  it('rounds to multiples of 0.5, 5 and 25 exactly, in every direction', () => {
    expect(floorToStep('7.74', '0.5').toFixed()).toBe('7.5');
    expect(ceilToStep('7.26', '0.5').toFixed()).toBe('7.5');
    expect(nearestStep('12.5', '5').toFixed()).toBe('10');
    expect(floorToStep('99', '25').toFixed()).toBe('75');
    expect(floorToStep('123', '10').toFixed()).toBe('120');
  });

  it('floors toward minus infinity and ceils toward plus infinity, also below zero', () => {
    expect(floorToStep('-0.0015', '0.001').toFixed()).toBe('-0.002');
    expect(ceilToStep('-0.0015', '0.001').toFixed()).toBe('-0.001');
    expect(floorToStep('-7.26', '0.5').toFixed()).toBe('-7.5');
  });
});

describe('Function: smallestSellable', () => {
  const market = aMarket({ amountStep: '0.001', minAmount: '0.001', minCost: '0.0001' });

  it('is the amount whose cost reaches the minimum cost, rounded up to the step, where that is more than the minimum amount', () => {
    // 0.0001 BTC / 0.017 = 0.00588235… ETH: 0.005 would cost 0.000085 (refused), 0.006 costs 0.000102.
    expect(smallestSellable(market, '0.017').toFixed()).toBe('0.006');
    expect(smallestSellable(market, '0.02').toFixed()).toBe('0.005');
  });

  it('is the minimum amount where the minimum cost asks for less, or the price says nothing', () => {
    expect(smallestSellable(market, '1').toFixed()).toBe('0.001');
    expect(smallestSellable(market, '0').toFixed()).toBe('0.001');
    expect(smallestSellable(market, 'NaN').toFixed()).toBe('0.001');
  });
});
