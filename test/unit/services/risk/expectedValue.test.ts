import { describe, expect, it } from 'vitest';
import { assessProposal } from '../../../../lib/services/risk/assessProposal.js';
import { expectedValueFraction } from '../../../../lib/services/risk/expectedValue.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { context, proposal, riskConfig } from './riskFixtures.js';

// entry 0.1, stop 0.098, target 0.104, taker fee 0.001 (the fixtures').
const LEVELS = { entry: dec('0.1'), stop: dec('0.098'), target: dec('0.104') };

describe('Function: expectedValueFraction', () => {
  it('is pWin × reward − (1 − pWin) × risk − taker fees on entry and expected exit, over the entry', () => {
    // 0.5 × 0.004 − 0.5 × 0.002 − (0.1 + 0.101) × 0.001 = 0.000799; over 0.1.
    expect(expectedValueFraction(0.5, LEVELS, '0.001').toFixed()).toBe('0.00799');
    // 0.3 × 0.004 − 0.7 × 0.002 − (0.1 + 0.0998) × 0.001 = −0.0003998; over 0.1.
    expect(expectedValueFraction(0.3, LEVELS, '0.001').toFixed()).toBe('-0.003998');
  });
});

describe('Function: assessProposal, expected value', () => {
  it('refuses a proposal whose expected value is below risk.minExpectedValue, naming both', () => {
    const verdict = assessProposal(proposal({ pWin: 0.5 }), context({ config: riskConfig({ minExpectedValue: 0.008 }) }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'expected_value', pWin: 0.5, expectedValue: '0.007990', minimum: '0.008' } });
  });

  it('refuses a losing bet against a threshold of zero', () => {
    const verdict = assessProposal(proposal({ pWin: 0.3 }), context({ config: riskConfig({ minExpectedValue: 0 }) }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'expected_value', pWin: 0.3, expectedValue: '-0.003998', minimum: '0' } });
  });

  it('approves one at or above the threshold', () => {
    expect(assessProposal(proposal({ pWin: 0.5 }), context({ config: riskConfig({ minExpectedValue: 0.0079 }) })).approved).toBe(true);
  });

  it('does not check a proposal without pWin, nor any proposal when no minimum is configured', () => {
    expect(assessProposal(proposal(), context({ config: riskConfig({ minExpectedValue: 0.5 }) })).approved).toBe(true);
    expect(assessProposal(proposal({ pWin: 0 }), context()).approved).toBe(true);
  });
});
