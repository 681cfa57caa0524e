import { describe, expect, it } from 'vitest';
import { botManagedCause, stopRetry } from '../../../lib/domain/botManagedStop.js';
import { aPlan } from '../../support/planFixture.js';

describe('Function: stopRetry', () => {
  it('is undefined for a plan whose stop is not bot-managed', () => {
    expect(stopRetry(aPlan())).toBeUndefined();
  });

  it("waits for a free slot when the venue's limit of resting stops kept the stop off it", () => {
    expect(stopRetry(aPlan({ botManagedStop: "5 stops already rest on ETH/BTC, the venue's limit", botManagedCause: { kind: 'stop_limit', resting: 5, limit: 5 } }))).toBe('when_slot_free');
  });

  it('never sends again a stop the venue refused at the level in force, however it is written', () => {
    const refused = { botManagedStop: 'the venue refused the stop: Too many new orders (MAX_NUM_ALGO_ORDERS)', botManagedCause: { kind: 'refused', stopPrice: '0.0950' } as const };
    expect(stopRetry(aPlan({ ...refused, activeStop: '0.095' }))).toBe('never');
    expect(stopRetry(aPlan({ ...refused, activeStop: undefined, stop: '0.095' }))).toBe('never');
  });

  it('tries a refused stop once the trail has moved it to another level', () => {
    expect(stopRetry(aPlan({ activeStop: '0.0951', botManagedStop: 'the venue refused the stop: x', botManagedCause: { kind: 'refused', stopPrice: '0.095' } }))).toBe('now');
  });

  it('never sends a stop for a position under the minimum order', () => {
    expect(stopRetry(aPlan({ filledAmount: '0.0005', botManagedStop: "holds 0.0005, under the market's minimum order 0.001", botManagedCause: { kind: 'below_minimum', held: '0.0005', minAmount: '0.001' } }))).toBe('never');
  });
});

describe('Function: botManagedCause, of a plan stored with the reason in words alone', () => {
  it.each([
    ["4 stops already rest on ETH/BTC, the venue's limit", { kind: 'stop_limit', resting: 4, limit: 4 }, 'when_slot_free'],
    ["holds 0.0005, under the market's minimum order 0.001", { kind: 'below_minimum', held: '0.0005', minAmount: '0.001' }, 'never'],
    ['the venue refused the stop: Stop price would trigger immediately.', { kind: 'refused' }, 'never'],
    ["the venue refused the stop: 5 stops already rest on ETH/BTC, the venue's limit", { kind: 'refused' }, 'never'],
  ])('reads "%s"', (reason, cause, retry) => {
    // A refusal of unknown level is never tried again, even once the trail moved the stop.
    const plan = aPlan({ activeStop: '0.097', botManagedStop: reason });
    expect(botManagedCause(plan)).toEqual(cause);
    expect(stopRetry(plan)).toBe(retry);
  });

  it('prefers the recorded cause to the words', () => {
    const plan = aPlan({ botManagedStop: "5 stops already rest on ETH/BTC, the venue's limit", botManagedCause: { kind: 'refused', stopPrice: '0.095' } });
    expect(botManagedCause(plan)).toEqual({ kind: 'refused', stopPrice: '0.095' });
  });
});
