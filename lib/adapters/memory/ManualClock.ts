import type { Clock } from '../../ports/Clock.js';

/** Time that moves only when told: simulated time for backtests and tests. */
export class ManualClock implements Clock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  set(time: number): void {
    this.time = time;
  }
}
