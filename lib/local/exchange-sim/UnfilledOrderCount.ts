import { VenueError } from './errors.js';

/** One of exchangeInfo's ORDERS rate limits: at most `limit` unfilled new orders per `intervalNum` `interval`s. */
export interface OrderRateLimit {
  readonly interval: 'SECOND' | 'MINUTE' | 'DAY';
  readonly intervalNum: number;
  readonly limit: number;
}

/** The venue's, as exchangeInfo advertises them. */
export const VENUE_ORDER_RATE_LIMITS: readonly OrderRateLimit[] = [
  { interval: 'SECOND', intervalNum: 10, limit: 100 },
  { interval: 'DAY', intervalNum: 1, limit: 200_000 },
];

const INTERVAL_MS = { SECOND: 1000, MINUTE: 60_000, DAY: 86_400_000 } as const;

interface Window {
  readonly rule: OrderRateLimit;
  readonly ms: number;
  start: number;
  count: number;
}

/**
 * The account's unfilled order count (rest-api.md "Unfilled Order Count", faqs/order_count_decrement.md):
 * every order placed adds one in each interval, counted from the epoch; an order's first fill, as taker
 * or maker, takes one off again (the venue may take more off for a maker's, which is not modelled);
 * cancels and expiries change nothing. An order placed at a full count is refused with 429 and -1015.
 */
export class UnfilledOrderCount {
  private readonly windows: Window[];

  constructor(
    readonly limits: readonly OrderRateLimit[],
    private readonly clock: () => number,
  ) {
    if (limits.some((l) => !(l.limit > 0 && l.intervalNum > 0))) throw new Error('order rate limits and their intervals must be positive');
    this.windows = limits.map((rule) => ({ rule, ms: INTERVAL_MS[rule.interval] * rule.intervalNum, start: -1, count: 0 }));
  }

  /** Refuses a new order when any interval's count is at its limit, with a Retry-After to that interval's end. */
  admit(): void {
    const now = this.clock();
    for (const w of this.windows) {
      this.roll(w, now);
      if (w.count < w.rule.limit) continue;
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + w.ms - now) / 1000));
      throw new VenueError(429, -1015, `Too many new orders; current limit is ${w.rule.limit} orders per ${w.rule.intervalNum} ${w.rule.interval}.`, retryAfterSeconds);
    }
  }

  placed(): void {
    const now = this.clock();
    for (const w of this.windows) {
      this.roll(w, now);
      w.count += 1;
    }
  }

  /** An order's first fill: one off the count of each interval it still falls in. */
  firstFill(): void {
    const now = this.clock();
    for (const w of this.windows) {
      this.roll(w, now);
      w.count = Math.max(0, w.count - 1);
    }
  }

  private roll(w: Window, now: number): void {
    const start = now - (now % w.ms);
    if (start <= w.start) return;
    w.start = start;
    w.count = 0;
  }
}
