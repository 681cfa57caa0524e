import type { RetryPolicy } from './RetryPolicy.js';

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base·2^(n-1))) after
 * the n-th failed attempt, so many callers hit by one outage do not retry in step.
 * A venue's Retry-After is honoured in full as the floor: waiting less calls into a ban.
 * (A caller does not sleep for a Retry-After over `maxDelayMs`: it holds the venue instead, see VenueHold.)
 */
export function backoffDelay(failedAttempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(retryAfterMs, jittered);
}
