import { describe, expect, it } from 'vitest';
import { exposureBySymbol } from '../../../../lib/services/risk/exposureBySymbol.js';
import { aPlan } from '../../../support/planFixture.js';

describe('Function: exposureBySymbol', () => {
  it('values a filled plan at its average fill and an unfilled one at its approved amount and entry', () => {
    const filled = aPlan({ id: 'a', filledAmount: '2', avgEntryPrice: '0.10005' });
    const entering = aPlan({ id: 'b', status: 'entering', filledAmount: undefined, avgEntryPrice: undefined, amount: '3', entry: '0.1' });
    const other = aPlan({ id: 'c', symbol: 'LTC/BTC', filledAmount: '10', avgEntryPrice: '0.017' });
    const exposure = exposureBySymbol([filled, entering, other]);
    expect(exposure.get('ETH/BTC')?.toFixed()).toBe('0.5001');
    expect(exposure.get('LTC/BTC')?.toFixed()).toBe('0.17');
  });
});
