export { RetryPolicySchema, type RetryPolicy } from '../../domain/exchangeGatewaySettings.js';

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
