import * as z from 'zod';

export const RetryPolicySchema = z.strictObject({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  baseDelayMs: z.number().int().min(0).default(250),
  maxDelayMs: z.number().int().min(0).default(10_000),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** Waits and randomness, injected so tests run instantly and see the schedule. */
export interface RetryTiming {
  readonly sleep: (ms: number) => Promise<void>;
  /** A uniform number in [0, 1), like Math.random. */
  readonly random: () => number;
}

export const realRetryTiming: RetryTiming = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};
