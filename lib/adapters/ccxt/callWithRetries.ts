import type { Logger } from '../../ports/Logger.js';
import { backoffDelay } from './backoffDelay.js';
import { type CcxtErrorClassification, classifyCcxtError } from './classifyCcxtError.js';
import type { RetryPolicy, RetryTiming } from './RetryPolicy.js';
import type { VenueHold } from './VenueHold.js';

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly timing: RetryTiming;
  readonly logger: Logger;
  /** The wait the venue asked for after the last failure, if it said. */
  readonly retryAfterMs: () => number | undefined;
  /** Scrubs a message before it is logged. */
  readonly redact: (message: string) => string;
  readonly hold: VenueHold;
}

/**
 * After a failure: holds the venue (and says so) when it banned us or asked for a longer
 * wait than a retry may sleep. True when it did: the caller must not call again.
 */
export function holdIfAsked(failure: CcxtErrorClassification, context: Pick<RetryContext, 'policy' | 'retryAfterMs' | 'redact' | 'hold'>): boolean {
  const retryAfter = context.retryAfterMs();
  const banned = failure.category === 'banned';
  const longWait = failure.category === 'rateLimited' && retryAfter !== undefined && retryAfter > context.policy.maxDelayMs;
  if (banned || longWait) context.hold.hold(banned, retryAfter, `${failure.errorClass}: ${context.redact(failure.message)}`);
  return banned || longWait;
}

/**
 * Runs a read (never an order placement: that settles by lookup first) until it succeeds,
 * fails for a reason retrying cannot fix, or runs out of attempts; then throws the last error.
 * While the venue is held (a ban, a long Retry-After) it throws without calling.
 */
export async function callWithRetries<T>(operation: string, call: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    context.hold.check(operation);
    try {
      return await call();
    } catch (error) {
      const failure = classifyCcxtError(error);
      if (holdIfAsked(failure, context)) throw error;
      if (!failure.retryable || attempt >= context.policy.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, context.policy, context.timing.random, context.retryAfterMs());
      context.logger.warn(
        { operation, attempt, delayMs, errorClass: failure.errorClass, error: context.redact(failure.message) },
        'exchange call failed; retrying',
      );
      await context.timing.sleep(delayMs);
    }
  }
}
