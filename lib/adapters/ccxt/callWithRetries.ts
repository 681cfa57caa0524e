import type { Logger } from '../../ports/Logger.js';
import { backoffDelay } from './backoffDelay.js';
import { classifyCcxtError } from './classifyCcxtError.js';
import type { RetryPolicy, RetryTiming } from './RetryPolicy.js';

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly timing: RetryTiming;
  readonly logger: Logger;
  /** The wait the venue asked for after the last failure, if it said. */
  readonly retryAfterMs: () => number | undefined;
  /** Scrubs a message before it is logged. */
  readonly redact: (message: string) => string;
}

/**
 * Runs a read (never an order placement: that settles by lookup first) until it succeeds,
 * fails for a reason retrying cannot fix, or runs out of attempts; then throws the last error.
 */
export async function callWithRetries<T>(operation: string, call: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyCcxtError(error);
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
