import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../../lib/domain/riskRejection.js';

describe('Function: describeRejection', () => {
  it('says each reason in words with its figures', () => {
    expect(describeRejection({ code: 'daily_loss_limit', lossToday: '0.031', limit: '0.03' })).toBe('lost 0.031 today, limit 0.03');
    expect(describeRejection({ code: 'cooldown', until: Date.UTC(2018, 0, 20, 6, 0) })).toBe('cooling down after a stop-out until 2018-01-20T06:00:00.000Z');
    expect(describeRejection({ code: 'stacking', existingPlanId: 'bt-x' })).toBe('plan bt-x is already open for this symbol and side');
  });
});
