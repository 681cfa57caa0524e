import type { Clock } from '../ports/Clock.js';

/** The wall clock, for the deployed and local runtimes; tests and backtests use their own. */
export const systemClock: Clock = { now: () => Date.now() };
