/**
 * The USD spent on language model calls per UTC day, where every instance that calls sees
 * it: the daily budget holds across decide's concurrent environments only if they share it.
 */
export interface LlmSpendCounter {
  /** The USD spent on the UTC day of `at` (ms), an exact decimal string. */
  spentOn(at: number): Promise<string>;
  /** Adds a call's cost (an exact decimal string of USD) to the UTC day of `at` (ms). */
  add(at: number, costUsd: string): Promise<void>;
}

/** The UTC day of a time in ms, as `YYYY-MM-DD`. */
export const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);
