import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../lib/adapters/ccxt/backoffDelay.js';
import { retryAfterMs } from '../../../../lib/adapters/ccxt/retryAfterMs.js';

const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
const almostOne = () => 0.999_999;

describe('Function: backoffDelay', () => {
  it('doubles the jitter ceiling with each failed attempt, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, almostOne))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('waits anything from zero up to the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, policy, Math.random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
    }
  });

  it("waits at least the venue's Retry-After, in full: a shorter wait would call into a ban", () => {
    expect(backoffDelay(1, policy, () => 0, 500)).toBe(500);
    expect(backoffDelay(4, policy, almostOne, 500)).toBe(799);
    expect(backoffDelay(1, policy, () => 0, 60_000)).toBe(60_000);
  });
});

describe('Function: retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs({ 'Retry-After': '2' }, 0)).toBe(2_000);
    expect(retryAfterMs({ 'Retry-After': 'Thu, 01 Jan 1970 00:00:05 GMT' }, 1_000)).toBe(4_000);
    expect(retryAfterMs({ 'Retry-After': 'soon' }, 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});
