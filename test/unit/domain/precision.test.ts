import { describe, expect, it } from 'vitest';
import { ceilToStep, floorToStep, nearestStep } from '../../../lib/domain/precision.js';

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
